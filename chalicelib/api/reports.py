"""``/reports/summary``: activity of a period, as JSON or CSV."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.routing import Call, csv_response, endpoint
from chalicelib.domain.reports import to_csv_rows
from chalicelib.domain.roles import MARKETING, PRODUCT
from chalicelib.services import reports as report_service

blueprint = Blueprint(__name__)


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
    start, end = report_service.period(call.query.get("from"), call.query.get("to"))
    result = report_service.summary(start, end)
    if call.query["format"] == "csv":
        rows = [list(row) for row in to_csv_rows(result)]
        return csv_response(["metric", "dimension", "value"], rows, f"cocrea-summary-{start}-{end}.csv")
    return result
