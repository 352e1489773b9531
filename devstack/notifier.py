"""The local stack's notification worker: delivers pending notices as ``.eml`` files under
``DATA_DIR/outbox/`` and due webhook deliveries (with their retries) every few seconds, and every
ten minutes takes the days that left the trending window off the ideas' ranks. ``make run``
starts it; ``--once`` does all of it once and exits."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from chalicelib.clock import utc_now
from chalicelib.config import get_settings
from chalicelib.notifications.delivery import deliver_pending
from chalicelib.notifications.senders import OutboxSender
from chalicelib.store.failures import is_unavailable
from chalicelib.store.vote_days import expire_days
from chalicelib.webhooks.dispatch import deliver_due
from chalicelib.webhooks.transport import transport_for

POLL_SECONDS = 2.0
SWEEP_SECONDS = 600.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--once", action="store_true", help="deliver what is pending, then exit")
    args = parser.parse_args()
    settings = get_settings()
    sender = OutboxSender(Path(settings.data_dir) / "outbox")
    webhook_transport = transport_for(allow_private=settings.is_local)
    running = True

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    swept_at = float("-inf")
    while running:
        try:
            if time.monotonic() - swept_at > SWEEP_SECONDS:
                # A long-running local stack has no nightly schedule: keep trending's window here.
                expire_days(utc_now())
                swept_at = time.monotonic()
            report = deliver_pending(sender, settings.notify_sender, settings.portal_url)
            hooks = deliver_due(webhook_transport, utc_now())
        except Exception as error:
            if not is_unavailable(error):
                raise
            print(f"notifier: DynamoDB unavailable ({error}); retrying", file=sys.stderr, flush=True)
        else:
            if report.sent or report.failed or report.parked:
                print(f"notifier: {report.sent} sent, {report.failed} failed, {report.parked} parked", flush=True)
            if hooks.delivered or hooks.failed:
                print(f"notifier: webhooks {hooks.delivered} delivered, {hooks.failed} failed", flush=True)
        if args.once:
            break
        time.sleep(POLL_SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
