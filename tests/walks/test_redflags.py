"""Red-flag warnings (walks/redflags.py), with no database.

Every window is tested on both sides of its edge.
"""

from datetime import date, timedelta

import pytest

from tests.walks import diaries
from tests.walks.diaries import CheckInEntry, evaluate, walk
from walks import diary, redflags, rules
from walks.rules import PlanSettings

# --- Warnings --------------------------------------------------------------------------
TODAY = date(2026, 11, 26)


def codes(result):
    return [w.code for w in result.warnings]


# progression.md, "Symptom flags": every flag, its level, its window.
FLAG_LEVELS = {
    "saddle_numbness": "urgent",
    "bladder_or_bowel_change": "urgent",
    "both_legs": "urgent",
    "sexual_function_change": "urgent",
    "chest_pain": "urgent",
    "leg_weakness": "same_day",
    "fever": "same_day",
    "after_injury_or_fall": "same_day",
    "night_pain": "same_day",
    "weight_loss_or_lump": "same_day",
    "numbness_or_tingling": "doctor",
    "difficulty_walking_or_standing": "doctor",
    "leg_joint_pain": "caution",
}
# The last day still inside each window, and the first day outside it.
WINDOW_EDGES = {"urgent": (13, 14), "same_day": (13, 14), "doctor": (13, 14), "caution": (6, 7)}


def test_the_app_asks_about_all_13_flags():
    assert set(diary.SYMPTOMS) == set(FLAG_LEVELS)
    assert len(diary.SYMPTOMS) == 13


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize("symptom", list(FLAG_LEVELS))
def test_each_flag_warns_at_its_level_inside_its_window(symptom, inside):
    level = FLAG_LEVELS[symptom]
    days_ago = WINDOW_EDGES[level][0 if inside else 1]
    for entry in (
        CheckInEntry(date=TODAY - timedelta(days=days_ago), pain=1, symptoms=frozenset({symptom})),
        walk(TODAY - timedelta(days=days_ago), 10, 1, 1, symptoms=frozenset({symptom})),
    ):
        walks, checkins = ([entry], []) if isinstance(entry, diaries.WalkEntry) else ([], [entry])
        result = evaluate(walks, checkins, today=TODAY, start=None)
        assert (symptom in codes(result)) is inside
        if inside:
            assert [w.level for w in result.warnings if w.code == symptom] == [level]


@pytest.mark.parametrize(
    ("pain", "days_ago", "warned"), [(6, 0, False), (7, 0, True), (7, 6, True), (7, 7, False)]
)
def test_severe_pain_in_last_7_days(pain, days_ago, warned):
    result = evaluate(
        checkins=[CheckInEntry(date=TODAY - timedelta(days=days_ago), pain=pain)],
        today=TODAY,
        start=None,
    )
    assert ("severe_pain" in codes(result)) is warned


@pytest.mark.parametrize(
    ("prev", "last", "warned"),
    [
        ([2, 2], [4, 3.8], False),  # rise 1.9
        ([2, 2], [4, 4], True),  # rise 2.0
        ([2], [5, 5], False),  # previous week has only one day of pain data
        ([2, 2], [5], False),  # this week has only one day
    ],
)
def test_worsening_pain(prev, last, warned):
    def entries(values, first_ago):
        out = []
        for i, v in enumerate(values):
            day = TODAY - timedelta(days=first_ago - i)
            if v == int(v):
                out.append(CheckInEntry(date=day, pain=int(v)))
            else:  # 3.8 as the mean of five values on one day
                out += [CheckInEntry(date=day, pain=p) for p in (4, 4, 4, 4, 3)]
        return out

    checkins = entries(prev, 13) + entries(last, 6)
    result = evaluate(checkins=checkins, today=TODAY, start=None)
    assert ("worsening_pain" in codes(result)) is warned


def _persistent(start_days_ago: int, week1_pain: int, last7_pain: int):
    start = TODAY - timedelta(days=start_days_ago)
    walks = [walk(start + timedelta(days=i), 10, week1_pain, week1_pain) for i in range(3)]
    checkins = [CheckInEntry(date=TODAY - timedelta(days=i), pain=last7_pain) for i in range(3)]
    return evaluate(walks, checkins, today=TODAY, start=start)


