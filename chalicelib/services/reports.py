"""The activity summary of a period: ideas, votes, comments, statuses, first responses."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import chain
from typing import Any, Final

from chalicelib.clock import utc_now
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.reports import summarize
from chalicelib.store import reports

MAX_DAYS: Final = 366
DEFAULT_DAYS: Final = 30


def period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for: by default the 30 days up to today, at most ``MAX_DAYS`` long."""
    end = end or utc_now().date()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("from must not be after to", {"from": ["Must not be after 'to'."]})
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput("the period is too long", {"to": [f"At most {MAX_DAYS} days after 'from'."]})
    return start, end


def summary(start: date, end: date) -> dict[str, Any]:
    ideas = reports.ideas_between(start, end)
    activities = chain(
        reports.idea_activity(ideas), reports.votes_between(start, end), reports.comments_between(start, end)
    )
    result: dict[str, Any] = summarize(
        start, end, activities, [idea.status for idea in ideas], reports.first_response_hours(ideas)
    )
    return result
