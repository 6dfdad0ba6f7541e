"""The words a patient reads for the rules' codes: reasons, warnings, titles.

The rules (walks/rules.py, walks/redflags.py) return codes and numbers; this
module turns them into sentences, every one marked for translation.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy, ngettext, ngettext_lazy
from django.utils.translation import gettext as _

from walks import guidance, redflags, rules

SYMPTOM_WORDS = {
    "saddle_numbness": gettext_lazy("numbness around the groin, buttocks or inner thighs"),
    "bladder_or_bowel_change": gettext_lazy("a change in bladder or bowel control"),
    "both_legs": gettext_lazy("numbness, tingling or weakness in both legs"),
    "sexual_function_change": gettext_lazy("a change in sexual function or feeling"),
    "chest_pain": gettext_lazy("chest pain"),
    "leg_weakness": gettext_lazy("new weakness in one leg or foot"),
    "fever": gettext_lazy("fever or feeling very unwell"),
    "after_injury_or_fall": gettext_lazy("pain after an injury or fall"),
    "night_pain": gettext_lazy("pain worse at night or not easing with rest"),
    "weight_loss_or_lump": gettext_lazy("weight loss, or a new lump or change in the back"),
    "numbness_or_tingling": gettext_lazy("numbness or tingling in one leg"),
    "difficulty_walking_or_standing": gettext_lazy("difficulty walking or standing"),
    "leg_joint_pain": gettext_lazy("new pain in a hip, knee, ankle or foot"),
}

DECISION_TITLES = {
    rules.PROGRESS: gettext_lazy("Step up"),
    rules.HOLD: gettext_lazy("Hold steady"),
    rules.STEP_BACK: gettext_lazy("Step back"),
    rules.PAUSE: gettext_lazy("Pause"),
    rules.GOAL_MET: gettext_lazy("Goal met"),
}
LEVEL_TITLES = {
    redflags.URGENT: gettext_lazy("Emergency: act now"),
    redflags.SAME_DAY: gettext_lazy("See a doctor today"),
    redflags.DOCTOR: gettext_lazy("See a doctor soon"),
    redflags.CAUTION: gettext_lazy("Take care"),
}


def days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _one_decimal(value: Fraction) -> str:
    return f"{float(value):.1f}"


REASON_TEMPLATES = {
    # "on 4 days (3 planned)": the days counted, then the plan's, never "4 of 3".
    "walked": ngettext_lazy(
        "walked %(minutes)d+ minutes on %(met)d day (%(planned)d planned)",
        "walked %(minutes)d+ minutes on %(met)d days (%(planned)d planned)",
        "met",
    ),
    "walked_fewer": ngettext_lazy(
        "walked %(minutes)d+ minutes on %(met)d day (%(planned)d planned), fewer than planned",
        "walked %(minutes)d+ minutes on %(met)d days (%(planned)d planned), fewer than planned",
        "met",
    ),
    "symptom": gettext_lazy("%(symptom)s was reported"),
    "severe_pain": gettext_lazy("pain reached %(pain)d out of 10 (7 or more is severe)"),
    "pause_holds": gettext_lazy("the plan pauses at the same target until this settles"),
    "stopped_for_sharp_pain": gettext_lazy("a walk was stopped because of sharp pain"),
    "leg_joint_pain": gettext_lazy("new pain in a hip, knee, ankle or foot was reported"),
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
    return str(REASON_TEMPLATES[reason.code] % values)


def reasons_text(week: rules.Week) -> list[str]:
    return [reason_text(r) for r in week.reasons]


# What the patient reported, or what the diary shows; the level's advice follows.
WARNING_MESSAGES = {
    "saddle_numbness": gettext_lazy(
        "You reported numbness around the groin, buttocks or inner thighs. With back pain this"
        " can mean the nerves at the base of the spine are being squeezed, which needs"
        " treatment within hours."
    ),
    "bladder_or_bowel_change": gettext_lazy(
        "You reported new trouble controlling or passing urine or stool. With back pain this"
        " can mean the nerves at the base of the spine are being squeezed, which needs"
        " treatment within hours."
    ),
    "both_legs": gettext_lazy(
        "You reported numbness, tingling or weakness in both legs. When both legs are"
        " affected, the nerves in the lower spine may be under pressure, which needs"
        " treatment within hours."
    ),
    "sexual_function_change": gettext_lazy(
        "You reported a new loss of feeling in the genitals or a change in sexual function."
        " With back pain this can mean the nerves at the base of the spine are being"
        " squeezed, which needs treatment within hours."
    ),
    "chest_pain": gettext_lazy(
        "You reported chest pain together with your back pain. Pain in both places can come"
        " from the heart or a large blood vessel, and it must be checked straight away."
    ),
    "leg_weakness": gettext_lazy(
        "You reported new weakness in a leg or foot. A nerve may be pressed on, and a doctor"
        " should examine you today."
    ),
    "fever": gettext_lazy(
        "You reported a fever, shivering or feeling very unwell as well as back pain. An"
        " infection needs to be ruled out today."
    ),
    "after_injury_or_fall": gettext_lazy(
        "You reported that the pain started or got worse after an injury or fall. A doctor"
        " should check today that nothing is broken or damaged."
    ),
    "night_pain": gettext_lazy(
        "You reported pain that is worse at night or does not ease with rest. Back pain that"
        " rest does not settle should be looked at today."
    ),
    "weight_loss_or_lump": gettext_lazy(
        "You reported losing weight without trying, or a new lump or change in the shape of"
        " your back. Together with back pain, this should be looked into today."
    ),
    "numbness_or_tingling": gettext_lazy(
        "You reported numbness or tingling in one leg in the last two weeks. Please see a"
        " doctor soon to have it checked. Your plan keeps the same target for any week in"
        " which you report it."
    ),
    "difficulty_walking_or_standing": gettext_lazy(
        "You reported difficulty walking or standing in the last two weeks. Please see a"
        " doctor soon. Your plan keeps the same target for any week in which you report it."
    ),
    "severe_pain": gettext_lazy(
        "You recorded severe pain (7 or more out of 10) in the last 7 days. Please see a"
        " doctor soon. Your plan keeps the same target for any week with pain this high."
    ),
    "worsening_pain": gettext_lazy(
        "Your average pain this week is at least 2 points higher than the week before. Pain"
        " that keeps getting worse should be checked by a doctor."
    ),
    "persistent_pain": gettext_lazy(
        "After six weeks or more your pain is still 4 or more out of 10 and has not eased by"
        " 2 points since you started. A doctor can look for other ways to help."
    ),
    "health_background": gettext_lazy(
        "Your health background includes something that makes back pain worth a doctor's"
        " check, such as cancer, long-term steroids or thin bones. Please see a doctor soon,"
        " then record the visit on your health background page."
    ),
    "sharp_pain": gettext_lazy(
        "You stopped a walk because of sharp pain this week. When that happens, stop and"
        " rest. Mild aching during or after a walk is normal; sharp or severe pain is not, so"
        " shorten the next walk and see a doctor if it comes back."
    ),
    "leg_joint_pain": gettext_lazy(
        "You reported new pain in a hip, knee, ankle or foot from walking. Stop and rest when"
        " it hurts, wear cushioned, supportive shoes and keep to level, even ground; your"
        " walks are shorter next week. Mild aching is normal, but joint pain that is sharp or"
        " does not settle is worth showing a doctor."
    ),
}
# What to do, and how soon, for each level (shown after the message).
LEVEL_ADVICE = {
    redflags.URGENT: gettext_lazy(
        "Get emergency care now: call %(number)s or go to the nearest emergency department."
        " Do not wait for an appointment, and do not walk until you have been seen."
    ),
    redflags.SAME_DAY: gettext_lazy(
        "Contact %(advice)s today; do not wait for a routine appointment. Your plan pauses"
        " until this has been checked."
    ),
}


# A few words for each warning, for tables (the report).
WARNING_SHORT = {
    **SYMPTOM_WORDS,
    "severe_pain": gettext_lazy("severe pain (7 or more out of 10)"),
    "worsening_pain": gettext_lazy("pain up by 2 points or more on the week before"),
    "persistent_pain": gettext_lazy("pain still 4 or more after six weeks"),
    "health_background": gettext_lazy("health background not yet checked by a doctor"),
    "sharp_pain": gettext_lazy("a walk stopped because of sharp pain"),
}


def emergency_number() -> str:
    return settings.EMERGENCY_NUMBER


def urgent_advice() -> str:
    return str(settings.URGENT_ADVICE)


def warning_message(warning: redflags.Warning) -> str:
    """The whole message: what was noticed, then what to do and how soon."""
    text = str(WARNING_MESSAGES[warning.code])
    advice = LEVEL_ADVICE.get(warning.level)
    if advice is not None:
        text += " " + str(advice) % {"number": emergency_number(), "advice": urgent_advice()}
    return text


def warning_cards(warnings) -> list[dict]:
    number = emergency_number()
    return [
        {
            "level": w.level,
            "code": w.code,
            "message": warning_message(w),
            "title": str(LEVEL_TITLES[w.level]),
            "short": str(WARNING_SHORT[w.code]),
            "number": number,
            "tel": "".join(c for c in number if c.isdigit() or c == "+"),
        }
        for w in warnings
    ]


def guidance_message(g: guidance.Guidance) -> str:
    """Today's advice in one sentence, the same wherever it is shown."""
    numbers = {
        "minutes": g.target_minutes,
        "day": g.day_number,
        "days": g.target_days,
        "number": emergency_number(),
        "advice": urgent_advice(),
    }
    if g.state == guidance.EMERGENCY:
        return (
            _(
                "Get emergency care now (call %(number)s). Do not walk, and do not wait to see "
                "if it passes."
            )
            % numbers
        )
    if g.state == guidance.DOCTOR_TODAY:
        return (
            _(
                "Contact %(advice)s today. Do not walk until a doctor has checked you: your "
                "plan is paused."
            )
            % numbers
        )
    if g.state == guidance.REST_ADVISED:
        return _(
            "Rest, as your doctor advised: your plan is paused. Tell the app when you may "
            "walk again."
        )
    if g.state == guidance.HOLD and g.target_minutes:
        return (
            _(
                "See a doctor soon. Walk %(minutes)s minutes today only if it feels comfortable: "
                "your plan holds at this level."
            )
            % numbers
        )
    if g.state == guidance.HOLD:
        return _("See a doctor soon. Walk only if it feels comfortable.")
    if g.state == guidance.EASE:
        return _(
            "Walk gently today: stop and rest if you feel sharp pain, and choose flat, even ground."
        )
    if g.state == guidance.REST_DAY:
        return _("Today is a rest day in the walking days you chose.")
    if g.state == guidance.DONE:
        return _("Today's target of %(minutes)s minutes is met. Well done.") % numbers
    if g.state == guidance.WALK and g.target_days:
        return (
            _("Walk %(minutes)s minutes today: walking day %(day)s of %(days)s this week.")
            % numbers
        )
    if g.state == guidance.WALK:
        return _("Walk %(minutes)s minutes today.") % numbers
    return _(
        "Start with a %(low)s to %(high)s minute walk: your plan starts on the day of your "
        "first walk."
    ) % {"low": rules.MIN_START_MINUTES, "high": rules.MAX_START_MINUTES}
