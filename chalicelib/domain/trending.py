"""The ``trending`` window: votes received today and in the six UTC days before count.

The order itself is an index order (``IdeaModel.trend_rank``, see ``store/vote_days.py``)."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.domain.vocabulary import TRENDING_WINDOW_DAYS


def in_window(day: str, today: date) -> bool:
    """Whether votes of the UTC ``day`` (``2026-11-24``) count for trending on ``today``: the
    window is today and the ``TRENDING_WINDOW_DAYS - 1`` days before it."""
    return day >= (today - timedelta(days=TRENDING_WINDOW_DAYS - 1)).isoformat()


def first_day_out(today: date) -> date:
    """The newest day whose votes no longer count on ``today``."""
    return today - timedelta(days=TRENDING_WINDOW_DAYS)
