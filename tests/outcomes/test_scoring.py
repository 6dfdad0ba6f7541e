"""Scoring, bands, meaningful change and the schedule, as tables
(progression.md, "Outcome scores")."""

from datetime import date, timedelta

import pytest

from outcomes import instruments as i
from outcomes.content import QUESTIONNAIRES, options_for


def yes_count(n, total=24):
    return {k: (i.YES if k <= n else i.NO) for k in range(1, total + 1)}


@pytest.mark.parametrize("yes", [0, 1, 12, 23, 24])
def test_back_function_counts_the_yes_answers(yes):
    assert i.score(i.BACK_FUNCTION, yes_count(yes)).score == yes


def outlook(agree: set[int], bother: str = "not-at-all"):
    answers = {k: (i.AGREE if k in agree else i.DISAGREE) for k in range(1, 9)}
    answers[9] = bother
    return answers


@pytest.mark.parametrize(
    "agree, bother, total, distress, band",
    [
        (set(), "not-at-all", 0, 0, i.LOW),
        ({1, 2, 3}, "moderately", 3, 0, i.LOW),  # total 3: low
        ({1, 2, 3, 4}, "moderately", 4, 0, i.MEDIUM),  # total 4: no longer low
        ({5, 6, 7}, "slightly", 3, 3, i.LOW),  # low wins whatever the subscale
        ({1, 5, 6, 7}, "moderately", 4, 3, i.MEDIUM),  # subscale 3: medium
        ({5, 6, 7}, "very-much", 4, 4, i.HIGH),  # subscale 4: high
        ({1, 5, 6, 7, 8}, "moderately", 5, 4, i.HIGH),
        ({1, 2, 3, 4, 5, 6, 7, 8}, "extremely", 9, 5, i.HIGH),
        ({1, 2, 3, 4}, "extremely", 5, 1, i.MEDIUM),
    ],
)
def test_outlook_total_subscale_and_band(agree, bother, total, distress, band):
    result = i.score(i.OUTLOOK, outlook(agree, bother))
    assert (result.score, result.subscale, result.band) == (total, distress, band)


@pytest.mark.parametrize(
    "bother, points",
    [("not-at-all", 0), ("slightly", 0), ("moderately", 0), ("very-much", 1), ("extremely", 1)],
)
def test_only_the_two_worst_bother_answers_score(bother, points):
    assert i.score(i.OUTLOOK, outlook(set(), bother)).score == points


@pytest.mark.parametrize(
    "first, latest, meaningful",
    [
        (20, 15, True),  # 5 points
        (20, 16, False),  # 4 points, 20%
        (10, 7, True),  # 3 points is 30% of 10
        (10, 8, False),  # 20%
        (3, 2, True),  # 1 point is 33% of 3
        (0, 4, False),  # from 0, only 5 points count
        (0, 5, True),
        (12, 17, True),  # worse by 5: also meaningful
        (24, 24, False),
        (0, 0, False),
    ],
)
def test_meaningful_change_is_5_points_or_30_percent(first, latest, meaningful):
    assert i.meaningful_change(first, latest) is meaningful


def test_incomplete_or_unknown_answers_are_refused():
    answers = yes_count(3)
    del answers[24]
    with pytest.raises(i.IncompleteAnswers):
        i.score(i.BACK_FUNCTION, answers)
    with pytest.raises(i.IncompleteAnswers):
        i.score(i.BACK_FUNCTION, {**yes_count(3), 5: "maybe"})


def test_recurrence_is_a_yes_to_the_first_question():
    assert i.score(i.RECURRENCE, {1: i.YES, 2: i.NO}).recurrence
    assert not i.score(i.RECURRENCE, {1: i.NO, 2: i.YES}).recurrence


TODAY = date(2026, 12, 3)
D = timedelta(days=1)


@pytest.mark.parametrize(
    "slug, last, restarted, goal, expected",
    [
        (i.BACK_FUNCTION, None, None, None, TODAY),  # at the start
        (i.BACK_FUNCTION, TODAY - 10 * D, None, None, TODAY + 18 * D),
        (i.BACK_FUNCTION, TODAY - 28 * D, None, None, TODAY),  # every 4 weeks
        (i.OUTLOOK, None, None, None, TODAY),
        (i.OUTLOOK, TODAY - 100 * D, None, None, None),  # once, until a restart
        (i.OUTLOOK, TODAY - 100 * D, TODAY - 2 * D, None, TODAY - 2 * D),
        (i.OUTLOOK, TODAY - D, TODAY - 2 * D, None, None),  # answered since the restart
        (i.RECURRENCE, None, None, None, None),  # not before the goal
        (i.RECURRENCE, None, None, TODAY - 27 * D, TODAY + D),  # 4 weeks after the goal
        (i.RECURRENCE, None, None, TODAY - 28 * D, TODAY),
        (i.RECURRENCE, TODAY - 5 * D, None, TODAY - 60 * D, TODAY + 23 * D),
    ],
)
def test_schedule(slug, last, restarted, goal, expected):
    facts = i.ScheduleFacts(
        today=TODAY,
        last_answered={} if last is None else {slug: last},
        restarted_on=restarted,
        goal_met_on=goal,
    )
    assert i.due_on(slug, facts) == expected
    assert (slug in i.due(facts)) is (expected is not None and expected <= TODAY)


def test_shipped_wording_covers_every_item_in_both_languages():
    for slug, data in QUESTIONNAIRES.items():
        assert len(data["items"]) == i.ITEM_COUNTS[slug]
        for number, (english, hindi) in enumerate(data["items"], start=1):
            assert english and hindi and english != hindi
            for value, en, hi in options_for(slug, number):
                assert en and hi
                i.option_score(slug, number, value)  # every option has a score
