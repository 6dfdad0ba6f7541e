"""A patient never sees or changes another patient's entries: 404, unchanged."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from outcomes.models import Questionnaire, Response
from tests.factories import CheckInFactory, PlanFactory, WalkFactory, checkin_data, walk_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_entries(patient):
    return {
        "walk": WalkFactory(user=patient, duration_minutes=17, notes="alice private note"),
        "checkin": CheckInFactory(user=patient, pain=6, notes="alice checkin note"),
    }


def _urls(entries):
    walk, checkin = entries["walk"].pk, entries["checkin"].pk
    return [
        (f"/walks/{walk}/edit/", walk_data(duration_minutes="99")),
        (f"/walks/{walk}/delete/", {}),
        (f"/checkins/{checkin}/edit/", checkin_data(pain="0")),
        (f"/checkins/{checkin}/delete/", {}),
    ]


def test_every_owned_url_is_404_for_another_patient(client, other_patient, alices_entries):
    client.force_login(other_patient)
    for url, data in _urls(alices_entries):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    walk, checkin = alices_entries["walk"], alices_entries["checkin"]
    walk.refresh_from_db()
    checkin.refresh_from_db()
    assert walk.duration_minutes == 17
    assert checkin.pain == 6


def test_owner_can_reach_the_same_urls(client, patient, alices_entries):
    client.force_login(patient)
    for url, _ in _urls(alices_entries):
        assert client.get(url).status_code == 200, url


def test_lists_exports_and_progress_show_only_own_data(client, other_patient, alices_entries):
    PlanFactory(user=alices_entries["walk"].user)
    client.force_login(other_patient)
    for url in ["/walks/", "/walks/export.csv", "/accounts/me/export.json", "/", "/plan/"]:
        body = client.get(url).content.decode()
        assert "alice private note" not in body, url
        assert "alice checkin note" not in body, url
    data = client.get("/progress.json").json()
    assert data["plan"] is None and data["daily"] == [] and data["warnings"] == []


def test_unknown_ids_are_404(patient_client):
    assert patient_client.get("/walks/999999/edit/").status_code == 404
    assert patient_client.get("/walks/99999999999999999999999/edit/").status_code == 404


def _owned_routes():
    """Every URL pattern in the project that takes an object id."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and "<int:pk>" in str(p.pattern):
                yield prefix + str(p.pattern)

    return sorted(r for r in walk(get_resolver().url_patterns) if not r.startswith("admin/"))


def test_enumerated_owned_urls_answer_404_to_another_patient(client, other_patient, patient):
    owned = {
        "walks/": (WalkFactory, walk_data, "duration_minutes", 17),
        "checkins/": (CheckInFactory, checkin_data, "pain", 6),
    }
    routes = _owned_routes()
    assert len(routes) == 5, routes
    client.force_login(other_patient)
    # A questionnaire result: read-only, so only the 404 is checked.
    route = next(r for r in routes if r.startswith("questionnaires/"))
    theirs = Response.objects.create(
        user=patient, questionnaire=Questionnaire.objects.get(slug="outlook"),
        answered_on=timezone.localdate(), score=2, subscale=0, band="low",
    )  # fmt: skip
    url = "/" + route.replace("<slug:slug>", "outlook").replace("<int:pk>", str(theirs.pk))
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    routes.remove(route)
    for route in routes:
        prefix = next(p for p in owned if route.startswith(p))  # unknown prefix: StopIteration
        factory, data, field, value = owned[prefix]
        obj = factory(user=patient, **{field: value})
        url = "/" + route.replace("<int:pk>", str(obj.pk))
        assert client.get(url).status_code == 404, url
        assert client.post(url, data(**{field: "1"})).status_code == 404, url
        obj.refresh_from_db()
        assert getattr(obj, field) == value, url
