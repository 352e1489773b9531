"""One nightly run at a time: the job holds a DynamoDB lease while it runs.

A second run started meanwhile (``make cluster`` during ``make run``'s start-up run, or a retried
schedule while the first run is still working) waits for the lease when asked to, or else exits
at once with a message and success: the run in progress publishes what the second would have.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from chalicelib.store import leases

# Renewed every third of it while the run works; a crashed run blocks the next one this long at most.
LEASE_TTL_SECONDS = 600.0


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def describe(holder: leases.Holder | None) -> str:
    if holder is None:
        return "another nightly run holds the lease"
    until = datetime.fromtimestamp(holder.until, UTC).strftime("%H:%M:%S UTC")
    return f"another nightly run ({holder.owner}, started {holder.since}) holds the lease until {until} unless renewed"


def nightly_lease(wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> AbstractContextManager[bool]:
    """``with nightly_lease(...) as held:`` runs the block's job only when ``held``."""
    return leases.held(
        leases.NIGHTLY_LEASE,
        owner_id(),
        LEASE_TTL_SECONDS,
        wait=wait,
        on_wait=(lambda holder: on_wait(describe(holder))) if on_wait else None,
    )
