"""Which store failures mean "try again later" (StoreUnavailable) rather than a bug."""

from __future__ import annotations

from botocore.exceptions import ConnectionError as BotocoreConnectionError
from botocore.exceptions import HTTPClientError
from pynamodb.exceptions import PynamoDBException

# DynamoDB's own ways of saying "too much right now".
_RETRYABLE_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
    }
)


def is_unavailable(error: BaseException) -> bool:
    """True when DynamoDB could not be reached, timed out, or throttled the request."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (BotocoreConnectionError, HTTPClientError)):
            return True
        if isinstance(current, PynamoDBException) and current.cause_response_code in _RETRYABLE_CODES:
            return True
        current = current.__cause__ or current.__context__
    return False
