"""The one way this package writes under conditions: transactions whose cancellation reasons are
read by code, retries with jittered backoff, and conditional puts.

DynamoDB lists a cancelled transaction's reasons in the order PynamoDB sent the actions, which
is not the order of the calls (condition checks, then deletes, puts, updates). Reading a reason
by position ties a caller to that order; here a cancellation is a set of codes, and a caller that
needs to know *which* condition failed reads the items again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Final, TypeVar

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import StoreUnavailable
from chalicelib.store.base import transaction_connection

CONDITION_FAILED: Final = "ConditionalCheckFailed"
CONFLICT: Final = "TransactionConflict"  # another transaction was writing one of the same items
FIRST_BACKOFF_SECONDS: Final = 0.01

T = TypeVar("T")


class Cancelled(Exception):
    """DynamoDB cancelled the transaction; ``codes`` are the reasons it gave (no order)."""

    def __init__(self, codes: frozenset[str]) -> None:
        super().__init__(f"transaction cancelled: {', '.join(sorted(codes)) or 'no reason given'}")
        self.codes = codes

    def because(self, code: str) -> bool:
        return code in self.codes


def transact(write: Callable[[TransactWrite], None]) -> None:
    """Run ``write``'s actions in one transaction; ``Cancelled`` when DynamoDB refused it."""
    try:
        with TransactWrite(connection=transaction_connection()) as transaction:
            write(transaction)
    except TransactWriteError as error:
        codes = frozenset(reason.code for reason in error.cancellation_reasons if reason and reason.code)
        if error.cause_response_code != "TransactionCanceledException":
            raise  # throttling or an outage (StoreUnavailable at the edge), not a cancellation
        raise Cancelled(codes) from error


def retrying(
    attempt: Callable[[], T],
    *,
    attempts: int,
    retry_on: frozenset[str] = frozenset({CONFLICT}),
    exhausted: str = "the data store is busy; try again",
) -> T:
    """Call ``attempt`` until it is not cancelled, retrying (with jittered exponential backoff)
    only cancellations whose every reason is in ``retry_on``; StoreUnavailable after ``attempts``.

    ``attempt`` runs whole each time, so it can read the current state before writing again.
    """
    for number in range(attempts):
        try:
            return attempt()
        except Cancelled as cancelled:
            if not cancelled.codes or not cancelled.codes <= retry_on:
                raise
            time.sleep(random.uniform(0, FIRST_BACKOFF_SECONDS * 2**number))  # noqa: S311 - jitter, not crypto
    raise StoreUnavailable(exhausted)


def save_if(item: Model, condition: Condition) -> bool:
    """Put ``item`` when ``condition`` holds; False (and nothing written) when it does not."""
    try:
        item.save(condition=condition)
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True