@pytest.mark.parametrize(("start_days_ago", "warned"), [(41, False), (42, True)])
def test_persistent_pain_after_42_days(start_days_ago, warned):
    result = _persistent(start_days_ago, week1_pain=5, last7_pain=4)
    assert ("persistent_pain" in codes(result)) is warned


@pytest.mark.parametrize(("last7_pain", "warned"), [(3, False), (4, True)])
def test_persistent_pain_level(last7_pain, warned):
    result = _persistent(50, week1_pain=last7_pain + 1, last7_pain=last7_pain)
    assert ("persistent_pain" in codes(result)) is warned


@pytest.mark.parametrize(("week1_pain", "warned"), [(5, True), (6, False)])
def test_persistent_pain_not_when_pain_eased_by_2(week1_pain, warned):
    result = _persistent(50, week1_pain=week1_pain, last7_pain=4)
    assert ("persistent_pain" in codes(result)) is warned


@pytest.mark.parametrize(("days_ago", "warned"), [(6, True), (7, False)])
def test_sharp_pain_caution(days_ago, warned):
    entry = walk(TODAY - timedelta(days=days_ago), 10, 2, 3, stopped_for_sharp_pain=True)
    result = evaluate([entry], today=TODAY, start=TODAY - timedelta(days=10))
    assert ("sharp_pain" in codes(result)) is warned
    if warned:
        assert result.warnings[0].level == "caution"


def test_every_level_in_order_and_the_table_order_within_a_level():
    flags = frozenset(
        {"leg_joint_pain", "fever", "chest_pain", "numbness_or_tingling", "both_legs",
         "night_pain"}
    )  # fmt: skip
    result = evaluate([walk(TODAY, 10, 2, 2, symptoms=flags)], today=TODAY, start=TODAY)
    assert codes(result) == [
        "both_legs",
        "chest_pain",
        "fever",
        "night_pain",
        "numbness_or_tingling",
        "leg_joint_pain",
    ]
    assert [w.level for w in result.warnings] == [
        "urgent", "urgent", "same_day", "same_day", "doctor", "caution"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("ticked", "checked", "changed", "due"),
    [
        (False, None, None, False),
        (True, None, date(2026, 11, 1), True),
        (True, date(2026, 10, 31), date(2026, 11, 1), True),
        (True, date(2026, 11, 1), date(2026, 11, 1), False),
        (True, date(2026, 11, 2), date(2026, 11, 1), False),
    ],
)
def test_health_background_warns_until_a_doctor_has_checked_since_it_changed(
    ticked, checked, changed, due
):
    assert redflags.health_check_due(ticked=ticked, checked_on=checked, changed_on=changed) is due
    days = diaries.summarise_days()
    found = redflags.find_warnings(days=days, today=TODAY, plan_start=None, health_check_due=due)
    assert [(w.level, w.code) for w in found] == ([("doctor", "health_background")] if due else [])


def test_warnings_are_ordered_urgent_doctor_caution():
    entries = [
        walk(
            TODAY,
            10,
            8,
            8,
            stopped_for_sharp_pain=True,
            symptoms=frozenset({"numbness_or_tingling", "bladder_or_bowel_change"}),
        ),
    ]
    result = evaluate(entries, today=TODAY, start=TODAY)
    assert [w.level for w in result.warnings] == ["urgent", "doctor", "doctor", "caution"]
    assert codes(result) == [
        "bladder_or_bowel_change",
        "numbness_or_tingling",
        "severe_pain",
        "sharp_pain",
    ]


def test_each_rule_declares_its_window_and_the_loader_reads_the_longest():
    assert {r.code: r.window_days for r in redflags.RULES}["worsening_pain"] == 14
    assert redflags.days_needed() == max(r.window_days for r in redflags.RULES) == 14
    plan = PlanSettings(start_date=date(2020, 1, 6))
    today = date(2026, 11, 26)
    completed = (today - plan.start_date).days // 7
    since = rules.first_day_needed(plan=plan, known_weeks=completed, today=today)
    assert (today - since).days + 1 == 14
