"""Deliver pending notices to each follower exactly once, retrying failures later, never forever.

Each (notice, user) pair is claimed with a conditional write before sending, so two workers
never send the same message; a claim left behind by a crashed worker expires after
``CLAIM_SECONDS`` and is retried. A run that fails to compose or send a notice to someone
records why and sets the notice's next attempt after a back-off that doubles each time; the
worker reads notices soonest due first, so a failing notice waits behind the others instead of
blocking them. After ``MAX_NOTICE_ATTEMPTS`` failed runs the notice is parked as failed, with
its reason, where an admin can see it; what was sent stays sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.notice_kinds import enabled_kinds, setting_kind
from chalicelib.notifications import loop_messages
from chalicelib.notifications.audiences import audience
from chalicelib.notifications.messages import compose
from chalicelib.notifications.senders import Sender
from chalicelib.store.models import DeliveryModel, NoticeModel, UserModel
from chalicelib.store.notices import due_notices, get_delivery, mark_delivered, postpone, record_failure
from chalicelib.store.transactions import save_if

logger = logging.getLogger("cocrea.notifications")

CLAIM_SECONDS = 300
# A failed notice is tried again after 1, 2, 4, ... 64 minutes: about two hours of a mail
# service being down before a notice is parked.
MAX_NOTICE_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 60
BATCH = 50
MAX_NOTICES_PER_RUN = 500


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    notices_done: int = 0
    parked: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    """What one run did with one notice."""

    complete: bool = True  # nobody left to reach
    busy: bool = False  # another worker holds a delivery
    error: str | None = None  # why a delivery failed (the last one)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed run."""
    return timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def deliver_pending(sender: Sender, from_address: str, portal_url: str, now: datetime | None = None) -> DeliveryReport:
    """One run of the worker over the notices due at ``now`` (the current time by default)."""
    now = now or utc_now()
    report = DeliveryReport()
    # Every notice handled leaves the due ones (delivered, parked, or due again later), so each
    # read returns new notices; the cap bounds one run, the next run goes on.
    handled = 0
    while handled < MAX_NOTICES_PER_RUN and (batch := due_notices(to_storage(now), BATCH)):
        handled += len(batch)
        _deliver_batch(batch, sender, from_address, portal_url, now, report)
    return report


def _deliver_batch(
    batch: list[NoticeModel], sender: Sender, from_address: str, portal_url: str, now: datetime, report: DeliveryReport
) -> None:
    for notice in batch:
        outcome = _deliver_notice(notice, sender, from_address, portal_url, report)
        if outcome.error is not None:
            attempts = int(notice.attempts or 0) + 1
            parking = attempts >= MAX_NOTICE_ATTEMPTS
            retry_at = None if parking else to_storage(now + retry_delay(attempts))
            record_failure(notice, outcome.error, retry_at, to_storage(now))
            if parking:
                logger.error("notice %s parked after %d failed runs: %s", notice.id, attempts, outcome.error)
                report.parked += 1
        elif outcome.busy:
            postpone(notice, to_storage(now + timedelta(seconds=CLAIM_SECONDS)))
        elif outcome.complete:
            mark_delivered(notice)
            report.notices_done += 1


def _deliver_notice(
    notice: NoticeModel, sender: Sender, from_address: str, portal_url: str, report: DeliveryReport
) -> _Outcome:
    """Send the notice to every follower not yet reached."""
    outcome = _Outcome()
    recipients = audience(notice)
    kind = setting_kind(notice.kind)
    for user in UserModel.batch_get(recipients):
        if not enabled_kinds(user.notifications, user.muted)[kind] or not user.email or user.erased_at:
            continue  # opted out of this kind, no address to write to, or erased (never written to again)
        delivery = get_delivery(notice.id, user.id)
        if delivery is not None and delivery.state == "sent":
            continue
        claimed = _claim(notice.id, user.id, delivery)
        if claimed is None:
            outcome.complete, outcome.busy = False, True
            continue
        try:
            # Composing is inside: a notice that cannot be written is a failure like any other.
            composer = loop_messages.compose if notice.kind in loop_messages.KINDS else compose
            sender.send(composer(notice, user, from_address, portal_url), key=f"{notice.id}-{user.id}")
        except Exception as error:  # noqa: BLE001 - any failure is recorded and retried later
            reason = f"{type(error).__name__}: {error}"
            logger.warning("notice %s to %s failed: %s", notice.id, user.id, reason)
            claimed.update(actions=[DeliveryModel.state.set("failed"), DeliveryModel.last_error.set(reason[:500])])
            report.failed += 1
            report.errors.append(reason)
            outcome.complete, outcome.error = False, reason
            continue
        claimed.update(actions=[DeliveryModel.state.set("sent")])
        report.sent += 1
    return outcome


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
