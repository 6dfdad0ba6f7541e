"""What the dashboard and plan pages say: sentences, titles and chart data."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from walks import charts, function_check, rules
from walks.services.progress import PatientProgress
from walks.services.weekcache import week_column
from walks.wording import DECISION_TITLES, guidance_message, reasons_text, warning_cards


def _days(n: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", n) % {"count": n}


def target_sentence(week: rules.CurrentWeek) -> str:
    return ngettext(
        "Walk %(minutes)s minutes on %(days)s day: %(met)s of %(days)s done",
        "Walk %(minutes)s minutes on %(days)s days: %(met)s of %(days)s done",
        week.target_days,
    ) % {"minutes": week.target_minutes, "days": week.target_days, "met": week.days_met}


def today_sentence(progress: rules.Progress) -> str:
    week = progress.current_week
    if week is None:
        if progress.plan is not None:
            return _("Your plan starts on %(day)s.") % {
                "day": date_format(progress.plan.start_date, "j F Y")
            }
        return _("Log your first walk and your plan starts that day.")
    numbers = {"walked": week.today_minutes, "target": week.target_minutes}
    if week.today_minutes == 0:
        return _("No walk logged today yet. Today's target is %(target)s minutes.") % numbers
    if week.today_met:
        return (
            _("Today you walked %(walked)s minutes: today's target of %(target)s minutes is met.")
            % numbers
        )
    return (
        _("Today you walked %(walked)s of %(target)s minutes: not yet at today's target.") % numbers
    )


def _mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


MIN_CHART_DAYS = 14


def _first_useful_day(rows) -> int:
    """Skip the empty days before the diary or plan began (a new patient's
    chart would otherwise be eight weeks of nothing), keeping two weeks."""
    for index, row in enumerate(rows):
        if row.minutes or row.pain_before is not None or row.target_minutes is not None:
            return min(index, max(0, len(rows) - MIN_CHART_DAYS))
    return max(0, len(rows) - MIN_CHART_DAYS)


def _or_dash(value):
    return "–" if value is None else value


def chart_table(rows) -> list[dict]:
    """The charts' data by 7-day stretch, newest first: their text equivalent."""
    table = []
    for i in range(len(rows), 0, -7):
        chunk = rows[max(0, i - 7) : i]
        walked = [r for r in chunk if r.minutes]
        start, end = chunk[0].date, chunk[-1].date
        table.append(
            {
                "start": start,
                "end": end,
                "label": f"{date_format(start, 'j M')}–{date_format(end, 'j M')}",
                "minutes": sum(r.minutes for r in chunk),
                "days_walked": len(walked),
                "days_met": sum(
                    1 for r in walked if r.target_minutes and r.minutes >= r.target_minutes
                ),
                "target": _or_dash(chunk[-1].target_minutes),
                "pain_before": _or_dash(_mean(r.pain_before for r in chunk)),
                "pain_after": _or_dash(_mean(r.pain_after for r in chunk)),
            }
        )
    return table


WEEKLY_GOAL_MINUTES = rules.GOAL_MINUTES * rules.GOAL_DAYS  # 150


def keeping_it_up(p: rules.Progress) -> dict | None:
    """After a week has ended with the goal met, the dashboard is about
    keeping it up: minutes this week against 150, the run of weeks at 150 or
    more, and (not a warning) a suggestion to start again lower after two
    weeks in a row below 150. The plan's rules are unchanged."""
    if rules.GOAL_MET not in week_column(p.weeks, "decision"):
        return None
    minutes_walked = week_column(p.weeks, "minutes_walked")
    at_goal = [minutes >= WEEKLY_GOAL_MINUTES for minutes in reversed(minutes_walked)]
    streak = next((i for i, ok in enumerate(at_goal) if not ok), len(at_goal))
    below = next((i for i, ok in enumerate(at_goal) if ok), len(at_goal))
    minutes = p.current_week.minutes_walked if p.current_week else 0
    return {
        "minutes": minutes,
        "goal": WEEKLY_GOAL_MINUTES,
        "percent": min(100, round(100 * minutes / WEEKLY_GOAL_MINUTES)),
        "streak": streak,
        "suggest_restart": below >= 2,
        "restart_minutes": rules.MIN_START_MINUTES,
    }


