"""Ideas: post, list (filters, sorts, cursor paging), read, edit or answer."""

from __future__ import annotations

import json
from dataclasses import astuple
from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, SIGNED_IN, Call, Reply, endpoint
from chalicelib.domain.errors import NeverDeleted, Unauthenticated
from chalicelib.services import ideas

# Re-exported: branches written before services/ import them from here.
from chalicelib.services.visibility import MAX_ID_LENGTH as MAX_ID_LENGTH
from chalicelib.services.visibility import visible_idea as visible_idea
from chalicelib.store.topics import current_view
from chalicelib.store.votes import voted_ideas

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/ideas",
    "POST",
    summary="Post an idea",
    access=SIGNED_IN,
    body="IdeaCreateSchema",
    response="IdeaSchema",
    success=201,
    errors=(400,),
    headers={"Location": "URL of the new idea"},
    tag="ideas",
)
def post_idea(call: Call) -> Reply:
    data = call.body
    idea = ideas.post_idea(call.user, data["title"], data["body"], data["product"], data["phase"])
    return Reply(render.idea(idea, call.user, set()), {"Location": f"/ideas/{idea.id}"})


@endpoint(
    blueprint,
    "/ideas",
    "GET",
    summary="A page of ideas, filtered and sorted",
    access=OPTIONAL_SIGN_IN,
    query="IdeaListQuerySchema",
    response="IdeaPageSchema",
    errors=(400,),
    tag="ideas",
)
def ideas_page(call: Call) -> dict[str, Any]:
    viewer, query = call.principal, call.query
    if query.get("author") == "me" and viewer is None:
        raise Unauthenticated("author=me needs a signed-in reader")
    listed = ideas.listing(query, viewer)
    fingerprint = "ideas:" + json.dumps([query["sort"], *astuple(listed.filters)])
    page = ideas.ideas_page(listed, query["sort"], query["limit"], start_position(query, fingerprint), viewer)
    return render.page(
        [render.idea(item, viewer, page.voted, listed.topics) for item in page.items],
        next_cursor(fingerprint, page.position),
    )


@endpoint(
    blueprint,
    "/ideas/{idea_id}",
    "GET",
    summary="One idea",
    access=OPTIONAL_SIGN_IN,
    response="IdeaSchema",
    errors=(404,),
    tag="ideas",
)
def one_idea(call: Call, idea_id: str) -> dict[str, Any]:
    viewer = call.principal
    idea = visible_idea(idea_id, viewer)
    voted = voted_ideas(viewer.id, [idea.id]) if viewer else set()
    return render.idea(idea, viewer, voted, current_view())


@endpoint(
    blueprint,
    "/ideas/{idea_id}",
    "PATCH",
    summary="Author edit (title, body) or product answer (status, response)",
    access=SIGNED_IN,
    body="IdeaPatchSchema",
    response="IdeaSchema",
    errors=(400, 403, 404, 409),
    tag="ideas",
)
def change_idea(call: Call, idea_id: str) -> dict[str, Any]:
    idea = ideas.change_idea(idea_id, call.user, call.body)
    return render.idea(idea, call.user, voted_ideas(call.user.id, [idea.id]), current_view())


@endpoint(
    blueprint,
    "/ideas/{idea_id}",
    "DELETE",
    summary="Never allowed: ideas are hidden, not deleted",
    access=OPTIONAL_SIGN_IN,
    response=None,
    success=405,
    errors=(405,),
    tag="ideas",
)
def delete_idea(call: Call, idea_id: str) -> None:
    raise NeverDeleted("ideas are never deleted; a moderator can hide one instead")
