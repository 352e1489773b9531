"""Comments of an idea."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, PUBLIC, SIGNED_IN, Call, endpoint
from chalicelib.domain.errors import NeverDeleted
from chalicelib.services import comments

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
    fingerprint = f"comments:{idea_id}:{viewer.id if viewer else ''}"
    items, last_key = comments.comments_page(idea_id, viewer, query["limit"], start_position(query, fingerprint))
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
    return render.comment(comments.post_comment(idea_id, call.user, call.body["body"]))


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
