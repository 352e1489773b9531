"""Marketing segments of the newest nightly run; members only consenting customers."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, csv_response, endpoint
from chalicelib.domain.errors import SegmentNotFound
from chalicelib.domain.roles import MARKETING
from chalicelib.store.models import SegmentModel
from chalicelib.store.segments import Listed, listed_members, listed_members_page
from chalicelib.store.topics import current_view

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/segments",
    "GET",
    summary="Marketing segments of the newest run",
    access=(MARKETING,),
    response="SegmentsSchema",
    errors=(403,),
    tag="segments",
)
def segments(call: Call) -> dict[str, Any]:
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


@endpoint(
    blueprint,
    "/segments/{segment_id}/members",
    "GET",
    summary="Members with marketing consent; ?format=csv for all",
    access=(MARKETING,),
    query="MembersQuerySchema",
    response="SegmentMemberPageSchema",
    errors=(400, 403, 404),
    csv=True,
    tag="segments",
)
def members(call: Call, segment_id: str) -> Response | dict[str, Any]:
    query = call.query
    view = current_view()
    segment = None
    if view is not None and len(segment_id) <= 80:
        try:
            segment = SegmentModel.get(view.run_id, segment_id)
        except SegmentModel.DoesNotExist:
            segment = None
    if view is None or segment is None:
        raise SegmentNotFound()
    key = f"{view.run_id}#{segment_id}"
    if query["format"] == "csv":
        members = [_member(listed) for listed in listed_members(key)]
        columns = ["user_id", "name", "email", "engagement", "top_topics"]
        rows = [[*(m[c] for c in columns[:-1]), "; ".join(m["top_topics"])] for m in members]
        return csv_response(columns, rows, f"segment-{segment_id}.csv")
    fingerprint = f"members:{key}"
    page, after = listed_members_page(key, query["limit"], start_position(query, fingerprint))
    return {"items": [_member(listed) for listed in page], "next_cursor": next_cursor(fingerprint, after)}
