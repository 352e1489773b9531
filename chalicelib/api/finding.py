"""Finding ideas (API.md): GET /search, POST /ideas/similar, the duplicate pairs of the team
and moderators. The model ranks; ``services/finding`` keeps what the reader may see."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, Call, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import MODERATOR, PRODUCT, Principal
from chalicelib.services import finding
from chalicelib.services.readers import reader_of
from chalicelib.store.topics import current_view

blueprint = Blueprint(__name__)


def _caller(call: Call) -> str:
    """Whom a rate limit counts: the signed-in user, else the address the call came from."""
    if call.principal is not None:
        return f"user:{call.principal.id}"
    identity = (call.request.context or {}).get("identity") or {}
    return f"ip:{identity.get('sourceIp') or 'unknown'}"


def _scored(items: list[finding.Scored], viewer: Principal | None) -> dict[str, Any]:
    reader = reader_of(viewer, [item.idea for item in items])
    topics = current_view()
    return {"items": [{"idea": render.idea(item.idea, reader, topics), "score": item.score} for item in items]}


@endpoint(
    blueprint,
    "/search",
    "GET",
    summary="Ideas matching a text by meaning (Spanish, English, Portuguese, across languages) or exact words",
    access=OPTIONAL_SIGN_IN,
    query="SearchQuerySchema",
    response="ScoredIdeasSchema",
    errors=(400, 429),
    tag="finding",
)
def search(call: Call) -> dict[str, Any]:
    query = call.query
    finding.limit_rate("search", _caller(call), finding.SEARCH_CALLS_PER_MINUTE)
    found = finding.search(query["q"], query.get("product"), query.get("phase"), query.get("status"), query["limit"])
    return _scored(found, call.principal)


@endpoint(
    blueprint,
    "/ideas/similar",
    "POST",
    summary="Up to five visible ideas that may be the same request as a title being written",
    access=OPTIONAL_SIGN_IN,
    body="SimilarRequestSchema",
    response="ScoredIdeasSchema",
    errors=(400, 429),
    tag="finding",
)
def similar(call: Call) -> dict[str, Any]:
    data = call.body
    finding.limit_rate("similar", _caller(call), finding.SIMILAR_CALLS_PER_MINUTE)
    return _scored(finding.similar(data["title"], data["body"], data.get("product")), call.principal)


@endpoint(
    blueprint,
    "/moderation/duplicates",
    "GET",
    summary="Likely duplicate pairs among visible ideas, most likely first",
    access=(PRODUCT, MODERATOR),
    query="DuplicatesQuerySchema",
    response="DuplicatePairPageSchema",
    errors=(400, 403),
    tag="finding",
)
def duplicates(call: Call) -> dict[str, Any]:
    viewer, query = call.user, call.query
    fingerprint = "duplicates:" + json.dumps(query.get("product"))
    pairs, position = finding.duplicate_pairs(query.get("product"), query["limit"], start_position(query, fingerprint))
    reader = reader_of(viewer, [idea for pair in pairs for idea in (pair.a, pair.b)])
    topics = current_view()
    items = [
        {
            "a": render.idea(pair.a, reader, topics),
            "b": render.idea(pair.b, reader, topics),
            "score": pair.score,
        }
        for pair in pairs
    ]
    return render.page(items, next_cursor(fingerprint, position))


@endpoint(
    blueprint,
    "/moderation/duplicates/dismiss",
    "POST",
    summary="Keep a pair of ideas out of the duplicates list for good",
    access=(PRODUCT, MODERATOR),
    body="DismissRequestSchema",
    response="DismissedSchema",
    errors=(400, 403, 404),
    tag="finding",
)
def dismiss(call: Call) -> dict[str, Any]:
    finding.dismiss_pair(call.user, call.body["a"], call.body["b"], to_storage(utc_now()))
    return {"dismissed": True}
