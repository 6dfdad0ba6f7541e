"""The day-by-day series behind the charts and /progress.json: minutes,
that day's target and the mean pain, one row per day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import NamedTuple

from walks.diary import Day
from walks.rules import DEFAULT_DAILY_DAYS, Progress


class DailyRow(NamedTuple):
    """One day of the chart series (a tuple: there can be thousands)."""

    date: date
    minutes: int
    target_minutes: int | None
    pain_before: float | None
    pain_after: float | None


def daily_rows(
    *,
    progress: Progress,
    days: Mapping[date, Day],
    count: int = DEFAULT_DAILY_DAYS,
    include_empty: bool = False,
) -> list[DailyRow]:
    """One row per day for the last `count` days, oldest first.

    By default only days with an entry appear (the JSON contract); charts ask
    for every day so that gaps show as zero-minute bars.
    """
    rows = []
    first = progress.today - timedelta(days=count - 1)
    one_day = timedelta(days=1)
    d = first
    for _ in range(count):
        day = days.get(d)
        if day is not None:
            walks = day.walks
            rows.append(
                DailyRow(
                    d,
                    day.minutes,
                    progress.target_on(d),
                    round(day.pain_before_sum / walks, 1) if walks else None,
                    round(day.pain_after_sum / walks, 1) if walks else None,
                )
            )
        elif include_empty:
            rows.append(DailyRow(d, 0, progress.target_on(d), None, None))
        d += one_day
    return rows
