"""Marketing segments of the newest nightly run; members only with marketing consent."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, csv_response, endpoint
from chalicelib.domain.roles import MARKETING
from chalicelib.services import segments as segment_service

blueprint = Blueprint(__name__)

MEMBER_COLUMNS = ["user_id", "name", "email", "engagement", "top_topics"]


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
    return {"items": [render.segment(segment) for segment in segment_service.newest_segments()]}


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
    segment = segment_service.find_segment(segment_id)
    if query["format"] == "csv":
        rows = [
            [m.user_id, m.name, m.email, m.engagement, "; ".join(m.top_topics)]
            for m in segment_service.every_consenting_member(segment)
        ]
        return csv_response(MEMBER_COLUMNS, rows, f"segment-{segment_id}.csv")
    fingerprint = f"members:{segment.key}"
    page, last_key = segment_service.members_page(segment, query["limit"], start_position(query, fingerprint))
    return {"items": [render.member(m) for m in page], "next_cursor": next_cursor(fingerprint, last_key)}
