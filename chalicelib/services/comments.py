"""Comments of an idea: reading those a reader may see, and posting one."""

from __future__ import annotations

from typing import Any

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.moderation import held_reason
from chalicelib.domain.roles import Principal
from chalicelib.services.visibility import visible_idea
from chalicelib.store.comments import create_comment, list_comments
from chalicelib.store.follows import follow_on_engagement
from chalicelib.store.models import CommentModel


def comments_page(idea_id: str, reader: Principal | None, limit: int, start: Any) -> tuple[list[CommentModel], Any]:
    """Visible comments of a visible idea, oldest first (a reader also sees its own held ones)."""
    visible_idea(idea_id, reader)
    return list_comments(idea_id, limit, start, reader.id if reader else None)


def post_comment(idea_id: str, author: Principal, text: str) -> CommentModel:
    """A new comment; held for moderation when the filter flags it."""
    idea = visible_idea(idea_id, author)
    comment = create_comment(idea, author, text, to_storage(utc_now()), held_reason=held_reason(text))
    follow_on_engagement(idea.id, author.id, comment.created_at)  # commenting follows (store/follows.py)
    return comment
