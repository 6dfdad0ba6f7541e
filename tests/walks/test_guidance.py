"""Today's guidance (walks/guidance.py): each state on both sides of its
condition, from plain diaries (no database), and the words and JSON that
carry it to the patient."""

from datetime import timedelta

import pytest

from tests.walks.diaries import CheckInEntry, d, evaluate, walk
from walks import guidance, wording

TODAY = d(3)  # Thursday of week 1 (the plan starts on Monday, d(0))
START = d(0)


def today_for(*entries, walking_days=None, rest_advised=False, today=TODAY, start=START):
    walks = [e for e in entries if not isinstance(e, CheckInEntry)]
    checkins = [e for e in entries if isinstance(e, CheckInEntry)]
    progress = evaluate(walks, checkins, today=today, start=start)
    return guidance.guidance(progress, rest_advised=rest_advised, walking_days=walking_days)


def sign(code, days_ago=0):
    return CheckInEntry(date=TODAY - timedelta(days=days_ago), pain=3, symptoms=frozenset({code}))


@pytest.mark.parametrize(
    ("code", "state", "walk_today"),
    [
        ("saddle_numbness", guidance.EMERGENCY, False),
        ("fever", guidance.DOCTOR_TODAY, False),
        ("numbness_or_tingling", guidance.HOLD, True),
        ("leg_joint_pain", guidance.EASE, True),
    ],
)
def test_each_warning_level_sets_its_state(code, state, walk_today):
    g = today_for(walk(d(0)), sign(code))
    assert (g.state, g.walk_today, g.warning) == (state, walk_today, code)
    assert today_for(walk(d(0))).state == guidance.WALK  # without the sign


def test_the_most_urgent_warning_wins():
    g = today_for(sign("leg_joint_pain"), sign("fever"), sign("both_legs"))
    assert g.state == guidance.EMERGENCY and g.warning == "both_legs"
    assert today_for(sign("leg_joint_pain"), sign("fever")).state == guidance.DOCTOR_TODAY


def test_a_doctors_rest_advice_comes_after_same_day_warnings_and_before_the_rest():
    assert today_for(walk(d(0)), rest_advised=True).state == guidance.REST_ADVISED
    assert today_for(walk(d(0)), rest_advised=True).walk_today is False
    assert today_for(sign("fever"), rest_advised=True).state == guidance.DOCTOR_TODAY
    assert today_for(sign("numbness_or_tingling"), rest_advised=True).state == (
        guidance.REST_ADVISED
    )


def test_a_day_outside_the_chosen_walking_days_is_a_rest_day():
    thursday = TODAY.weekday()
    assert today_for(walk(d(0)), walking_days={0, 2, 4}).state == guidance.REST_DAY
    assert today_for(walk(d(0)), walking_days={0, thursday}).state == guidance.WALK
    # a warning still comes first on a rest day
    assert today_for(sign("fever"), walking_days={0}).state == guidance.DOCTOR_TODAY


def test_today_done_once_the_target_is_walked():
    short = today_for(walk(d(0)), walk(TODAY, minutes=9))
    assert short.state == guidance.WALK and short.walk_today
    met = today_for(walk(d(0)), walk(TODAY, minutes=10))
    assert (met.state, met.walk_today, met.target_minutes) == (guidance.DONE, False, 10)


def test_walk_says_which_walking_day_today_would_be():
    g = today_for(walk(d(0)), walk(d(1)))
    assert (g.target_minutes, g.day_number, g.target_days) == (10, 3, 3)
    # every planned day done already: today is still "day 3 of 3", never "4 of 3"
    g = today_for(walk(d(0)), walk(d(1)), walk(d(2)))
    assert (g.day_number, g.target_days) == (3, 3)


def test_no_plan_yet_means_start():
    g = today_for(start=None)
    assert (g.state, g.walk_today) == (guidance.START, True)


def test_the_words_follow_the_state():
    assert "emergency care now" in wording.guidance_message(today_for(sign("both_legs")))
    assert "paused" in wording.guidance_message(today_for(sign("fever")))
    assert "walking day 3 of 3" in wording.guidance_message(today_for(walk(d(0)), walk(d(1))))
    assert "10 to 15 minute" in wording.guidance_message(today_for(start=None))