def dashboard_context(result: PatientProgress) -> dict:
    """What the dashboard and plan pages show, computed once per request."""
    p = result.progress
    rows = result.daily(rules.DEFAULT_DAILY_DAYS, include_empty=True)
    rows = rows[_first_useful_day(rows) :]
    since = date_format(rows[0].date, "j F")
    chart = {
        "labels": [r.date.isoformat() for r in rows],
        "minutes": [r.minutes for r in rows],
        "target": [r.target_minutes for r in rows],
        "pain_before": [r.pain_before for r in rows],
        "pain_after": [r.pain_after for r in rows],
    }
    walked = [r for r in rows if r.minutes]
    met = [r for r in walked if r.target_minutes and r.minutes >= r.target_minutes]
    minutes_summary = _(
        "Daily walking minutes since %(since)s: %(walked)s with walks, %(total)s minutes in"
        " total, %(met)s at or above the day's target."
    ) % {
        "since": since,
        "walked": _days(len(walked)),
        "total": sum(r.minutes for r in walked),
        "met": _days(len(met)),
    }
    with_pain = [r for r in rows if r.pain_before is not None]
    if with_pain:
        first, last = with_pain[0], with_pain[-1]
        pain_summary = _(
            "Pain before and after walks since %(since)s: on %(first_day)s %(first_before)s"
            " before and %(first_after)s after; on %(last_day)s %(last_before)s before and"
            " %(last_after)s after."
        ) % {
            "since": since,
            "first_day": date_format(first.date, "j F"),
            "first_before": f"{first.pain_before:g}",
            "first_after": f"{first.pain_after:g}",
            "last_day": date_format(last.date, "j F"),
            "last_before": f"{last.pain_before:g}",
            "last_after": f"{last.pain_after:g}",
        }
    else:
        pain_summary = _("No walks with pain scores since %(since)s yet.") % {"since": since}
    week = p.current_week
    return {
        "progress": p,
        "keeping": keeping_it_up(p),
        "current": week,
        "last_week": p.last_week,
        "last_week_title": DECISION_TITLES.get(p.last_week.decision) if p.last_week else None,
        "last_week_reasons": reasons_text(p.last_week) if p.last_week else [],
        "warnings": warning_cards(p.warnings),
        "target_sentence": target_sentence(week) if week else None,
        "week_percent": min(100, round(100 * week.days_met / week.target_days)) if week else 0,
        "today_sentence": today_sentence(p),
        "guidance": result.guidance,
        # The plan asks for more days than the walking days chosen: ask for one more.
        "walking_days_short": bool(
            result.walking_days is not None and week and week.target_days > len(result.walking_days)
        ),
        "guidance_message": guidance_message(result.guidance),
        "chart": chart,
        "chart_table": chart_table(rows),
        "minutes_summary": minutes_summary,
        "pain_summary": pain_summary,
        "goal_minutes": rules.GOAL_MINUTES,
        "goal_days": rules.GOAL_DAYS,
    }


def week_rows(progress) -> list[dict]:
    """The plan page's table: completed weeks, most recent first."""
    return [
        {"week": w, "title": DECISION_TITLES[w.decision], "reasons": reasons_text(w)}
        for w in reversed(progress.weeks)
    ]


FUNCTION_DUE_DAYS = 7  # the dashboard asks again a week after the last check


def function_context(checks, *, today) -> dict:
    """The weekly function check on the dashboard: ask when it is due, and
    chart the scores with the change since the first one."""
    latest = checks[-1] if checks else None
    context = {
        "function_due": latest is None or (today - latest.date).days >= FUNCTION_DUE_DAYS,
        "function_latest": latest,
        "function_chart": None,
        "function_change": None,
    }
    if latest is None:
        return context
    first = checks[0]
    change = function_check.percent_change(first.score, latest.score)
    context["function_change"] = {
        "first": first,
        "percent": None if change is None else abs(change),
        "better": change is not None and change < 0,
        "meaningful": function_check.is_meaningful(first.score, latest.score),
    }
    if len(checks) > 1:
        context["function_chart"] = charts.line_chart(
            _("Weekly check score"),
            [
                charts.Series(
                    _("Score (0-10, lower is better)"),
                    [(c.date, float(c.score)) for c in checks],
                    "#6f42c1",
                )
            ],
            top_value=10,
            unit=_("score"),
            desc=_("Weekly check scores from %(first)s (%(a)s) to %(last)s (%(b)s).")
            % {
                "first": date_format(first.date, "j F Y"),
                "a": first.score,
                "last": date_format(latest.date, "j F Y"),
                "b": latest.score,
            },
        )
    return context


