"""The words a patient reads for the rules' codes: reasons, warnings, titles.

The rules (walks/rules.py, walks/redflags.py) return codes and numbers; this
module turns them into sentences, every one marked for translation.
"""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from walks import rules

SYMPTOM_WORDS = {
    "numbness_or_tingling": gettext_lazy("numbness or tingling in the legs"),
    "difficulty_walking_or_standing": gettext_lazy("difficulty walking or standing"),
    "after_injury_or_fall": gettext_lazy("pain after an injury or fall"),
    "saddle_numbness": gettext_lazy("numbness around the groin, buttocks or inner thighs"),
    "bladder_or_bowel_change": gettext_lazy("a change in bladder or bowel control"),
}

DECISION_TITLES = {
    rules.PROGRESS: gettext_lazy("Step up"),
    rules.HOLD: gettext_lazy("Hold steady"),
    rules.STEP_BACK: gettext_lazy("Step back"),
    rules.PAUSE: gettext_lazy("Pause"),
    rules.GOAL_MET: gettext_lazy("Goal met"),
}
LEVEL_TITLES = {
    rules.URGENT: gettext_lazy("Emergency: act now"),
    rules.DOCTOR: gettext_lazy("See a doctor soon"),
    rules.CAUTION: gettext_lazy("Take care"),
}


def days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _one_decimal(value: Fraction) -> str:
    return f"{float(value):.1f}"


def reason_text(reason: rules.Reason) -> str:
    v = reason.values
    code = reason.code
    if code in ("walked", "walked_fewer"):
        minutes, met, planned = v
        text = _("walked %(minutes)d+ minutes on %(met)d of %(planned)d planned days") % {
            "minutes": minutes,
            "met": met,
            "planned": planned,
        }
        return text + _(", fewer than planned") if code == "walked_fewer" else text
    texts = {
        "symptom": lambda: _("%(symptom)s was reported") % {"symptom": SYMPTOM_WORDS[v[0]]},
        "severe_pain": lambda: (
            _("pain reached %(pain)d out of 10 (7 or more is severe)") % {"pain": v[0]}
        ),
        "pause_holds": lambda: _("the plan pauses at the same target until this settles"),
        "stopped_for_sharp_pain": lambda: _("a walk was stopped because of sharp pain"),
        "pain_rose": lambda: (
            _("average pain rose from %(before)s to %(after)s (2 points or more)")
            % {"before": _one_decimal(v[0]), "after": _one_decimal(v[1])}
        ),
        "shortened": lambda: (
            _("walks are shortened to %(minutes)d minutes for the next week") % {"minutes": v[0]}
        ),
        "pain_stayed": lambda: _("pain stayed at %(pain)d or below") % {"pain": v[0]},
        "goal_kept": lambda: (
            _("you are walking %(minutes)d minutes on %(days)d days a week: keep it up")
            % {"minutes": v[0], "days": v[1]}
        ),
        "next_week": lambda: (
            _("next week: %(minutes)d minutes on %(days)s") % {"minutes": v[0], "days": days(v[1])}
        ),
        "no_walks": lambda: _("no walks were logged this week"),
        "pain_too_high": lambda: (
            _(
                "pain reached %(pain)d out of 10; the plan builds only while pain stays at"
                " %(limit)d or below"
            )
            % {"pain": v[0], "limit": v[1]}
        ),
        "target_same": lambda: _("the target stays the same for the next week"),
    }
    return texts[code]()


def reasons_text(week: rules.Week) -> list[str]:
    return [reason_text(r) for r in week.reasons]


WARNING_MESSAGES = {
    "saddle_numbness": gettext_lazy(
        "You reported numbness around the groin, buttocks or inner thighs. "
        "With back pain this can mean the nerves at the base of the spine are "
        "being squeezed, which needs treatment within hours. Go to an emergency "
        "department or call your emergency number now. Do not wait for an "
        "appointment, and do not walk until you have been seen."
    ),
    "bladder_or_bowel_change": gettext_lazy(
        "You reported a new change in bladder or bowel control. With back pain "
        "this can mean the nerves at the base of the spine are being squeezed, "
        "which needs treatment within hours. Go to an emergency department or "
        "call your emergency number now. Do not wait for an appointment."
    ),
    "numbness_or_tingling": gettext_lazy(
        "You reported numbness or tingling in your legs in the last two weeks. "
        "Please see a doctor soon to have it checked. Your plan keeps the same "
        "target for any week in which you report it."
    ),
    "difficulty_walking_or_standing": gettext_lazy(
        "You reported difficulty walking or standing in the last two weeks. "
        "Please see a doctor soon. Your plan keeps the same target for any week "
        "in which you report it."
    ),
    "after_injury_or_fall": gettext_lazy(
        "You reported pain after an injury or fall in the last two weeks. "
        "Please have it checked by a doctor before you build up your walking."
    ),
    "severe_pain": gettext_lazy(
        "You recorded severe pain (7 or more out of 10) in the last 7 days. "
        "Please see a doctor soon. Your plan keeps the same target for any week "
        "with pain this high."
    ),
    "worsening_pain": gettext_lazy(
        "Your average pain this week is at least 2 points higher than the week "
        "before. Pain that keeps getting worse should be checked by a doctor."
    ),
    "persistent_pain": gettext_lazy(
        "After six weeks or more your pain is still 4 or more out of 10 and has "
        "not eased by 2 points since you started. A doctor can look for other "
        "ways to help."
    ),
    "sharp_pain": gettext_lazy(
        "You stopped a walk because of sharp pain this week. When that happens, "
        "stop and rest. Mild aching during or after a walk is normal; sharp or "
        "severe pain is not, so shorten the next walk and see a doctor if it "
        "comes back."
    ),
}


def warning_message(warning: rules.Warning) -> str:
    return str(WARNING_MESSAGES[warning.code])


def warning_cards(warnings) -> list[dict]:
    return [
        {
            "level": w.level,
            "code": w.code,
            "message": warning_message(w),
            "title": str(LEVEL_TITLES[w.level]),
        }
        for w in warnings
    ]
