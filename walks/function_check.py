"""The weekly function check, as plain Python (no Django, no clock).

Three 0-10 answers after the structure of the PEG scale; the score is their
mean to one decimal. A change of 30% or more from the first score is the
usual threshold for a change that matters to a patient with chronic pain.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MEANINGFUL_CHANGE_PERCENT = 30


def function_score(pain: int, enjoyment: int, activity: int) -> Decimal:
    """The mean of the three answers, one decimal (halves round up)."""
    return (Decimal(pain + enjoyment + activity) / 3).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def percent_change(first: Decimal, latest: Decimal) -> int | None:
    """Change from the first score in percent (negative is better), or None
    when the first score is 0 (nothing to improve on)."""
    if first == 0:
        return None
    return int(((latest - first) / first * 100).to_integral_value(rounding=ROUND_HALF_UP))


def is_meaningful(first: Decimal, latest: Decimal) -> bool:
    change = percent_change(first, latest)
    return change is not None and abs(change) >= MEANINGFUL_CHANGE_PERCENT
