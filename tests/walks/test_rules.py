"""The plan rules (walks/rules.py), with no database.

Each threshold of progression.md is tested on both sides.
"""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.walks import diaries
from tests.walks.diaries import START, CheckInEntry, d, evaluate, first_week, walk, week_walks
from walks import daily, diary, rules
from walks.rules import PlanSettings, Reason


# --- The spec's example ---------------------------------------------------------
def test_good_weeks_build_from_10_minutes_to_the_goal():
    walks, targets = [], [(10, 3), (15, 4), (20, 5), (25, 5), (30, 5)]
    for n, (minutes, days) in enumerate(targets, start=1):
        walks += week_walks(n, count=days, minutes=minutes)
    result = evaluate(walks, today=d(35))
    assert [(w.target_minutes, w.target_days) for w in result.weeks] == targets
    assert [w.decision for w in result.weeks] == ["progress"] * 4 + ["goal_met"]
    assert result.goal_met
    assert (result.current_week.target_minutes, result.current_week.target_days) == (30, 5)


def test_start_minutes_15_starts_higher():
    result = evaluate(week_walks(1, count=3, minutes=15), today=d(7), start_minutes=15)
    assert result.weeks[0].target_minutes == 15
    assert result.current_week.target_minutes == 20


# --- Pain ceiling: 5 progresses, 6 holds, 7 pauses --------------------------------
@pytest.mark.parametrize(("max_pain", "decision"), [(5, "progress"), (6, "hold"), (7, "pause")])
def test_max_pain_thresholds(max_pain, decision):
    walks = week_walks(1, count=3, minutes=10, before=2, after=2)
    walks[1] = walk(walks[1].date, 10, 2, max_pain)
    week = first_week(walks)
    assert week.max_pain == max_pain
    assert week.decision == decision


def test_checkin_pain_counts_towards_max_pain():
    week = first_week(week_walks(1, count=3, minutes=10), [CheckInEntry(date=d(5), pain=7)])
    assert week.decision == "pause"


# --- days_met against D -----------------------------------------------------------
@pytest.mark.parametrize(("walked_days", "decision"), [(2, "hold"), (3, "progress")])
def test_days_met_thresholds(walked_days, decision):
    week = first_week(week_walks(1, count=walked_days, minutes=10))
    assert week.days_met == walked_days
    assert week.decision == decision


@pytest.mark.parametrize(("first", "second", "met"), [(4, 5, False), (5, 5, True)])
def test_two_short_walks_on_one_day_add_up(first, second, met):
    walks = []
    for i in range(3):
        walks += [walk(d(i), first), walk(d(i), second)]
    week = first_week(walks)
    assert week.days_met == (3 if met else 0)
    assert week.decision == ("progress" if met else "hold")


@pytest.mark.parametrize(("minutes", "met"), [(9, False), (10, True)])
def test_a_day_just_under_the_target_does_not_count(minutes, met):
    week = first_week(week_walks(1, count=3, minutes=minutes))
    assert (week.days_met == 3) is met


# --- Rising pain: 1.9 progresses, 2.0 steps back -------------------------------------
def _pain_week(week: int, daily: list[tuple[int, int]], minutes: int):
    first = d(7 * (week - 1))
    return [walk(first + timedelta(days=i), minutes, b, a) for i, (b, a) in enumerate(daily)]


@pytest.mark.parametrize(
    ("week1", "week2", "decision"),
    [
        # week 1 mean 2.0; week 2 mean 3.9 (4,4,4,4,3.5) -> rise 1.9
        ([(2, 2)] * 3, [(4, 4)] * 4 + [(4, 3)], "progress"),
        # week 2 mean 4.0 -> rise 2.0
        ([(2, 2)] * 3, [(4, 4)] * 5, "step_back"),
        # 2.1 -> 4.1 is exactly 2 (floating point would say 1.999...)
        ([(2, 2)] * 4 + [(2, 3)], [(4, 4)] * 4 + [(4, 5)], "step_back"),
    ],
)
def test_week_pain_rise_thresholds(week1, week2, decision):
    walks = _pain_week(1, week1, 10) + _pain_week(2, week2, 15)
    result = evaluate(walks, today=d(14))
    assert result.weeks[0].decision == "progress"
    assert result.weeks[1].decision == decision


