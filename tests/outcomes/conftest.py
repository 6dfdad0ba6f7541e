import datetime

from walks.services import entries


def reach_the_goal(user, today, weeks=8) -> None:
    """A diary of 30-minute walks every day, pain 2, over `weeks` weeks up to
    today: the plan climbs 10 -> 30 minutes and meets the goal."""
    start = today - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1)
    entries.set_plan(user=user, start_date=start, start_minutes=10)
    entries.import_walks(
        user=user,
        walks=[
            {"date": start + datetime.timedelta(days=n), "duration_minutes": 30,
             "pain_before": 2, "pain_after": 2, "surface": "flat"}
            for n in range(weeks * 7)
        ],
        today=today,
    )  # fmt: skip
