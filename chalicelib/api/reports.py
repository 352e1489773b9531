"""``/reports/summary``: activity of a period, as JSON or CSV."""

from __future__ import annotations

from datetime import timedelta
from itertools import chain
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.request import load_query, signed_in
from chalicelib.api.routing import csv_response, endpoint, json_response
from chalicelib.clock import utc_now
from chalicelib.domain.reports import summarize, to_csv_rows
from chalicelib.domain.roles import MARKETING, PRODUCT
from chalicelib.errors import RequestValidationError
from chalicelib.store import reports

blueprint = Blueprint(__name__)

MAX_DAYS = 366
DEFAULT_DAYS = 30


@endpoint(blueprint, "/reports/summary", "GET")
def summary() -> Response:
    from chalicelib.schemas import ReportQuerySchema

    request = blueprint.current_request
    signed_in(request, PRODUCT, MARKETING)
    query = load_query(request, ReportQuerySchema())
    end = query.get("to") or utc_now().date()
    start = query.get("from") or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise RequestValidationError("from must not be after to", {"from": ["Must not be after 'to'."]})
    if (end - start).days >= MAX_DAYS:
        raise RequestValidationError("the period is too long", {"to": [f"At most {MAX_DAYS} days after 'from'."]})
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
    return json_response(result)
