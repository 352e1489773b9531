"""The nightly job's Lambda entry point (container image, EventBridge schedule)."""

from __future__ import annotations

import logging
from typing import Any

from chalicelib.topics.lease import nightly_lease
from chalicelib.topics.nightly import run_nightly

logger = logging.getLogger("cocrea.topics")


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Run the nightly job once; a failure raises, so the schedule's alarm and retry see it.
    While another run holds the lease (a retry of a slow night), this one does nothing."""
    with nightly_lease() as held:
        if not held:
            logger.info("another nightly run is in progress; this invocation did not run")
            return {"skipped": "another nightly run is in progress"}
        report = run_nightly()
    logger.info("nightly run %s", report.as_dict())
    return report.as_dict()
