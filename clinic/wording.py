"""Short words for the clinician's panel (the patient's own pages use
walks/wording.py's full sentences)."""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clinic import selectors
from walks import guidance, rules

STATE_LABELS = {
    guidance.EMERGENCY: gettext_lazy("Told to get emergency care now"),
    guidance.DOCTOR_TODAY: gettext_lazy("Told to see a doctor today"),
    guidance.REST_ADVISED: gettext_lazy("Resting on a doctor's advice"),
    guidance.HOLD: gettext_lazy("Told to see a doctor soon; plan holds"),
    guidance.EASE: gettext_lazy("Easing off after sharp or joint pain"),
    guidance.REST_DAY: gettext_lazy("Rest day"),
    guidance.DONE: gettext_lazy("Walked today's target"),
    guidance.WALK: gettext_lazy("Walking to plan"),
    guidance.START: gettext_lazy("Not started yet"),
}

ATTENTION_LABELS = {
    selectors.URGENT: gettext_lazy("Emergency or same-day warning"),
    selectors.DOCTOR: gettext_lazy("Doctor warning"),
    selectors.PAIN_UP: gettext_lazy("Pain up 2 or more"),
    selectors.QUIET: gettext_lazy("No entry for 7 days or more"),
    selectors.HIGH_OUTLOOK: gettext_lazy("High outlook score"),
}

OUTLOOK_LABELS = {
    "low": gettext_lazy("low"),
    "medium": gettext_lazy("medium"),
    "high": gettext_lazy("high"),
}


@dataclass(frozen=True)
class PanelRow:
    """One patient's line on the panel, its words made once in Python (a
    page of 50 rows would otherwise run some 300 template translations)."""

    link_id: int
    name: str
    username: str
    rank: int
    attention: str
    state: str
    state_label: str
    plan: str
    last_entry: str
    pain_trend: str
    back_function: str
    outlook: str


def panel_rows(rows) -> list[PanelRow]:
    no_plan, none_yet, today = _("No plan yet."), _("None yet"), _("Today")
    not_answered, not_enough = _("Not answered"), _("Not enough entries")
    by_clinician = _("(target set by a clinician)")
    plan_words = _(
        "Week %(week)s: %(minutes)s minutes on %(days)s days; %(met)s of %(days)s days so far,"
        " %(walked)s minutes."
    )
    pain_words = _("%(change)s points, the last 7 days against the 7 before")
    function_words = _("%(score)s of 24 (%(change)s from the first)")
    shown = []
    for row in rows:
        t = row.today
        if t.week:
            plan = plan_words % {"week": t.week, "minutes": t.target_minutes,
                                 "days": t.target_days, "met": t.days_met,
                                 "walked": t.minutes_walked}  # fmt: skip
            if t.set_by == rules.SET_BY_CLINICIAN:
                plan = f"{plan} {by_clinician}"
        else:
            plan = no_plan
        if t.days_since_entry is None:
            last = none_yet
        elif t.days_since_entry == 0:
            last = today
        else:
            last = ngettext("%(days)s day ago", "%(days)s days ago", t.days_since_entry) % {
                "days": t.days_since_entry
            }
        shown.append(
            PanelRow(
                link_id=row.link_id,
                name=row.name,
                username=row.username,
                rank=row.rank,
                attention=str(ATTENTION_LABELS.get(row.rank, "")),
                state=t.state,
                state_label=str(STATE_LABELS.get(t.state, "")),
                plan=plan,
                last_entry=last,
                pain_trend=not_enough
                if t.pain_change is None
                else pain_words % {"change": f"{t.pain_change:+.1f}"},
                back_function=not_answered
                if row.back_function is None
                else function_words
                % {"score": row.back_function, "change": f"{row.back_function_change:+d}"},
                outlook=str(OUTLOOK_LABELS.get(row.outlook_band, not_answered)),
            )
        )
    return shown


BADGE_HTML = '<span class="badge {} attention">{}</span>'
BADGES = {selectors.URGENT: "text-bg-danger", selectors.DOCTOR: "text-bg-warning"}
ROW_HTML = (
    '<li class="card mb-2 patient-row" data-rank="{}" data-patient="{}">'
    '<div class="card-body py-2">'
    '<div class="d-flex flex-wrap justify-content-between align-items-baseline gap-2">'
    '<h2 class="h6 mb-1"><a href="{}">{}</a></h2>{}</div>'
    '<dl class="row small mb-0">'
    '<dt class="col-5 col-md-3">{}</dt>'
    '<dd class="col-7 col-md-9 guidance-state" data-state="{}">{}</dd>'
    '<dt class="col-5 col-md-3">{}</dt><dd class="col-7 col-md-9 plan-week">{}</dd>'
    '<dt class="col-5 col-md-3">{}</dt><dd class="col-7 col-md-9 last-entry">{}</dd>'
    '<dt class="col-5 col-md-3">{}</dt><dd class="col-7 col-md-9 pain-trend">{}</dd>'
    '<dt class="col-5 col-md-3">{}</dt><dd class="col-7 col-md-9 back-function">{}</dd>'
    '<dt class="col-5 col-md-3">{}</dt><dd class="col-7 col-md-9 outlook">{}</dd>'
    "</dl></div></li>"
)


def panel_html(rows: list[PanelRow], patient_url) -> str:
    """The rows as markup. A page of 50 rows through the template engine, or
    even format_html, costs more than the rest of the page (make bench), so
    every value is escaped here once with the standard library's escape (the
    one Django's own escape calls) and put into a fixed string."""
    words = (_("Today"), _("Plan"), _("Last entry"), _("Pain trend"), _("Back function"),
             _("Outlook"))  # fmt: skip
    headings = [escape(w) for w in words]
    parts = []
    for row in rows:
        badge = ""
        if row.attention:
            badge = BADGE_HTML.format(BADGES.get(row.rank, "text-bg-info"), escape(row.attention))
        values = (row.plan, row.last_entry, row.pain_trend, row.back_function, row.outlook)
        cells = [escape(v) for v in values]
        parts.append(
            ROW_HTML.format(
                row.rank,
                escape(row.username),
                escape(patient_url(row.link_id)),
                escape(row.name),
                badge,
                headings[0],
                escape(row.state),
                escape(row.state_label),
                headings[1],
                cells[0],
                headings[2],
                cells[1],
                headings[3],
                cells[2],
                headings[4],
                cells[3],
                headings[5],
                cells[4],
            )
        )
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)
