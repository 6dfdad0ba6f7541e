"""Which lessons a patient can open: lesson N opens in week N of their plan
(week 1 for a patient without a plan), and every lesson once the plan has
run past the last lesson's week. Two open early: the warning signs from week
1 (safety comes first), and the flare-up lesson the first time the plan steps
back or pauses, when it is needed."""

from datetime import date

from django.db.models import Exists, OuterRef

from lessons.models import Lesson, LessonDone
from walks import rules
from walks import selectors as walk_selectors
from walks.rules import week_index
from walks.services.progress import patient_progress

SAFETY_LESSON = "what-the-warning-signs-mean"
FLARE_UP_LESSON = "when-it-flares-up"


def week_of(plan, today: date) -> int:
    if plan is None or today < plan.start_date:
        return 1
    return week_index(plan.start_date, today) + 1


def plan_week(user, today: date) -> int:
    return week_of(walk_selectors.plan_settings(user), today)


def opened_early(user, today: date) -> set[str]:
    """The lessons open before their week, for this patient today."""
    slugs = {SAFETY_LESSON}
    weeks = patient_progress(user, today=today, daily_days=1).progress.weeks
    if any(w.decision in (rules.STEP_BACK, rules.PAUSE) for w in weeks):
        slugs.add(FLARE_UP_LESSON)
    return slugs


def is_open(lesson: Lesson, *, week: int, early: set[str]) -> bool:
    return lesson.week <= week or lesson.slug in early


def lessons_for(user, today: date) -> tuple[list[Lesson], int]:
    """All lessons with `unlocked` and `done` set, and the plan week."""
    week = plan_week(user, today)
    early = opened_early(user, today)
    done = set(LessonDone.objects.filter(user=user).values_list("lesson_id", flat=True))
    lessons = list(Lesson.objects.all())
    for lesson in lessons:
        lesson.unlocked = is_open(lesson, week=week, early=early)
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
