"""Marketing segments of the newest nightly run; members only consenting customers."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.request import load_query, next_cursor, signed_in, start_position
from chalicelib.api.routing import csv_response, endpoint, json_response
from chalicelib.domain.roles import MARKETING
from chalicelib.errors import NotFoundError
from chalicelib.store.models import SegmentModel
from chalicelib.store.segments import Listed, listed_members, listed_members_page
from chalicelib.store.topics import current_view

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/segments", "GET")
def segments() -> dict[str, Any]:
    signed_in(blueprint.current_request, MARKETING)
    view = current_view()
    items = list(SegmentModel.query(view.run_id)) if view else []
    return {
        "items": [
            {"id": s.segment_id, "name": s.name, "description": s.description, "size": int(s.size)} for s in items
        ]
    }


def _member(listed: Listed) -> dict[str, Any]:
    member, user = listed
    return {
        "user_id": member.user_id,
        "name": user.name,
        "email": user.email,
        "engagement": member.engagement,
        "top_topics": list(member.top_topics or []),
    }


@endpoint(blueprint, "/segments/{segment_id}/members", "GET")
def members(segment_id: str) -> Response:
    from chalicelib.schemas import MembersQuerySchema

    request = blueprint.current_request
    signed_in(request, MARKETING)
    query = load_query(request, MembersQuerySchema())
    view = current_view()
    segment = None
    if view is not None and len(segment_id) <= 80:
        try:
            segment = SegmentModel.get(view.run_id, segment_id)
        except SegmentModel.DoesNotExist:
            segment = None
    if view is None or segment is None:
        raise NotFoundError("segment not found in the newest run")
    key = f"{view.run_id}#{segment_id}"
    if query["format"] == "csv":
        members = [_member(listed) for listed in listed_members(key)]
        columns = ["user_id", "name", "email", "engagement", "top_topics"]
        rows = [[*(m[c] for c in columns[:-1]), "; ".join(m["top_topics"])] for m in members]
        return csv_response(columns, rows, f"segment-{segment_id}.csv")
    fingerprint = f"members:{key}"
    page, after = listed_members_page(key, query["limit"], start_position(query, fingerprint))
    items = [_member(listed) for listed in page]
    return json_response({"items": items, "next_cursor": next_cursor(fingerprint, after)})
