"""``/alerts``: surges and backlash found by the detection job, newest first."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import load_query, next_cursor, signed_in, start_position
from chalicelib.api.routing import endpoint
from chalicelib.domain.roles import MODERATOR, PRODUCT
from chalicelib.store import alerts

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/alerts", "GET")
def alert_page() -> dict[str, Any]:
    from chalicelib.schemas import PageQuerySchema

    request = blueprint.current_request
    signed_in(request, PRODUCT, MODERATOR)
    query = load_query(request, PageQuerySchema())
    items, last_key = alerts.list_alerts(query["limit"], start_position(query, "alerts"))
    return render.page([alerts.render(item) for item in items], next_cursor("alerts", last_key))