def test_prev_pain_skips_weeks_without_pain_data():
    walks = _pain_week(1, [(2, 2)] * 3, 10) + _pain_week(3, [(4, 4)] * 4, 15)
    result = evaluate(walks, today=d(21))
    assert [w.decision for w in result.weeks] == ["progress", "hold", "step_back"]
    assert result.weeks[1].reasons[0] == Reason("no_walks")


@pytest.mark.parametrize(("target", "after"), [(10, 10), (15, 10), (20, 15)])
def test_step_back_takes_off_5_minutes_but_never_below_10(target, after):
    result = evaluate(
        week_walks(1, count=3, minutes=target, stopped_for_sharp_pain=True),
        today=d(7),
        start_minutes=min(target, 15),
    )
    if target == 20:  # reach 20 through a good week at 15 first
        walks = week_walks(1, count=3, minutes=15) + week_walks(
            2, count=4, minutes=20, stopped_for_sharp_pain=True
        )
        result = evaluate(walks, today=d(14), start_minutes=15)
    assert result.weeks[-1].decision == "step_back"
    assert result.current_week.target_minutes == after
    assert result.current_week.target_days == result.weeks[-1].target_days


# --- Precedence: pause > step back > progress ----------------------------------------
@pytest.mark.parametrize(
    ("symptom", "stopped", "decision"),
    [(True, True, "pause"), (False, True, "step_back"), (False, False, "progress")],
)
def test_decision_precedence(symptom, stopped, decision):
    walks = week_walks(1, count=3, minutes=10)
    walks[0] = walk(
        d(0),
        10,
        3,
        3,
        stopped_for_sharp_pain=stopped,
        symptoms=frozenset({"numbness_or_tingling"}) if symptom else frozenset(),
    )
    week = first_week(walks)
    assert week.decision == decision


@pytest.mark.parametrize("symptom", sorted(diary.PAUSING_SYMPTOMS))
def test_every_symptom_pauses_and_keeps_targets(symptom):
    walks = week_walks(1, count=3, minutes=10)
    result = evaluate(
        walks, [CheckInEntry(date=d(6), pain=2, symptoms=frozenset({symptom}))], today=d(7)
    )
    assert result.weeks[0].decision == "pause"
    assert (result.current_week.target_minutes, result.current_week.target_days) == (10, 3)


@pytest.mark.parametrize(("start", "after"), [(10, 10), (15, 10)])
def test_new_joint_pain_steps_back(start, after):
    """leg_joint_pain is not a pausing flag: it shortens next week's walks."""
    walks = week_walks(1, count=3, minutes=start)
    joint = CheckInEntry(date=d(4), pain=2, symptoms=frozenset({"leg_joint_pain"}))
    result = evaluate(walks, [joint], today=d(7), start_minutes=start)
    week = result.weeks[0]
    assert week.decision == "step_back"
    assert Reason("leg_joint_pain") in week.reasons
    assert result.current_week.target_minutes == after


def test_a_pausing_flag_outranks_joint_pain():
    walks = week_walks(1, count=3, minutes=10)
    both = CheckInEntry(date=d(4), pain=2, symptoms=frozenset({"leg_joint_pain", "fever"}))
    week = first_week(walks, [both])
    assert week.decision == "pause"
    assert week.reasons[0] == Reason("symptom", ("fever",))


def test_reasons_are_codes_with_their_numbers():
    week = first_week(week_walks(1, count=4, minutes=12))
    assert week.reasons == (
        Reason("walked", (10, 4, 3)),
        Reason("pain_stayed", (3,)),
        Reason("next_week", (15, 4)),
    )


# --- Weeks and the current week --------------------------------------------------------
def test_no_plan_means_no_weeks():
    result = rules.evaluate(plan=None, days={}, today=START)
    assert result.current_week is None and result.weeks == () and not result.goal_met


def test_plan_in_the_future_has_no_current_week():
    result = evaluate(today=d(-1))
    assert result.current_week is None and result.weeks == ()


@pytest.mark.parametrize(("today_offset", "completed", "number"), [(0, 0, 1), (6, 0, 1), (7, 1, 2)])
def test_week_boundaries(today_offset, completed, number):
    result = evaluate(today=d(today_offset))
    assert len(result.weeks) == completed
    assert result.current_week.number == number
    assert result.current_week.start == d(7 * (number - 1))
    assert result.current_week.end == d(7 * number - 1)


