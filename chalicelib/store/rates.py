"""Fixed one-minute windows of calls per caller and route, counted atomically in DynamoDB so
that every API container (or ``chalice local`` process) shares the count."""

from __future__ import annotations

from chalicelib.store.models import RateWindowModel

WINDOW_SECONDS = 60
# Windows outlive their minute a little, then DynamoDB's TTL deletes them.
KEEP_SECONDS = 600


def count_call(route: str, caller: str, now: float) -> tuple[int, int]:
    """Count one call; returns the calls in the current window and the seconds it has left."""
    window = int(now // WINDOW_SECONDS)
    item = RateWindowModel(f"{route}#{caller}#{window}")
    item.update(
        actions=[
            RateWindowModel.calls.add(1),
            RateWindowModel.expires.set((window + 1) * WINDOW_SECONDS + KEEP_SECONDS),
        ]
    )
    return int(item.calls), max(1, (window + 1) * WINDOW_SECONDS - int(now))
