"""What can go wrong in a use case, said in the domain's words.

These exceptions know nothing about HTTP: the HTTP layer holds the one table
that turns each kind into the contract's status and error code. Raise the most specific class
(``IdeaNotFound`` rather than ``NotFound``); the table matches a class by its nearest listed
ancestor, so a new subclass needs no new row unless its answer differs.
"""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """Base of every failure that a client is told about in words of its own."""

    default_message: ClassVar[str] = "the request could not be completed"
    # A key of chalicelib/texts saying this failure in every language; None: the generic
    # sentence of the error's code is used for readers of other languages than English.
    text_key: ClassVar[str | None] = None

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class InvalidInput(DomainError):
    """The request is malformed; ``fields`` names what is wrong with which field."""

    default_message = "invalid input"

    def __init__(self, message: str | None = None, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, list[str]] = fields or {}


class OwnAdminRole(InvalidInput):
    """An admin tried to take away their own admin role: another admin must do it."""

    text_key = "error.own_admin_role"


class TooLarge(DomainError):
    default_message = "the request is too large"


class Unauthenticated(DomainError):
    """No identity, or an identity that cannot be trusted (a bad, expired or foreign token)."""

    default_message = "sign in first"


class NotPermitted(DomainError):
    """The caller is known but its role or relation to the item does not allow the act."""

    default_message = "not allowed"


class NotFound(DomainError):
    """Unknown, or not visible to this reader (hidden items are indistinguishable from unknown)."""

    default_message = "not found"


class IdeaNotFound(NotFound):
    default_message = "idea not found"


class CommentNotFound(NotFound):
    default_message = "comment not found"


class ProductNotFound(NotFound):
    default_message = "product not found"


class TopicNotFound(NotFound):
    default_message = "topic not found in the newest run"


class SegmentNotFound(NotFound):
    default_message = "segment not found in the newest run"


class UserNotFound(NotFound):
    default_message = "user record missing"


class NeverDeleted(DomainError):
    """Published ideas and comments are hidden, never deleted."""

    default_message = "this is never deleted; a moderator can hide it instead"


class Conflict(DomainError):
    """The act clashes with the item's current state."""

    default_message = "conflict with the current state"


class AlreadyExists(Conflict):
    default_message = "already exists"


class InvalidTransition(Conflict):
    """The item's state does not allow this change (hide what is hidden, answer a merged idea)."""

    default_message = "the item's state does not allow this change"


class ClosedToVotes(InvalidTransition):
    default_message = "the idea cannot take votes right now"


class ConcurrentChange(Conflict):
    """Someone else changed the item between our read and our write."""

    default_message = "the item changed meanwhile; reload it and try again"


class RateLimited(DomainError):
    """One caller asked too often; ``retry_after`` seconds until the next call is accepted."""

    default_message = "too many requests; retry later"

    def __init__(self, message: str | None = None, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(DomainError):
    """A service we depend on cannot answer now; the same request may succeed later."""

    default_message = "the service is temporarily unavailable; retry"


class StoreUnavailable(Unavailable):
    default_message = "the data store is temporarily unavailable; retry"


class IdentityProviderUnavailable(Unavailable):
    default_message = "the identity provider's keys could not be fetched"
