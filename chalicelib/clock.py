"""Time as the contract writes it: ISO 8601 UTC strings."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_storage(moment: datetime) -> str:
    """Microsecond precision, so that items written in the same second still sort in order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_api(stored: str) -> str:
    """``2026-11-24T21:05:00.123456Z`` → ``2026-11-24T21:05:00Z``."""
    return stored[:19] + "Z"


def parse_stored(stored: str) -> datetime:
    return datetime.strptime(stored, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
