"""Keeping alerts, and reading the recent activity their detection counts.

Activity is read through the time indexes of ideas, votes and comments (no Scan). Detection
itself, and the words of an alert, are in ``chalicelib/services/alerts.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.clock import to_storage
from chalicelib.store.models import AlertModel, CommentModel, IdeaModel, VoteModel
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import save_if


def ideas_since(since: datetime) -> dict[str, IdeaModel]:
    return {idea.id: idea for idea in IdeaModel.every_new.query("idea", IdeaModel.created_at >= to_storage(since))}


def votes_since(since: datetime, now: datetime) -> list[VoteModel]:
    votes = []
    day = since.date()
    while day <= now.date():
        votes += list(VoteModel.by_day.query(day.isoformat(), VoteModel.created_at >= to_storage(since)))
        day += timedelta(days=1)
    return votes


def comments_since(since: datetime) -> list[CommentModel]:
    return list(CommentModel.by_time.query("comment", CommentModel.created_at >= to_storage(since)))


def save_once(alert: AlertModel) -> bool:
    """Store ``alert`` unless an alert with its id exists; True when it was new."""
    return save_if(alert, AlertModel.id.does_not_exist())


def list_alerts(limit: int, start: LastKey | None) -> tuple[list[AlertModel], LastKey | None]:
    results = AlertModel.newest.query("alerts", scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)
