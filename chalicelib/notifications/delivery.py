"""Deliver pending notices to each follower exactly once, retrying failures on the next run.

Each (notice, user) pair is claimed with a conditional write before sending, so two workers
never send the same message; a claim left behind by a crashed worker expires after
``CLAIM_SECONDS`` and is retried. A pair whose sending failed stays ``failed`` and is retried
on every run until ``MAX_ATTEMPTS``; its notice stays pending, so nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from chalicelib.clock import to_storage, utc_now
from chalicelib.notifications.messages import compose
from chalicelib.notifications.senders import Sender
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import DeliveryModel, NoticeModel, UserModel
from chalicelib.store.notices import followers, get_delivery, mark_delivered, pending_notices
from chalicelib.store.transactions import save_if

logger = logging.getLogger("cocrea.notifications")

CLAIM_SECONDS = 300
MAX_ATTEMPTS = 20


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    notices_done: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_pending(sender: Sender, from_address: str, portal_url: str) -> DeliveryReport:
    report = DeliveryReport()
    for notice in pending_notices():
        if _deliver_notice(notice, sender, from_address, portal_url, report):
            mark_delivered(notice)
            report.notices_done += 1
    return report


def _deliver_notice(
    notice: NoticeModel, sender: Sender, from_address: str, portal_url: str, report: DeliveryReport
) -> bool:
    """Send the notice to every follower not yet reached; True when nobody is left."""
    idea = get_idea(notice.idea_id)
    if idea is None:
        return True
    recipients = [user_id for user_id in followers(idea.id, idea.author_id) if user_id != notice.actor_id]
    complete = True
    for user in UserModel.batch_get(recipients):
        if not user.notifications or not user.email:
            continue  # opted out, or no address to write to
        delivery = get_delivery(notice.id, user.id)
        if delivery is not None and delivery.state == "sent":
            continue
        if delivery is not None and delivery.attempts >= MAX_ATTEMPTS:
            complete = False  # left for an operator: the failure is recorded on the delivery
            continue
        claimed = _claim(notice.id, user.id, delivery)
        if claimed is None:
            complete = False  # another worker holds it
            continue
        try:
            sender.send(compose(notice, user, from_address, portal_url), key=f"{notice.id}-{user.id}")
        except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
            logger.warning("notice %s to %s failed: %s", notice.id, user.id, error)
            claimed.update(actions=[DeliveryModel.state.set("failed"), DeliveryModel.last_error.set(str(error)[:500])])
            report.failed += 1
            report.errors.append(str(error))
            complete = False
            continue
        claimed.update(actions=[DeliveryModel.state.set("sent")])
        report.sent += 1
    return complete


def _claim(notice_id: str, user_id: str, previous: DeliveryModel | None) -> DeliveryModel | None:
    now = utc_now()
    stale = to_storage(now - timedelta(seconds=CLAIM_SECONDS))
    delivery = DeliveryModel(
        notice_id=notice_id,
        user_id=user_id,
        state="sending",
        attempts=(int(previous.attempts) if previous else 0) + 1,
        claimed_at=to_storage(now),
    )
    claimable = (
        DeliveryModel.user_id.does_not_exist()
        | (DeliveryModel.state == "failed")
        | ((DeliveryModel.state == "sending") & (DeliveryModel.claimed_at < stale))
    )
    return delivery if save_if(delivery, claimable) else None
