"""``/notifications/failed``: notices parked after failing too often, for an admin to act on.

Delivery retries a failing notice with a back-off and parks it after ``MAX_NOTICE_ATTEMPTS``
runs (``chalicelib.notifications.delivery``); this list is where someone sees that it happened
and why (a bounced address, a mail service refusing the sender).
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, endpoint
from chalicelib.clock import to_api
from chalicelib.domain.roles import ADMIN
from chalicelib.store.models import NoticeModel
from chalicelib.store.notices import failed_notices

blueprint = Blueprint(__name__)

FINGERPRINT = "failed-notices"


def render_failed(notice: NoticeModel) -> dict[str, Any]:
    return {
        "id": notice.id,
        "kind": notice.kind,
        "idea": {"id": notice.idea_id, "title": notice.idea_title},
        "at": to_api(notice.at),
        "attempts": int(notice.attempts or 0),
        "reason": notice.last_error or "",
        "failed_at": to_api(notice.failed_at or notice.at),
    }


@endpoint(
    blueprint,
    "/notifications/failed",
    "GET",
    summary="Notices that could not be delivered, most recently parked first, with the reason",
    access=(ADMIN,),
    query="PageQuerySchema",
    response="FailedNoticePageSchema",
    errors=(400, 403),
    tag="notifications",
)
def failed_notice_page(call: Call) -> dict[str, Any]:
    query = call.query
    items, last_key = failed_notices(query["limit"], start_position(query, FINGERPRINT))
    return render.page([render_failed(item) for item in items], next_cursor(FINGERPRINT, last_key))
