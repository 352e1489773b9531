"""What API Gateway answers by itself, before any function of ours runs, in the contract's shape.

API Gateway's own answers are ``{"message": "Missing Authentication Token"}`` with a 403 for a
path no route knows, ``{"message": "Too Many Requests"}`` when throttled, and so on. The CDK app
turns each of these into a gateway response with the status and body below
(``infra/stacks/api.py``), and the local stack's server answers an unknown path the same way
(``devstack/local_server.py``), so that clients meet one error shape everywhere.

The messages are English: API Gateway composes them without running our code, so it cannot read
the reader's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class GatewayAnswer:
    status: int
    code: str
    message: str

    def body(self) -> str:
        return json.dumps({"error": {"code": self.code, "message": self.message}}, separators=(",", ":"))


# API Gateway's response type -> our answer. MISSING_AUTHENTICATION_TOKEN is what API Gateway
# answers for a path (or a method of a path) that no route declares.
GATEWAY_ANSWERS: Final = {
    "MISSING_AUTHENTICATION_TOKEN": GatewayAnswer(404, "not_found", "No such route: /openapi.json lists them."),
    "THROTTLED": GatewayAnswer(429, "rate_limited", "Too many requests: retry in a moment."),
    "REQUEST_TOO_LARGE": GatewayAnswer(413, "payload_too_large", "The request body is too large."),
    "INTEGRATION_TIMEOUT": GatewayAnswer(503, "unavailable", "The service took too long to answer: retry."),
    "DEFAULT_5XX": GatewayAnswer(500, "internal", "internal error"),
}

UNKNOWN_ROUTE: Final = GATEWAY_ANSWERS["MISSING_AUTHENTICATION_TOKEN"]
# Gateway answers that ask the client to come back, with the contract's Retry-After (seconds).
RETRY_AFTER_SECONDS: Final = {"THROTTLED": 1, "INTEGRATION_TIMEOUT": 1}
