"""Rendering errors in the contract's shape: ``{"error": {"code", "message", "fields"?}}``."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from chalicelib.api.error_texts import localized, reader_language
from chalicelib.api.errors import CODES_BY_STATUS, contract_error
from chalicelib.api.request import current_route, route_of
from chalicelib.domain.errors import DomainError, InvalidInput
from chalicelib.logs import request_id
from chalicelib.security_headers import api_headers

logger = logging.getLogger("cocrea.api")


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def error_response(error: DomainError, language: str = "en") -> Response:
    """The contract's answer to a domain failure, with the status of ``api/errors.py``'s table,
    its message in ``language`` (``api/error_texts.py``)."""
    status, code = contract_error(error)
    if status == 500:
        logger.error("domain error without a contract answer: %r", error)
        return internal_error_response()  # its message was not written for clients
    fields = error.fields if isinstance(error, InvalidInput) else None
    headers: dict[str, str | list[str]] = {}
    if status in (429, 503):
        # How long to wait: the rate window's remaining seconds, or a second for an outage.
        headers["Retry-After"] = str(getattr(error, "retry_after", 1))
    message, fields = localized(language, code, error.message, fields, getattr(error, "text_key", None))
    return Response(body=error_body(code, message, fields), status_code=status, headers=headers)


def internal_error_response() -> Response:
    """A 500 that says nothing about the code: the trace is in the log, not in the response."""
    return Response(body=error_body("internal", "internal error"), status_code=500)


def contract_errors(event: Request, get_response: Callable[[Request], Response]) -> Response:
    """Middleware: tag the request's log lines with its request id, rewrite Chalice's own
    ``{"Code", "Message"}`` errors into the contract's shape, and add the security headers.

    Errors raised by our views are already in shape (see ``routing.endpoint``); this catches
    what Chalice answers before a view runs, such as 405 for a method a path does not have.
    """
    # API Gateway's id of the request; chalice local and the test client have none, so one is made.
    token = request_id.set((event.context or {}).get("requestId") or uuid.uuid4().hex)
    route = current_route.set(route_of(event))
    try:
        response = get_response(event)
    finally:
        current_route.reset(route)
        request_id.reset(token)
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body and "error" not in body:
        if response.status_code >= 500:
            response = internal_error_response()
        else:
            code = CODES_BY_STATUS.get(response.status_code, "validation_error")
            message, fields = localized(
                reader_language(event, None),
                code,
                str(body.get("Message", "")),
                {} if code == "validation_error" else None,
            )
            response.body = error_body(code, message, fields)
    for name, value in api_headers().items():
        response.headers.setdefault(name, value)  # a view's own (the portal page's policy) wins
    return response
