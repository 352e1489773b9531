"""Marketing segments of the newest nightly run; members only with marketing consent."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, csv_response, endpoint
from chalicelib.domain.errors import SegmentNotFound
from chalicelib.domain.roles import MARKETING
from chalicelib.store.models import SegmentMemberModel, SegmentModel, UserModel
from chalicelib.store.paging import read_page
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


def _consenting(members: list[SegmentMemberModel]) -> list[dict[str, Any]]:
    """Members joined with their user item; anyone without marketing consent *now* is left out."""
    users = {u.id: u for u in UserModel.batch_get([m.user_id for m in members])} if members else {}
    return [
        {
            "user_id": m.user_id,
            "name": users[m.user_id].name,
            "email": users[m.user_id].email,
            "engagement": m.engagement,
            "top_topics": list(m.top_topics or []),
        }
        for m in members
        if m.user_id in users and users[m.user_id].marketing_consent
    ]


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
        members = _consenting(list(SegmentMemberModel.query(key)))
        columns = ["user_id", "name", "email", "engagement", "top_topics"]
        rows = [[*(m[c] for c in columns[:-1]), "; ".join(m["top_topics"])] for m in members]
        return csv_response(columns, rows, f"segment-{segment_id}.csv")
    fingerprint = f"members:{key}"
    page, last_key = read_page(
        SegmentMemberModel.query(
            key, last_evaluated_key=start_position(query, fingerprint), page_size=query["limit"] + 1
        ),
        query["limit"],
    )
    return {"items": _consenting(page), "next_cursor": next_cursor(fingerprint, last_key)}
