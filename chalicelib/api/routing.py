"""How a view is registered: every route goes through ``endpoint``, which enforces the body
size limit and turns any failure into a contract error, so no view repeats that."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.responses import error_response, internal_error_response, logger
from chalicelib.errors import ApiError, PayloadTooLargeError, UnavailableError
from chalicelib.store.failures import is_unavailable

MAX_BODY_BYTES = 64 * 1024

View = Callable[..., Any]


def endpoint(blueprint: Blueprint, path: str, method: str) -> Callable[[View], View]:
    """Register ``view`` for ``method path`` on ``blueprint``.

    Every content type is accepted so that a malformed body gets the contract's 400 rather
    than Chalice's own 415 shape; bodies are parsed as JSON whatever their declared type.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                raw_body = blueprint.current_request.raw_body
                if raw_body and len(raw_body) > MAX_BODY_BYTES:
                    raise PayloadTooLargeError(f"request body exceeds {MAX_BODY_BYTES} bytes")
                return view(*args, **kwargs)
            except ApiError as error:
                return error_response(error)
            except Exception as error:  # noqa: BLE001 - the last line of defence of the contract
                if is_unavailable(error):
                    logger.warning("data store unavailable: %s", error)
                    return error_response(UnavailableError("the service is temporarily unavailable; retry"))
                logger.exception("unhandled error on %s %s", method, path)
                return internal_error_response()

        blueprint.route(path, methods=[method], content_types=["*/*"])(guarded)
        return guarded

    return decorator


def json_response(body: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body=body, status_code=status_code, headers=dict(headers or {}))


def csv_response(header: list[str], rows: Iterable[Iterable[object]], filename: str) -> Response:
    """A ``text/csv`` download (``?format=csv``), with a header row, written by ``csv_safety``
    (no cell a spreadsheet would run as a formula; UTF-8 with a byte-order mark)."""
    from chalicelib.csv_safety import csv_text

    return Response(
        body=csv_text(header, rows),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )
