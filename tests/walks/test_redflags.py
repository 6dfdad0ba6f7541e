"""Red-flag warnings (walks/redflags.py), with no database.

Every window is tested on both sides of its edge.
"""

from datetime import date, timedelta

import pytest

from tests.walks.diaries import evaluate, walk
from walks import redflags, rules
from walks.rules import CheckInEntry, PlanSettings

# --- Warnings --------------------------------------------------------------------------
TODAY = date(2026, 11, 26)


def codes(result):
    return [w.code for w in result.warnings]


@pytest.mark.parametrize(("days_ago", "warned"), [(13, True), (14, False)])
@pytest.mark.parametrize("symptom", rules.SYMPTOMS)
def test_symptom_warnings_last_14_days(symptom, days_ago, warned):
    entry = CheckInEntry(
        date=TODAY - timedelta(days=days_ago), pain=1, symptoms=frozenset({symptom})
    )
    result = evaluate(checkins=[entry], today=TODAY, start=None)
    assert (symptom in codes(result)) is warned
    if warned:
        level = "urgent" if symptom in rules.URGENT_SYMPTOMS else "doctor"
        assert result.warnings[0].level == level


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
