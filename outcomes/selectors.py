"""Reading questionnaires and a patient's scores (every query scoped to its owner)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min, Prefetch

from outcomes import instruments
from outcomes.models import Answer, Item, Questionnaire, Response
from walks import rules
from walks.models import Walk


def questionnaire(slug: str) -> Questionnaire | None:
    """One questionnaire with its items and their options (three queries)."""
    return (
        Questionnaire.objects.filter(slug=slug)
        .prefetch_related(Prefetch("items", Item.objects.prefetch_related("options")))
        .first()
    )


def questionnaires_by_slug() -> dict[str, Questionnaire]:
    return {q.slug: q for q in Questionnaire.objects.all()}


def goal_first_met(progress: rules.Progress) -> date | None:
    """The last day of the first week that met the goal, in the current plan."""
    return next((w.end for w in progress.weeks if w.decision == rules.GOAL_MET), None)


def schedule_facts(user, progress: rules.Progress) -> instruments.ScheduleFacts:
    """What the schedule needs, as of the progress's today: one query, and a
    second only when the plan's start is later than the last outlook."""
    rows = (
        Response.objects.filter(user=user)
        .values("questionnaire__slug")
        .annotate(last=Max("answered_on"), goal=Min("goal_met_on"))
    )
    last = {r["questionnaire__slug"]: r["last"] for r in rows}
    stored_goal = min((r["goal"] for r in rows if r["goal"] is not None), default=None)
    goals = [d for d in (stored_goal, goal_first_met(progress)) if d is not None]
    restarted = None
    plan = progress.plan
    outlook = last.get(instruments.OUTLOOK)
    if (
        plan is not None
        and outlook is not None
        and plan.start_date > outlook
        and Walk.objects.filter(user=user, date__lt=plan.start_date).exists()
    ):
        restarted = plan.start_date
    return instruments.ScheduleFacts(
        today=progress.today,
        last_answered=last,
        restarted_on=restarted,
        goal_met_on=min(goals, default=None),
    )


def responses(user, *, with_answers=False) -> list[Response]:
    """The patient's responses, oldest first (with each one's answers if asked)."""
    found = Response.objects.filter(user=user).select_related("questionnaire")
    if with_answers:
        found = found.prefetch_related(Prefetch("answers", Answer.objects.select_related("item")))
    return list(found)


def response(user, pk: int) -> Response | None:
    return Response.objects.filter(user=user, pk=pk).select_related("questionnaire").first()


@dataclass(frozen=True)
class Scores:
    """The patient's scores: every response per questionnaire, oldest first."""

    by_slug: dict[str, list[Response]]

    def latest(self, slug: str) -> Response | None:
        found = self.by_slug.get(slug)
        return found[-1] if found else None

    def first(self, slug: str) -> Response | None:
        found = self.by_slug.get(slug)
        return found[0] if found else None

    @property
    def back_function_change(self) -> dict | None:
        first, latest = (
            self.first(instruments.BACK_FUNCTION),
            self.latest(instruments.BACK_FUNCTION),
        )
        if first is None:
            return None
        return {
            "first": first,
            "latest": latest,
            "change": latest.score - first.score,
            "meaningful": instruments.meaningful_change(first.score, latest.score),
        }

    @property
    def recurrences(self) -> list[Response]:
        return [r for r in self.by_slug.get(instruments.RECURRENCE, []) if r.recurrence]

    @property
    def days_to_first_recurrence(self) -> int | None:
        found = self.recurrences
        if not found or found[0].goal_met_on is None:
            return None
        return (found[0].answered_on - found[0].goal_met_on).days

    def as_json(self) -> dict:
        """The "scores" of /progress.json and the API: the latest of each."""
        doc: dict = {}
        for slug in instruments.SLUGS:
            latest = self.latest(slug)
            if latest is None:
                doc[slug] = None
                continue
            first = self.first(slug)
            entry = {"date": latest.answered_on.isoformat(), "score": latest.score}
            if slug == instruments.BACK_FUNCTION:
                entry["first"] = first.score
                entry["first_date"] = first.answered_on.isoformat()
                entry["meaningful_change"] = instruments.meaningful_change(
                    first.score, latest.score
                )
            elif slug == instruments.OUTLOOK:
                entry["band"] = latest.band
                entry["distress"] = latest.subscale
            else:
                entry["recurrence"] = latest.recurrence
                entry["recurrences"] = len(self.recurrences)
                entry["days_to_first_recurrence"] = self.days_to_first_recurrence
            doc[slug] = entry
        return doc


def scores(user, *, until: date | None = None) -> Scores:
    """Every response of the patient (one query), up to `until` if given."""
    found = Response.objects.filter(user=user).select_related("questionnaire")
    if until is not None:
        found = found.filter(answered_on__lte=until)
    by_slug: dict[str, list[Response]] = {}
    for r in found:
        by_slug.setdefault(r.questionnaire.slug, []).append(r)
    return Scores(by_slug=by_slug)
