"""Comments of an idea."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api import render
from chalicelib.api.ideas import visible_idea
from chalicelib.api.request import load_body, load_query, next_cursor, reader, signed_in, start_position
from chalicelib.api.routing import endpoint, json_response
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.moderation import held_reason
from chalicelib.errors import MethodNotAllowedError
from chalicelib.store.comments import create_comment, list_comments

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/ideas/{idea_id}/comments", "GET")
def comments_page(idea_id: str) -> dict[str, Any]:
    from chalicelib.schemas import PageQuerySchema

    request = blueprint.current_request
    query = load_query(request, PageQuerySchema())
    viewer = reader(request)
    visible_idea(idea_id, viewer)
    viewer_id = viewer.id if viewer else None
    fingerprint = f"comments:{idea_id}:{viewer_id or ''}"
    items, last_key = list_comments(idea_id, query["limit"], start_position(query, fingerprint), viewer_id)
    return render.page([render.comment(item) for item in items], next_cursor(fingerprint, last_key))


@endpoint(blueprint, "/ideas/{idea_id}/comments", "POST")
def post_comment(idea_id: str) -> Response:
    from chalicelib.schemas import CommentCreateSchema

    request = blueprint.current_request
    author = signed_in(request)
    data = load_body(request, CommentCreateSchema())
    idea = visible_idea(idea_id, author)
    comment = create_comment(idea, author, data["body"], to_storage(utc_now()), held_reason=held_reason(data["body"]))
    return json_response(render.comment(comment), 201)


@endpoint(blueprint, "/comments/{comment_id}", "DELETE")
def delete_comment(comment_id: str) -> None:
    raise MethodNotAllowedError("comments are never deleted; a moderator can hide one instead")
