"""Scheduled functions of the Chalice app (deployed as their own Lambda with an EventBridge rule)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Rate

blueprint = Blueprint(__name__)


@blueprint.schedule(Rate(1, unit=Rate.MINUTES))
def deliver_notifications(event: Any) -> dict[str, int]:
    """Send the notices that are due through Amazon SES; what fails is retried after a back-off,
    and parked for an admin after failing too often."""
    from chalicelib.config import get_settings
    from chalicelib.notifications.delivery import deliver_pending
    from chalicelib.notifications.senders import SesSender

    settings = get_settings()
    report = deliver_pending(SesSender(), settings.notify_sender, settings.portal_url)
    return {"sent": report.sent, "failed": report.failed, "notices_done": report.notices_done, "parked": report.parked}
