"""Old names of the domain errors, kept so that code written before ``chalicelib.domain.errors``
still imports. New code raises the domain classes themselves (``IdeaNotFound``,
``InvalidTransition`` ...); ``chalicelib/api/errors.py`` maps them to status codes."""

from __future__ import annotations

from chalicelib.domain.errors import (
    Conflict as ConflictError,
)
from chalicelib.domain.errors import (
    DomainError as ApiError,
)
from chalicelib.domain.errors import (
    InvalidInput as RequestValidationError,
)
from chalicelib.domain.errors import (
    NeverDeleted as MethodNotAllowedError,
)
from chalicelib.domain.errors import (
    NotFound as NotFoundError,
)
from chalicelib.domain.errors import (
    NotPermitted as ForbiddenError,
)
from chalicelib.domain.errors import (
    TooLarge as PayloadTooLargeError,
)
from chalicelib.domain.errors import (
    Unauthenticated as UnauthorizedError,
)
from chalicelib.domain.errors import (
    Unavailable as UnavailableError,
)

__all__ = [
    "ApiError",
    "ConflictError",
    "ForbiddenError",
    "MethodNotAllowedError",
    "NotFoundError",
    "PayloadTooLargeError",
    "RequestValidationError",
    "UnauthorizedError",
    "UnavailableError",
]
