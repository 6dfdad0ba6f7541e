"""Weekly lessons: lesson N opens in plan week N (issue 19)."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from django.test import Client

from lessons.content import LESSONS
from lessons.models import Lesson, LessonDone
from tests.factories import CheckInFactory, WalkFactory
from walks.services import entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lessons")]


def start_plan(user, today, weeks_ago: int):
    entries.set_plan(
        user=user, start_date=today - datetime.timedelta(weeks=weeks_ago), start_minutes=10
    )


def lesson_links(response) -> list[str]:
    return re.findall(r'href="/lessons/([a-z-]+)/"', response.content.decode())


def test_eight_lessons_of_150_to_400_words_each_with_an_action():
    lessons = list(Lesson.objects.all())
    assert [lesson.week for lesson in lessons] == list(range(1, 9))
    for lesson in lessons:
        words = len(f"{lesson.body} {lesson.action}".split())
        assert 150 <= words <= 400, (lesson.slug, words)
        assert lesson.action.startswith("This week:")


def test_a_patient_without_a_plan_sees_lesson_one_and_the_warning_signs(patient_client):
    page = patient_client.get("/lessons/")
    assert lesson_links(page) == ["why-walking-helps", "what-the-warning-signs-mean"]
    assert page.content.decode().count("Locked") == 6
    assert "opens in week 2" in page.content.decode()


@pytest.mark.parametrize(("weeks_ago", "open_count"), [(0, 2), (2, 4), (3, 5), (12, 8)])
def test_lesson_n_opens_in_plan_week_n(patient_client, patient, today, weeks_ago, open_count):
    start_plan(patient, today, weeks_ago)  # started `weeks_ago` weeks ago: week weeks_ago+1
    assert len(lesson_links(patient_client.get("/lessons/"))) == open_count


def test_the_last_day_of_week_two_still_keeps_lesson_three_locked(patient_client, patient, today):
    entries.set_plan(user=patient, start_date=today - datetime.timedelta(days=13),
                     start_minutes=10)  # fmt: skip
    assert len(lesson_links(patient_client.get("/lessons/"))) == 3  # 1, 2 and the warning signs
    locked = patient_client.get("/lessons/when-it-flares-up/")
    assert locked.status_code == 302 and locked["Location"] == "/lessons/"
    assert (
        "That lesson opens in week 3 of your plan."
        in patient_client.get("/lessons/").content.decode()
    )
    open_one = patient_client.get("/lessons/pacing-and-the-traffic-light/")
    assert (
        open_one.status_code == 200
        and "Pacing and the pain traffic light" in open_one.content.decode()
    )


def test_marking_a_lesson_done_is_remembered_for_that_patient_only(
    patient_client, patient, other_patient, client
):
    response = patient_client.post("/lessons/why-walking-helps/", {"done": "1"})
    assert response.status_code == 302
    patient_client.post("/lessons/why-walking-helps/", {"done": "1"})  # twice is still once
    assert LessonDone.objects.filter(user=patient).count() == 1
    assert (
        "You have marked this lesson as done."
        in patient_client.get("/lessons/why-walking-helps/").content.decode()
    )
    assert "Done" in patient_client.get("/lessons/").content.decode()
    client.force_login(other_patient)
    assert "Mark as done" in client.get("/lessons/why-walking-helps/").content.decode()


def test_a_locked_lesson_cannot_be_marked_done(patient_client, patient):
    response = patient_client.post("/lessons/keeping-it-going/", {"done": "1"})
    assert response.status_code == 302 and response["Location"] == "/lessons/"
    assert not LessonDone.objects.exists()


def test_unknown_lesson_is_404_and_lessons_need_login(patient_client):
    assert patient_client.get("/lessons/no-such-lesson/").status_code == 404
    assert Client().get("/lessons/").status_code == 302


def test_the_dashboard_shows_this_weeks_lesson(patient_client, patient, today):
    WalkFactory(user=patient, date=today - datetime.timedelta(weeks=3))  # plan week 4
    body = patient_client.get("/").content.decode()
    card = body.split('id="lesson-card"')[1].split("</section>")[0]
    assert "Posture, shoes and surfaces" in card
    assert "Done" not in card
    patient_client.post("/lessons/posture-shoes-and-surfaces/", {"done": "1"})
    card = patient_client.get("/").content.decode().split('id="lesson-card"')[1]
    assert "Done" in card.split("</section>")[0]


def test_an_admin_edit_shows_as_written(patient_client):
    Lesson.objects.filter(week=1).update(title="Walking and your back, in brief")
    assert "Walking and your back, in brief" in patient_client.get("/lessons/").content.decode()


def seed_shingles() -> set[str]:
    path = Path(__file__).parent / "data" / "seed_shingles.txt"
    return {line for line in path.read_text().splitlines() if not line.startswith("#")}


def shingles(text: str) -> dict[str, str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {
        hashlib.sha256(" ".join(words[i : i + 8]).encode()).hexdigest()[:16]: " ".join(
            words[i : i + 8]
        )
        for i in range(len(words) - 7)
    }


def test_the_copy_check_catches_a_copied_run_of_words():
    seed = seed_shingles()
    assert len(seed) > 500
    copied = "Lower back pain is a common issue that affects millions of people worldwide."
    assert set(shingles(copied)) & seed  # a sentence from the article is caught
    assert not set(shingles("walk tall and swing your arms as you go")) & seed


def test_no_lesson_copies_eight_words_in_a_row_from_the_seed_article():
    seed = seed_shingles()
    for lesson in LESSONS:
        found = shingles(f"{lesson['title']} {lesson['body']} {lesson['action']}")
        copied = [found[h] for h in found.keys() & seed]
        assert copied == [], (lesson["slug"], copied)


def test_the_flare_up_lesson_opens_the_first_time_the_plan_pauses(patient_client, patient, today):
    start = today - datetime.timedelta(days=8)  # week 2 today
    entries.set_plan(user=patient, start_date=start, start_minutes=10)
    assert "when-it-flares-up" not in lesson_links(patient_client.get("/lessons/"))
    CheckInFactory(user=patient, date=start + datetime.timedelta(days=2), pain=3, fever=True)
    assert "when-it-flares-up" in lesson_links(patient_client.get("/lessons/"))
    assert patient_client.get("/lessons/when-it-flares-up/").status_code == 200
