"""What an activity report reads: ideas, votes and comments of a period, by their time indexes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from chalicelib.clock import parse_stored
from chalicelib.domain.reports import Activity
from chalicelib.domain.vocabulary import PENDING_MODERATION
from chalicelib.store.models import CommentModel, IdeaModel, VoteModel


def _bounds(start: date, end: date) -> tuple[str, str]:
    return f"{start.isoformat()}T00:00:00.000000Z", f"{end.isoformat()}T23:59:59.999999Z"


def ideas_between(start: date, end: date) -> list[IdeaModel]:
    low, high = _bounds(start, end)
    return [
        idea
        for idea in IdeaModel.every_new.query("idea", IdeaModel.created_at.between(low, high))
        if not idea.hidden and idea.status != PENDING_MODERATION
    ]


def votes_between(start: date, end: date) -> Iterator[Activity]:
    day = start
    while day <= end:
        for vote in VoteModel.by_day.query(day.isoformat()):
            yield Activity("votes", day, vote.phase, vote.user_id)
        day += timedelta(days=1)


def comments_between(start: date, end: date) -> Iterator[Activity]:
    low, high = _bounds(start, end)
    for comment in CommentModel.by_time.query(
        "comment",
        CommentModel.created_at.between(low, high),
        filter_condition=(CommentModel.hidden == False) & (CommentModel.status == "published"),  # noqa: E712
    ):
        yield Activity("comments", parse_stored(comment.created_at).date(), comment.phase, comment.author_id)


def idea_activity(ideas: list[IdeaModel]) -> Iterator[Activity]:
    for idea in ideas:
        yield Activity("ideas", parse_stored(idea.created_at).date(), idea.phase, idea.author_id)


def first_response_hours(ideas: list[IdeaModel]) -> list[float]:
    return [
        (parse_stored(idea.first_response_at) - parse_stored(idea.created_at)).total_seconds() / 3600
        for idea in ideas
        if idea.first_response_at
    ]
