"""Structured JSON log lines carry the request id of the request that wrote them."""

from __future__ import annotations

import json
import logging
import sys

from chalicelib.logs import JsonFormatter, request_id


def record(message: str, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord("cocrea.api", logging.ERROR, __file__, 1, message, None, exc_info)  # type: ignore[arg-type]


def test_a_line_is_json_with_level_logger_message_and_request_id() -> None:
    token = request_id.set("req-123")
    try:
        line = JsonFormatter().format(record("data store unavailable"))
    finally:
        request_id.reset(token)

    entry = json.loads(line)
    assert entry["request_id"] == "req-123"
    assert (entry["level"], entry["logger"], entry["message"]) == ("ERROR", "cocrea.api", "data store unavailable")
    assert entry["time"].endswith("+00:00")


def test_outside_a_request_the_id_is_null_and_exceptions_are_kept() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        line = JsonFormatter().format(record("unhandled", sys.exc_info()))

    entry = json.loads(line)
    assert entry["request_id"] is None
    assert "ValueError: boom" in entry["exception"]
