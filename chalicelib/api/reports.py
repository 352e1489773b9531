"""``/reports/summary``: activity of a period, as JSON or CSV."""

from __future__ import annotations

from datetime import timedelta
from itertools import chain
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.routing import Call, csv_response, endpoint
from chalicelib.clock import utc_now
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.reports import summarize, to_csv_rows
from chalicelib.domain.roles import MARKETING, PRODUCT
from chalicelib.store import reports

blueprint = Blueprint(__name__)

MAX_DAYS = 366
DEFAULT_DAYS = 30


@endpoint(
    blueprint,
    "/reports/summary",
    "GET",
    summary="Activity of a period (default: the last 30 days), as JSON or CSV",
    access=(PRODUCT, MARKETING),
    query="ReportQuerySchema",
    response="ReportSummarySchema",
    errors=(400, 403),
    csv=True,
    tag="reports",
)
def summary(call: Call) -> Response | dict[str, Any]:
    query = call.query
    end = query.get("to") or utc_now().date()
    start = query.get("from") or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("from must not be after to", {"from": ["Must not be after 'to'."]})
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput("the period is too long", {"to": [f"At most {MAX_DAYS} days after 'from'."]})
    ideas = reports.ideas_between(start, end)
    activities = chain(
        reports.idea_activity(ideas), reports.votes_between(start, end), reports.comments_between(start, end)
    )
    result: dict[str, Any] = summarize(
        start, end, activities, [idea.status for idea in ideas], reports.first_response_hours(ideas)
    )
    if query["format"] == "csv":
        rows = [list(row) for row in to_csv_rows(result)]
        return csv_response(["metric", "dimension", "value"], rows, f"cocrea-summary-{start}-{end}.csv")
    return result
