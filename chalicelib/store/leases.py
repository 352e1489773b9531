"""A lease in DynamoDB, so that two nightly runs never overlap.

The lease is one item of the topic runs table, taken with a conditional write: it succeeds only
when nobody holds the lease, when the holder's lease has expired (a crashed run must not block
the next night forever), or when the caller already holds it. The holder renews it while it works
and releases it when it is done; every write names the holder, so a run whose lease expired and
was taken over can never release or renew the new holder's lease.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pynamodb.exceptions import PutError, UpdateError

from chalicelib.clock import to_storage, utc_now
from chalicelib.store.models import TopicRunModel

logger = logging.getLogger("cocrea.lease")

NIGHTLY_LEASE = "lease#nightly"


@dataclass(frozen=True)
class Holder:
    """Who holds a lease, since when, and until when unless renewed (Unix seconds)."""

    owner: str
    since: str
    until: float


def acquire(name: str, owner: str, ttl: float, now: Callable[[], float] = time.time) -> bool:
    """Take the lease ``name`` for ``ttl`` seconds; False while someone else holds it."""
    at = now()
    lease = TopicRunModel(
        run_id=name,
        state="lease",
        slot=0,
        started_at=to_storage(utc_now()),
        lease_owner=owner,
        lease_until=at + ttl,
    )
    free = (
        TopicRunModel.run_id.does_not_exist() | (TopicRunModel.lease_until < at) | (TopicRunModel.lease_owner == owner)
    )
    try:
        lease.save(condition=free)
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def renew(name: str, owner: str, ttl: float, now: Callable[[], float] = time.time) -> bool:
    """Extend the lease, if ``owner`` still holds it."""
    return _update_held(name, owner, now() + ttl)


def release(name: str, owner: str) -> None:
    """Give the lease up at once (when the work is done), if ``owner`` still holds it."""
    _update_held(name, owner, 0)


def holder(name: str) -> Holder | None:
    try:
        lease = TopicRunModel.get(name, consistent_read=True)
    except TopicRunModel.DoesNotExist:
        return None
    return Holder(lease.lease_owner or "", lease.started_at, float(lease.lease_until or 0))


def _update_held(name: str, owner: str, until: float) -> bool:
    try:
        TopicRunModel(run_id=name).update(
            actions=[TopicRunModel.lease_until.set(until)],
            condition=TopicRunModel.lease_owner == owner,
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


@contextmanager
def held(
    name: str,
    owner: str,
    ttl: float,
    wait: float = 0.0,
    poll: float = 5.0,
    on_wait: Callable[[Holder | None], None] | None = None,
) -> Iterator[bool]:
    """Hold the lease for the ``with`` block, renewing it every ``ttl / 3`` seconds in the
    background. Yields False (and holds nothing) when it is still taken after ``wait`` seconds;
    ``on_wait`` is told who holds it, once, before waiting."""
    deadline = time.monotonic() + wait
    told = False
    while not acquire(name, owner, ttl):
        if time.monotonic() >= deadline:
            yield False
            return
        if on_wait is not None and not told:
            on_wait(holder(name))
            told = True
        time.sleep(min(poll, max(deadline - time.monotonic(), 0.01)))
    stop = threading.Event()

    def keep_alive() -> None:
        while not stop.wait(ttl / 3):
            try:
                if not renew(name, owner, ttl):
                    logger.warning("lease %s was taken from %s after it expired", name, owner)
                    return
            except Exception:  # a blip: the next renewal may still come before the lease expires
                logger.warning("lease %s could not be renewed; retrying", name, exc_info=True)

    renewer = threading.Thread(target=keep_alive, name=f"lease {name}", daemon=True)
    renewer.start()
    try:
        yield True
    finally:
        stop.set()
        renewer.join(timeout=10)
        release(name, owner)
