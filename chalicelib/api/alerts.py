"""``/alerts``: surges and backlash found by the detection job, newest first."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, endpoint
from chalicelib.domain.roles import MODERATOR, PRODUCT
from chalicelib.services.alerts import alert_message
from chalicelib.store import alerts

blueprint = Blueprint(__name__)

# Alerts are worded in English until the reader's language is known here (../shared/API.md).
LANGUAGE = "en"


@endpoint(
    blueprint,
    "/alerts",
    "GET",
    summary="Surges and backlash, newest first",
    access=(PRODUCT, MODERATOR),
    query="PageQuerySchema",
    response="AlertPageSchema",
    errors=(400, 403),
    tag="topics",
)
def alert_page(call: Call) -> dict[str, Any]:
    query = call.query
    items, last_key = alerts.list_alerts(query["limit"], start_position(query, "alerts"))
    return render.page(
        [render.alert(item, alert_message(item, LANGUAGE)) for item in items], next_cursor("alerts", last_key)
    )
