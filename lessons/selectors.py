"""Which lessons a patient can open: lesson N opens in week N of their plan
(week 1 for a patient without a plan), and every lesson once the plan has
run past the last lesson's week."""

from datetime import date

from django.db.models import Exists, OuterRef

from lessons.models import Lesson, LessonDone
from walks import selectors as walk_selectors
from walks.rules import week_index


def week_of(plan, today: date) -> int:
    if plan is None or today < plan.start_date:
        return 1
    return week_index(plan.start_date, today) + 1


def plan_week(user, today: date) -> int:
    return week_of(walk_selectors.plan_settings(user), today)


def lessons_for(user, today: date) -> tuple[list[Lesson], int]:
    """All lessons with `unlocked` and `done` set, and the plan week."""
    week = plan_week(user, today)
    done = set(LessonDone.objects.filter(user=user).values_list("lesson_id", flat=True))
    lessons = list(Lesson.objects.all())
    for lesson in lessons:
        lesson.unlocked = lesson.week <= week
        lesson.done = lesson.pk in done
    return lessons, week


def this_weeks_lesson(user, week: int) -> Lesson | None:
    """The latest lesson open in plan week `week`, with `done`: one query."""
    return (
        Lesson.objects.filter(week__lte=week)
        .annotate(done=Exists(LessonDone.objects.filter(user=user, lesson=OuterRef("pk"))))
        .order_by("-week")
        .first()
    )
