"""Finding ideas (API.md): GET /search, POST /ideas/similar, the moderators' duplicate pairs."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint, Request

from chalicelib.api import render
from chalicelib.api.request import load_body, load_query, next_cursor, reader, signed_in, start_position
from chalicelib.api.routing import endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import MODERATOR, PRODUCT, Principal
from chalicelib.services import finding
from chalicelib.store.topics import current_view
from chalicelib.store.votes import voted_ideas

blueprint = Blueprint(__name__)


def _caller(request: Request, viewer: Principal | None) -> str:
    """Whom a rate limit counts: the signed-in user, else the address the call came from."""
    if viewer is not None:
        return f"user:{viewer.id}"
    identity = (request.context or {}).get("identity") or {}
    return f"ip:{identity.get('sourceIp') or 'unknown'}"


def _scored(items: list[finding.Scored], viewer: Principal | None) -> dict[str, Any]:
    voted = voted_ideas(viewer.id, [item.idea.id for item in items]) if viewer and items else set()
    topics = current_view()
    return {"items": [{"idea": render.idea(item.idea, viewer, voted, topics), "score": item.score} for item in items]}


@endpoint(blueprint, "/search", "GET")
def search() -> dict[str, Any]:
    from chalicelib.finding_schemas import SearchQuerySchema

    request = blueprint.current_request
    viewer = reader(request)
    query = load_query(request, SearchQuerySchema())
    finding.limit_rate("search", _caller(request, viewer), finding.SEARCH_CALLS_PER_MINUTE)
    found = finding.search(query["q"], query.get("product"), query.get("phase"), query.get("status"), query["limit"])
    return _scored(found, viewer)


@endpoint(blueprint, "/ideas/similar", "POST")
def similar() -> dict[str, Any]:
    from chalicelib.finding_schemas import SimilarRequestSchema

    request = blueprint.current_request
    viewer = reader(request)
    data = load_body(request, SimilarRequestSchema())
    finding.limit_rate("similar", _caller(request, viewer), finding.SIMILAR_CALLS_PER_MINUTE)
    return _scored(finding.similar(data["title"], data["body"], data.get("product")), viewer)


@endpoint(blueprint, "/moderation/duplicates", "GET")
def duplicates() -> dict[str, Any]:
    from chalicelib.finding_schemas import DuplicatesQuerySchema

    request = blueprint.current_request
    viewer = signed_in(request, PRODUCT, MODERATOR)
    query = load_query(request, DuplicatesQuerySchema())
    fingerprint = "duplicates:" + json.dumps(query.get("product"))
    pairs, position = finding.duplicate_pairs(query.get("product"), query["limit"], start_position(query, fingerprint))
    ideas = [idea for pair in pairs for idea in (pair.a, pair.b)]
    voted = voted_ideas(viewer.id, [idea.id for idea in ideas]) if ideas else set()
    topics = current_view()
    items = [
        {
            "a": render.idea(pair.a, viewer, voted, topics),
            "b": render.idea(pair.b, viewer, voted, topics),
            "score": pair.score,
        }
        for pair in pairs
    ]
    return render.page(items, next_cursor(fingerprint, position))


@endpoint(blueprint, "/moderation/duplicates/dismiss", "POST")
def dismiss() -> dict[str, Any]:
    from chalicelib.finding_schemas import DismissRequestSchema

    request = blueprint.current_request
    actor = signed_in(request, PRODUCT, MODERATOR)
    data = load_body(request, DismissRequestSchema())
    finding.dismiss_pair(actor, data["a"], data["b"], to_storage(utc_now()))
    return {"dismissed": True}
