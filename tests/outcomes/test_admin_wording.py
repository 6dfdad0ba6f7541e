"""An admin's edit of wording survives the loader, and never changes a score."""

import pytest

from outcomes import instruments
from outcomes.loading import load_shipped
from outcomes.models import Item, Option, Questionnaire
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("questionnaires")


def test_the_loader_never_overwrites_an_edit_and_adds_what_is_missing():
    item = Item.objects.get(questionnaire__slug="back-function", number=3)
    item.text = "A clinic's licensed wording"
    item.save()
    Item.objects.filter(questionnaire__slug="outlook", number=9).delete()
    assert load_shipped(Questionnaire, Item, Option) == 1 + 5  # the item and its options
    item.refresh_from_db()
    assert item.text == "A clinic's licensed wording"
    assert load_shipped(Questionnaire, Item, Option) == 0  # idempotent


def test_every_stored_option_scores_as_the_code_says():
    for option in Option.objects.select_related("item__questionnaire"):
        slug, number = option.item.questionnaire.slug, option.item.number
        assert option.score == instruments.option_score(slug, number, option.value)
    counts = {q.slug: q.items.count() for q in Questionnaire.objects.all()}
    assert counts == instruments.ITEM_COUNTS


def test_edited_wording_shows_on_the_form(patient_client):
    Item.objects.filter(questionnaire__slug="recurrence", number=1).update(text="Edited wording")
    Questionnaire.objects.filter(slug="back-function").update(title="Roland wording here")
    body = patient_client.get("/questionnaires/back-function/").content.decode()
    assert "Roland wording here" in body


@pytest.fixture
def staff_client(client, db, settings):
    settings.STAFF_REQUIRE_2FA = False  # the second factor has its own tests
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


def test_the_admin_edits_wording_but_not_scoring(staff_client):
    q = Questionnaire.objects.get(slug="recurrence")
    url = f"/admin/outcomes/questionnaire/{q.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert 'name="items-0-text"' in page and 'name="items-0-number"' not in page
    items = list(q.items.all())
    data = {
        "title": "Back again?", "title_hi": q.title_hi, "intro": q.intro, "intro_hi": q.intro_hi,
        "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "2",
        "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, item in enumerate(items):
        prefix = f"items-{n}-"
        data |= {prefix + "id": item.pk, prefix + "questionnaire": q.pk,
                 prefix + "text": f"New words {n}", prefix + "text_hi": item.text_hi}  # fmt: skip
    assert staff_client.post(url, data).status_code == 302
    assert [i.text for i in q.items.all()] == ["New words 0", "New words 1"]
    assert staff_client.get("/admin/outcomes/questionnaire/add/").status_code == 403
    option = Option.objects.filter(item__questionnaire=q).first()
    page = staff_client.get(f"/admin/outcomes/option/{option.pk}/change/").content.decode()
    assert 'name="text"' in page and 'name="score"' not in page
