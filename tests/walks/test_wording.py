"""The words for the rules' codes (walks/wording.py)."""

from fractions import Fraction

import pytest
from django.utils import translation

from tests.walks.diaries import first_week, week_walks
from walks import diary, redflags, rules, wording


def test_reasons_read_as_plain_sentences():
    week = first_week(week_walks(1, count=4, minutes=12))
    assert wording.reasons_text(week) == [
        "walked 10+ minutes on 4 days (3 planned)",
        "pain stayed at 3 or below",
        "next week: 15 minutes on 4 days",
    ]


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        (rules.Reason("pain_rose", (Fraction(21, 10), Fraction(41, 10))),
         "average pain rose from 2.1 to 4.1 (2 points or more)"),
        (rules.Reason("symptom", ("saddle_numbness",)),
         "numbness around the groin, buttocks or inner thighs was reported"),
        (rules.Reason("next_week", (20, 1)), "next week: 20 minutes on 1 day"),
        (rules.Reason("walked_fewer", (15, 2, 4)),
         "walked 15+ minutes on 2 days (4 planned), fewer than planned"),
        (rules.Reason("pain_too_high", (6, 5)),
         "pain reached 6 out of 10; the plan builds only while pain stays at 5 or below"),
    ],
)  # fmt: skip
def test_each_reason_code_has_words(reason, text):
    assert wording.reason_text(reason) == text


def test_every_code_the_rules_can_give_has_words():
    assert set(wording.REASON_VALUES) <= set(wording.REASON_TEMPLATES)
    for rule in redflags.RULES:
        message = wording.warning_message(redflags.Warning(level=rule.level, code=rule.code))
        assert len(message) > 40
        assert rule.code in wording.WARNING_SHORT


def test_urgent_messages_say_to_act_now():
    for code in diary.URGENT_SYMPTOMS:
        message = wording.warning_message(redflags.Warning(level=redflags.URGENT, code=code))
        assert "emergency" in message and "now" in message


def test_words_are_looked_up_in_the_active_language():
    reason = rules.Reason("no_walks")
    with translation.override("en"):
        english = wording.reason_text(reason)
    assert english == "no walks were logged this week"
    with translation.override("hi"):
        # Looked up when shown, not when the rules ran: the Hindi words.
        assert wording.reason_text(reason) == "इस हफ़्ते कोई चलना दर्ज नहीं हुआ"
    with translation.override("hi"):
        urgent = wording.warning_message(
            redflags.Warning(level=redflags.URGENT, code="saddle_numbness")
        )
    assert "अभी इमरजेंसी इलाज लें" in urgent and "112" in urgent
