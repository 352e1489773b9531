"""Ideas: post, list (filters, sorts, cursor paging), read, edit or answer."""

from __future__ import annotations

import json
from dataclasses import astuple
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, SIGNED_IN, Call, Reply, csv_response, endpoint
from chalicelib.domain.errors import NeverDeleted, NotPermitted, Unauthenticated
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.domain.roles import PRODUCT, Principal
from chalicelib.services import ideas
from chalicelib.services.idea_export import COLUMNS, idea_rows
from chalicelib.services.readers import author_of_new_idea, reader_of

# Re-exported: branches written before services/ import them from here.
from chalicelib.services.visibility import MAX_ID_LENGTH as MAX_ID_LENGTH
from chalicelib.services.visibility import visible_idea as visible_idea
from chalicelib.store.topics import TopicView, current_view

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
    return Reply(render.idea(idea, author_of_new_idea(call.user, idea)), {"Location": f"/ideas/{idea.id}"})


@endpoint(
    blueprint,
    "/ideas",
    "GET",
    summary="A page of ideas, filtered and sorted; with format=csv (product, admin) every matching idea",
    access=OPTIONAL_SIGN_IN,
    query="IdeaListQuerySchema",
    response="IdeaPageSchema",
    errors=(400, 403),
    csv=True,
    tag="ideas",
)
def ideas_page(call: Call) -> dict[str, Any] | Response:
    viewer, query = call.principal, call.query
    if query.get("author") == "me" and viewer is None:
        raise Unauthenticated("author=me needs a signed-in reader")
    listed = ideas.listing(query, viewer)
    if query["format"] == "csv":
        return _export(viewer, listed.filters, listed.topics)
    fingerprint = "ideas:" + json.dumps([query["sort"], *astuple(listed.filters)])
    page = ideas.ideas_page(listed, query["sort"], query["limit"], start_position(query, fingerprint), viewer)
    reader = reader_of(viewer, page.items, page.voted)
    return render.page(
        [render.idea(item, reader, listed.topics) for item in page.items],
        next_cursor(fingerprint, page.position),
    )


def _export(viewer: Principal | None, filters: IdeaFilters, topics: TopicView | None) -> Response:
    """The export is the same list, not paged; a per-value gate the declaration cannot carry."""
    if viewer is None:
        raise Unauthenticated("the CSV export needs a signed-in product team member or admin")
    if not viewer.has_any(PRODUCT):
        raise NotPermitted("the CSV export is for the roles: product, admin")
    return csv_response(COLUMNS, idea_rows(filters, topics), "ideas.csv")


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
    return render.idea(idea, reader_of(viewer, [idea]), current_view())


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
    return render.idea(idea, reader_of(call.user, [idea]), current_view())


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
