"""Ideas: post, list (filters, sorts, cursor paging), read, edit or answer."""

from __future__ import annotations

import json
from dataclasses import astuple
from datetime import timedelta
from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, SIGNED_IN, Call, Reply, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.errors import IdeaNotFound, NeverDeleted, Unauthenticated
from chalicelib.domain.ideas import IdeaFilters, classify_patch
from chalicelib.domain.moderation import held_reason
from chalicelib.domain.roles import MODERATOR, Principal
from chalicelib.domain.trending import rank_trending
from chalicelib.domain.vocabulary import PENDING_MODERATION, TRENDING_WINDOW_DAYS
from chalicelib.store import ideas as idea_store
from chalicelib.store.models import IdeaModel
from chalicelib.store.topics import current_view
from chalicelib.store.votes import recent_vote_counts, voted_ideas

blueprint = Blueprint(__name__)

# Ids are 32 hex characters; anything far longer cannot be one and must not reach DynamoDB,
# which refuses keys over 2 KB with an error that is not the client's 404.
MAX_ID_LENGTH = 64


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
    author, data = call.user, call.body
    idea = idea_store.create_idea(
        author,
        data["title"],
        data["body"],
        data["product"],
        data["phase"],
        to_storage(utc_now()),
        held_reason=held_reason(data["title"], data["body"]),
    )
    return Reply(render.idea(idea, author, set()), {"Location": f"/ideas/{idea.id}"})


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
    topics = current_view()
    topic = query.get("topic")
    filters = IdeaFilters(
        product=query.get("product"),
        phase=query.get("phase"),
        status=query.get("status"),
        topic=topic,
        author_id=viewer.id if query.get("author") == "me" and viewer else None,
        topic_slot=topics.slot if topics else 0,
    )
    fingerprint = "ideas:" + json.dumps([query["sort"], *astuple(filters)])
    start = start_position(query, fingerprint)
    items: list[IdeaModel]
    position: Any
    if topic and topics is None:
        items, position = [], None  # no run has published topics yet
    elif query["sort"] == "trending":
        items, position = _trending_page(filters, query["limit"], start)
    else:
        items, position = idea_store.list_ideas(filters, query["sort"], query["limit"], start)
    voted = voted_ideas(viewer.id, [item.id for item in items]) if viewer and items else set()
    return render.page([render.idea(item, viewer, voted, topics) for item in items], next_cursor(fingerprint, position))


def _trending_page(filters: IdeaFilters, limit: int, start: Any) -> tuple[list[IdeaModel], Any]:
    """Ideas voted in the last seven days, most votes first; then every other idea, newest first.

    A position is ``{"ranked": n}`` inside the ranked part or ``{"rest": key}`` after it.
    """
    recent = recent_vote_counts(
        utc_now(), timedelta(days=TRENDING_WINDOW_DAYS), product=filters.product, phase=filters.phase
    )
    candidates = idea_store.get_ideas(recent)
    ranked = rank_trending([idea for idea in candidates.values() if idea_store.matches(idea, filters)], recent)
    start = start or {"ranked": 0}
    page: list[IdeaModel] = []
    if "ranked" in start:
        offset = int(start["ranked"])
        page = [candidates[idea_id] for idea_id in ranked[offset : offset + limit]]
        if offset + limit < len(ranked):
            return page, {"ranked": offset + limit}
        if len(page) == limit:
            return page, {"rest": None}
        start = {"rest": None}
    rest, last_key = idea_store.list_ideas(filters, "new", limit - len(page), start["rest"])
    already = set(ranked)
    page.extend(idea for idea in rest if idea.id not in already)
    return page, ({"rest": last_key} if last_key else None)


def visible_idea(idea_id: str, viewer: Principal | None) -> IdeaModel:
    """The idea if this reader may see it: hidden or held ideas exist only for their author
    and for moderators; for everyone else they are indistinguishable from unknown ids."""
    idea = idea_store.get_idea(idea_id) if len(idea_id) <= MAX_ID_LENGTH else None
    if idea is None:
        raise IdeaNotFound()
    if idea.hidden or idea.status == PENDING_MODERATION:
        allowed = viewer is not None and (viewer.id == idea.author_id or viewer.has_any(MODERATOR))
        if not allowed:
            raise IdeaNotFound()
    return idea


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
    principal, changes = call.user, call.body
    idea = visible_idea(idea_id, principal)
    now = to_storage(utc_now())
    if classify_patch(principal, idea.author_id, idea.status, changes) == "author":
        title, body = changes.get("title", idea.title), changes.get("body", idea.body)
        idea_store.edit_text(idea, principal, title, body, now, held_reason=held_reason(title, body))
    else:
        idea_store.answer(idea, principal, changes.get("status"), changes.get("response"), now)
    voted = voted_ideas(principal.id, [idea.id])
    return render.idea(idea, principal, voted, current_view())


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
