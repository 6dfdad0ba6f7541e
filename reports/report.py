"""Everything one report shows, for one patient and one period.

The numbers come from the same rules and queries as the dashboard and
/progress.json (a test compares them): the plan's weeks from
`patient_progress`, the warnings by replaying `find_warnings` day by day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from outcomes import instruments
from outcomes import selectors as outcome_selectors
from reports.models import ReportSettings
from walks import charts, diary, function_check, redflags, rules, selectors, wording
from walks.diary import days_between
from walks.services import progress

DEFAULT_WEEKS = 12
MAX_DAYS = 366  # a report covers at most a year: one page a doctor can read


@dataclass(frozen=True)
class WeekRow:
    week: rules.Week
    title: str
    reasons: list[str]
    mean_before: float | None
    mean_after: float | None
    in_progress: bool = False


@dataclass
class Report:
    name: str
    start: date
    end: date
    today: date
    plan: rules.PlanSettings | None
    current: rules.CurrentWeek | None
    goal_met: bool
    weeks: list[WeekRow] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    visits: list = field(default_factory=list)  # doctor visits in the period
    guidance: str = ""  # today's advice, as every other surface gives it
    active: list[dict] = field(default_factory=list)
    warnings_today: tuple = ()
    symptoms: list[tuple[date, list[str]]] = field(default_factory=list)
    checks: list = field(default_factory=list)
    check_change: dict | None = None
    notes: list[tuple[date, str, str]] = field(default_factory=list)
    minutes_chart: str = ""
    pain_chart: str = ""
    function_chart: str = ""
    totals: dict = field(default_factory=dict)
    back_function: list = field(default_factory=list)  # scores in the period
    back_function_change: dict | None = None  # from the first score ever
    outlook: object = None  # the latest outlook screen up to the period's end
    recurrences: list = field(default_factory=list)
    days_to_first_recurrence: int | None = None


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1), today


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def build_report(user, *, start: date, end: date, today: date, name: str = "") -> Report:
    """The report for `start`..`end` (both included, end at most today)."""
    result = progress.patient_progress(
        user,
        today=today,
        daily_days=min(rules.MAX_DAILY_DAYS, (today - start).days + 1 + redflags.days_needed()),
    )
    p, days = result.progress, result.days
    report = Report(
        name=name,
        start=start,
        end=end,
        today=today,
        plan=p.plan,
        current=p.current_week,
        goal_met=p.goal_met,
    )

    # Weeks of the plan that overlap the period, as the plan numbers them.
    for week in p.weeks:
        if week.end < start or week.start > end:
            continue
        in_week = days_between(days, week.start, week.end)
        walks = sum(d.walks for d in in_week)
        report.weeks.append(
            WeekRow(
                week=week,
                title=str(wording.DECISION_TITLES[week.decision]),
                reasons=wording.reasons_text(week),
                mean_before=_mean(sum(d.pain_before_sum for d in in_week), walks),
                mean_after=_mean(sum(d.pain_after_sum for d in in_week), walks),
            )
        )

    # Warnings: replay the rules for each day, as of the doctor visits known
    # by then; note the day each began and the visit that resolved it.
    week1 = p.weeks[0].week_pain if len(p.weeks) else None
    plan_start = p.plan.start_date if p.plan else None
    visits = selectors.doctor_visits_until(user, end)
    report.visits = [v for v in visits if v.seen_on >= start]
    by_day = {v.seen_on: v for v in visits}  # the latest visit of each day
    seen = max((v.seen_on for v in visits if v.seen_on < start), default=None)
    raised: dict[str, dict] = {}
    day = start
    while day <= end:
        visit = by_day.get(day)
        if visit is not None:
            seen = day
        found = redflags.find_warnings(
            days=days, today=day, plan_start=plan_start, week1_pain=week1, seen_on=seen
        )
        codes = {w.code for w in found}
        for code in set(raised) - codes:
            if visit is not None:
                raised[code]["resolved_by"] = visit
            del raised[code]
        for w in found:
            if w.code not in raised:
                raised[w.code] = {"date": day, **wording.warning_cards([w])[0]}
                report.warnings.append(raised[w.code])
        day += timedelta(days=1)
    report.active = wording.warning_cards(p.warnings)
    report.guidance = wording.guidance_message(result.guidance)
    report.warnings_today = p.warnings

    for d in days_between(days, start, end):
        if d.symptoms:
            report.symptoms.append(
                (d.date, [str(wording.SYMPTOM_WORDS[s]) for s in diary.SYMPTOMS if s in d.symptoms])
            )

    report.checks = selectors.function_checks(user, since=start, until=end)
    if len(report.checks) > 1:
        first, last = report.checks[0], report.checks[-1]
        change = function_check.percent_change(first.score, last.score)
        report.check_change = {
            "first": first,
            "last": last,
            "percent": change,
            "meaningful": function_check.is_meaningful(first.score, last.score),
        }

    scores = outcome_selectors.scores(user, until=end)
    report.back_function = [
        r for r in scores.by_slug.get(instruments.BACK_FUNCTION, []) if r.answered_on >= start
    ]
    report.back_function_change = scores.back_function_change
    report.outlook = scores.latest(instruments.OUTLOOK)
    report.recurrences = scores.recurrences
    report.days_to_first_recurrence = scores.days_to_first_recurrence

    report.notes = selectors.notes_between(user, start=start, end=end)
    _charts(report, p, days)
    in_period = days_between(days, start, end)
    report.totals = {
        "minutes": sum(d.minutes for d in in_period),
        "days_walked": sum(1 for d in in_period if d.walks),
        "walks": sum(d.walks for d in in_period),
        "days": (end - start).days + 1,
    }
    return report


def report_for(user, *, start: date, end: date, today: date) -> Report:
    """The report under the name the patient chose for it (the report page,
    the PDF, a shared link and the clinician's view all read this)."""
    name = (
        ReportSettings.objects.filter(user=user).values_list("display_name", flat=True).first()
        or ""
    )
    return build_report(user, start=start, end=end, today=today, name=name)


def _charts(report: Report, p: rules.Progress, days) -> None:
    # From the first entry in the period when that is later than its start:
    # ten days of diary are not squeezed against the right edge of 12 weeks.
    first = min((d for d in days if report.start <= d <= report.end), default=report.start)
    dates = [first + timedelta(days=i) for i in range((report.end - first).days + 1)]
    minutes = [days[d].minutes if d in days else 0 for d in dates]
    targets = [p.target_on(d) for d in dates]
    walked = sum(1 for m in minutes if m)
    report.minutes_chart = charts.minutes_chart(
        dates,
        minutes,
        targets,
        desc=_("Walks on %(walked)d of %(total)d days, %(minutes)d minutes in all.")
        % {"walked": walked, "total": len(dates), "minutes": sum(minutes)},
    )

    def pain(d, attr):
        day = days.get(d)
        return round(getattr(day, attr) / day.walks, 1) if day and day.walks else None

    before = [(d, pain(d, "pain_before_sum")) for d in dates]
    after = [(d, pain(d, "pain_after_sum")) for d in dates]
    report.pain_chart = charts.line_chart(
        _("Pain before and after walks (0-10)"),
        [
            charts.Series(_("Before"), before, "#6f42c1", "", "circle"),
            charts.Series(_("After"), after, "#1f7a4d", "5 3", "square"),
        ],
        top_value=10,
        unit=_("pain"),
        desc=_("Daily mean pain before and after walks over the period."),
    )
    if report.checks:
        report.function_chart = charts.line_chart(
            _("Weekly check score (0-10, lower is better)"),
            [
                charts.Series(
                    _("Score"), [(c.date, float(c.score)) for c in report.checks], "#1b1b1b"
                )
            ],
            top_value=10,
            unit=_("score"),
            desc=_("Weekly check scores over the period."),
        )