def test_current_week_counts_today_and_so_far():
    walks = [walk(d(7), 15), walk(d(8), 5), walk(d(8), 10), walk(d(9), 14)]
    result = evaluate(week_walks(1, count=3, minutes=10) + walks, today=d(9))
    cw = result.current_week
    assert (cw.target_minutes, cw.days_met, cw.minutes_walked, cw.today_minutes) == (15, 2, 44, 14)
    assert not cw.today_met


# --- Daily rows -----------------------------------------------------------------------------
def test_daily_rows_use_means_and_targets():
    walks = [walk(d(0), 6, 2, 3), walk(d(0), 6, 4, 4), walk(d(8), 15, 1, 1)]
    days = diaries.summarise_days(walks=walks)
    result = rules.evaluate(plan=PlanSettings(start_date=START), days=days, today=d(9))
    rows = daily.daily_rows(progress=result, days=days, count=10)
    assert [(r.date, r.minutes, r.target_minutes, r.pain_before, r.pain_after) for r in rows] == [
        (d(0), 12, 10, 3.0, 3.5),
        (d(8), 15, 10, 1.0, 1.0),
    ]
    assert len(daily.daily_rows(progress=result, days=days, count=10, include_empty=True)) == 10


# --- Resuming from already assessed weeks (the cache) gives the same answer -----------
entry_strategy = st.tuples(
    st.integers(min_value=0, max_value=69),  # day offset from START
    st.integers(min_value=1, max_value=40),  # minutes
    st.integers(min_value=0, max_value=8),  # pain before
    st.integers(min_value=0, max_value=8),  # pain after
    st.booleans(),  # stopped for sharp pain
    st.sampled_from([frozenset(), frozenset(), frozenset(), frozenset({"numbness_or_tingling"})]),
)


@settings(max_examples=150, deadline=None)
@example(  # week 1's pain must come from the known week when its days are not loaded
    entries=[
        (0, 1, 4, 8, False, frozenset()),
        *[(7, 1, 0, 0, False, frozenset())] * 5,
        (36, 1, 0, 8, False, frozenset()),
    ],
    checkins=[],
    today_offset=42,
    known=1,
)
@given(
    entries=st.lists(entry_strategy, max_size=60),
    checkins=st.lists(
        st.tuples(st.integers(0, 69), st.integers(0, 10), entry_strategy.map(lambda e: e[5])),
        max_size=15,
    ),
    today_offset=st.integers(min_value=0, max_value=75),
    known=st.integers(min_value=0, max_value=12),
)
def test_resuming_from_known_weeks_matches_a_full_assessment(
    entries, checkins, today_offset, known
):
    walks = [
        walk(d(o), m, b, a, stopped_for_sharp_pain=s, symptoms=sy) for o, m, b, a, s, sy in entries
    ]
    extra = [CheckInEntry(date=d(o), pain=p, symptoms=sy) for o, p, sy in checkins]
    days = diaries.summarise_days(walks=walks, checkins=extra)
    today = d(today_offset)
    plan = PlanSettings(start_date=START)
    full = rules.evaluate(plan=plan, days=days, today=today)
    prefix = full.weeks[:known]
    since = rules.first_day_needed(plan=plan, known_weeks=len(prefix), today=today)
    recent = {day: v for day, v in days.items() if day >= since}
    resumed = rules.evaluate(plan=plan, days=recent, today=today, known_weeks=prefix)
    assert resumed == full
    assert daily.daily_rows(progress=resumed, days=recent, count=14) == daily.daily_rows(
        progress=full, days=days, count=14
    )


def test_the_rules_do_not_need_django():
    code = "import sys, walks.rules; print(any(m.startswith('django') for m in sys.modules))"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"


def test_known_weeks_must_be_a_clean_prefix():
    full = evaluate(
        week_walks(1, count=3, minutes=10) + week_walks(2, count=4, minutes=15), today=d(14)
    )
    days = diaries.summarise_days(walks=week_walks(2, count=4, minutes=15))
    with pytest.raises(ValueError):
        rules.evaluate(
            plan=PlanSettings(start_date=START), days=days, today=d(14), known_weeks=full.weeks[1:]
        )
