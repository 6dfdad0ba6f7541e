"""The words a patient reads for the rules' codes: reasons, warnings, titles.

The rules (walks/rules.py, walks/redflags.py) return codes and numbers; this
module turns them into sentences, every one marked for translation.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext

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


REASON_TEMPLATES = {
    "walked": gettext_lazy("walked %(minutes)d+ minutes on %(met)d of %(planned)d planned days"),
    "walked_fewer": gettext_lazy(
        "walked %(minutes)d+ minutes on %(met)d of %(planned)d planned days, fewer than planned"
    ),
    "symptom": gettext_lazy("%(symptom)s was reported"),
    "severe_pain": gettext_lazy("pain reached %(pain)d out of 10 (7 or more is severe)"),
    "pause_holds": gettext_lazy("the plan pauses at the same target until this settles"),
    "stopped_for_sharp_pain": gettext_lazy("a walk was stopped because of sharp pain"),
    "pain_rose": gettext_lazy("average pain rose from %(before)s to %(after)s (2 points or more)"),
    "shortened": gettext_lazy("walks are shortened to %(minutes)d minutes for the next week"),
    "pain_stayed": gettext_lazy("pain stayed at %(pain)d or below"),
    "goal_kept": gettext_lazy(
        "you are walking %(minutes)d minutes on %(days)d days a week: keep it up"
    ),
    "next_week": gettext_lazy("next week: %(minutes)d minutes on %(days)s"),
    "no_walks": gettext_lazy("no walks were logged this week"),
    "pain_too_high": gettext_lazy(
        "pain reached %(pain)d out of 10; the plan builds only while pain stays at"
        " %(limit)d or below"
    ),
    "target_same": gettext_lazy("the target stays the same for the next week"),
}
# The numbers each reason code carries, by name, in the order the rules give them.
REASON_VALUES = {
    "walked": ("minutes", "met", "planned"),
    "walked_fewer": ("minutes", "met", "planned"),
    "symptom": ("symptom",),
    "severe_pain": ("pain",),
    "pain_rose": ("before", "after"),
    "shortened": ("minutes",),
    "pain_stayed": ("pain",),
    "goal_kept": ("minutes", "days"),
    "next_week": ("minutes", "days"),
    "pain_too_high": ("pain", "limit"),
}


def reason_text(reason: rules.Reason) -> str:
    return _reason_text(reason, get_language())


@lru_cache(maxsize=4096)
def _reason_text(reason: rules.Reason, language: str | None) -> str:
    """Most weeks give the same few reasons: each is worded once per language."""
    values = dict(zip(REASON_VALUES.get(reason.code, ()), reason.values, strict=True))
    if "symptom" in values:
        values["symptom"] = SYMPTOM_WORDS[values["symptom"]]
    for name in ("before", "after"):
        if name in values:
            values[name] = _one_decimal(values[name])
    if reason.code == "next_week":
        values["days"] = days(values["days"])
    return str(REASON_TEMPLATES[reason.code]) % values


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
