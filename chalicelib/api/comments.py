"""Comments of an idea."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.ideas import visible_idea
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, PUBLIC, SIGNED_IN, Call, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.errors import NeverDeleted
from chalicelib.domain.moderation import held_reason
from chalicelib.store.comments import create_comment, list_comments

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/ideas/{idea_id}/comments",
    "GET",
    summary="Visible comments, oldest first",
    access=OPTIONAL_SIGN_IN,
    query="PageQuerySchema",
    response="CommentPageSchema",
    errors=(400, 404),
    tag="comments",
)
def comments_page(call: Call, idea_id: str) -> dict[str, Any]:
    viewer, query = call.principal, call.query
    visible_idea(idea_id, viewer)
    viewer_id = viewer.id if viewer else None
    fingerprint = f"comments:{idea_id}:{viewer_id or ''}"
    items, last_key = list_comments(idea_id, query["limit"], start_position(query, fingerprint), viewer_id)
    return render.page([render.comment(item) for item in items], next_cursor(fingerprint, last_key))


@endpoint(
    blueprint,
    "/ideas/{idea_id}/comments",
    "POST",
    summary="Comment on an idea",
    access=SIGNED_IN,
    body="CommentCreateSchema",
    response="CommentSchema",
    success=201,
    errors=(400, 404),
    tag="comments",
)
def post_comment(call: Call, idea_id: str) -> dict[str, Any]:
    author, text = call.user, call.body["body"]
    idea = visible_idea(idea_id, author)
    comment = create_comment(idea, author, text, to_storage(utc_now()), held_reason=held_reason(text))
    return render.comment(comment)


@endpoint(
    blueprint,
    "/comments/{comment_id}",
    "DELETE",
    summary="Never allowed: comments are hidden, not deleted",
    access=PUBLIC,
    response=None,
    success=405,
    errors=(405,),
    tag="comments",
)
def delete_comment(call: Call, comment_id: str) -> None:
    raise NeverDeleted("comments are never deleted; a moderator can hide one instead")
