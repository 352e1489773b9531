"""The errors of the HTTP contract, raised anywhere below the HTTP layer and rendered by it.

Each error knows its status code and its contract ``code``; ``api.responses`` turns it into
``{"error": {"code", "message", "fields"?}}``.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of every error that reaches a client with its own status code."""

    status_code = 500
    code = "internal"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RequestValidationError(ApiError):
    """The request is malformed; ``fields`` names what is wrong with which field."""

    status_code = 400
    code = "validation_error"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, list[str]] = fields or {}


class UnauthorizedError(ApiError):
    status_code = 401
    code = "unauthorized"


class ForbiddenError(ApiError):
    status_code = 403
    code = "forbidden"


class NotFoundError(ApiError):
    status_code = 404
    code = "not_found"


class MethodNotAllowedError(ApiError):
    status_code = 405
    code = "method_not_allowed"


class ConflictError(ApiError):
    status_code = 409
    code = "conflict"


class PayloadTooLargeError(ApiError):
    status_code = 413
    code = "payload_too_large"


class UnavailableError(ApiError):
    """The data store cannot be reached or is throttling: the client may retry later."""

    status_code = 503
    code = "unavailable"


class RateLimitedError(ApiError):
    """Too many calls from one caller; ``retry_after`` seconds until the next is accepted."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
