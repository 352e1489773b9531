"""Structured logs: one JSON object per line, with the API Gateway request id of the request.

CloudWatch Logs Insights can then filter on ``level`` or ``request_id`` directly, the way
Powertools for AWS Lambda logs; the standard library does it without another dependency.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    """Send the ``cocrea`` loggers (Chalice's ``app.log`` is one of them) to stderr as JSON lines.

    The handler replaces the plain-text one Chalice puts on its app logger, so that each line is
    written once.
    """
    logger = logging.getLogger("cocrea")
    if any(isinstance(handler.formatter, JsonFormatter) for handler in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logger.handlers = [handler]
    logger.setLevel(level)
    logger.propagate = False  # Lambda's root handler would print each line a second time