class PlanSnapshot(NamedTuple):
    """What a write can change without the patient asking: the plan's start
    and this week's targets."""

    start: date | None
    minutes: int | None
    days: int | None


def plan_snapshot(result: PatientProgress) -> PlanSnapshot:
    p, week = result.progress, result.progress.current_week
    return PlanSnapshot(
        p.plan.start_date if p.plan else None,
        week.target_minutes if week else None,
        week.target_days if week else None,
    )


def plan_change_sentence(before: PlanSnapshot, after: PlanSnapshot) -> str | None:
    """In plain words, how a write moved the plan, or None when it did not
    (a first walk starts the plan: its own message says so)."""
    if before.start is None or after.start is None:
        return None
    moved = before.start != after.start
    target = (before.minutes, before.days) != (after.minutes, after.days) and after.minutes
    numbers = {
        "day": date_format(after.start, "j F"),
        "minutes": after.minutes,
        "days": _days(after.days) if after.days else "",
    }
    if moved and target:
        return (
            _("This moved your plan's start to %(day)s; this week's target is now %(minutes)s "
              "minutes on %(days)s.") % numbers
        )  # fmt: skip
    if moved:
        return _("This moved your plan's start to %(day)s.") % numbers
    if target:
        return _("This week's target is now %(minutes)s minutes on %(days)s.") % numbers
    return None


class HistoryRow(NamedTuple):
    """One line of /walks/, its words already in the page's language."""

    kind: str  # "walk" or "checkin"
    title: str  # "Mon 30 Nov 2026 · Walk: 25 minutes, flat ground"
    pain: str
    sharp_pain: bool
    symptoms: str  # the reported symptoms in words, "; " between them
    notes: str
    edit_url: str
    delete_url: str
    label: str  # "walk of 30 Nov 2026", for screen readers beside Edit and Delete


def _url_maker(name: str):
    """reverse(name, pk) for many rows at the cost of one reverse."""
    marker = 987654321
    head, tail = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def history_rows(rows) -> list[HistoryRow]:
    """The history page's rows: each sentence translated once per page (and
    once per distinct value), not once per row inside the template."""
    walk_title = {}  # (minutes, surface) -> "Walk: ..."
    days = {}  # date -> (long, short)
    urls = {
        (kind, action): _url_maker(f"walks:{kind}_{action}")
        for kind in ("walk", "checkin") for action in ("edit", "delete")
    }  # fmt: skip
    walk_pain, checkin_pain = _("Pain %(before)s before, %(after)s after"), _("Pain %(pain)s")
    walk_of, checkin_of, checkin = _("walk of %(day)s"), _("check-in of %(day)s"), _("Check-in")
    found = []
    for kind, entry in rows:
        if entry.date not in days:
            days[entry.date] = (
                date_format(entry.date, "D j M Y"),
                date_format(entry.date, "j M Y"),
            )
        long_day, short_day = days[entry.date]
        if kind == "walk":
            key = (entry.duration_minutes, entry.surface)
            if key not in walk_title:
                walk_title[key] = ngettext(
                    "Walk: %(minutes)s minute, %(surface)s",
                    "Walk: %(minutes)s minutes, %(surface)s",
                    entry.duration_minutes,
                ) % {"minutes": entry.duration_minutes, "surface": entry.surface_short}
            what = walk_title[key]
            pain = walk_pain % {"before": entry.pain_before, "after": entry.pain_after}
            label = walk_of % {"day": short_day}
        else:
            what, pain = checkin, checkin_pain % {"pain": entry.pain}
            label = checkin_of % {"day": short_day}
        found.append(
            HistoryRow(
                kind=kind,
                title=f"{long_day} · {what}",
                pain=pain,
                sharp_pain=kind == "walk" and entry.stopped_for_sharp_pain,
                symptoms="; ".join(str(word) for word in entry.symptom_words),
                notes=entry.notes,
                edit_url=urls[kind, "edit"](entry.pk),
                delete_url=urls[kind, "delete"](entry.pk),
                label=label,
            )
        )
    return found
