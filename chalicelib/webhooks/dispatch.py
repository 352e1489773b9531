"""Fan events out to subscriptions, and attempt deliveries with retries and pausing."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.clock import parse_stored, to_api, to_storage
from chalicelib.domain.webhooks import (
    CHANGELOG_PUBLISHED,
    GIVE_UP_AFTER,
    IDEA_STATUS_CHANGED,
    gave_up,
    json_body,
    retry_delay,
    signature,
)
from chalicelib.store import webhooks as store
from chalicelib.store.loop_models import WebhookEventModel, WebhookModel
from chalicelib.store.webhook_events import mark_dispatched, pending_events
from chalicelib.webhooks.slack import slack_text
from chalicelib.webhooks.transport import Outcome

logger = logging.getLogger("cocrea.webhooks")

# How long a claimed attempt keeps its delivery out of the due index (longer than a send).
LEASE = timedelta(seconds=60)

Transport = Callable[[str, bytes, dict[str, str]], Outcome]


@dataclass
class Report:
    fanned_out: int = 0
    delivered: int = 0
    failed: int = 0


def expand(event: str, data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The events a stored event stands for: a release note also changes its ideas' status."""
    if event != CHANGELOG_PUBLISHED:
        return [(event, data)]
    changes = data.get("status_changes", [])
    note = {key: value for key, value in data.items() if key != "status_changes"}
    return [(CHANGELOG_PUBLISHED, note), *((IDEA_STATUS_CHANGED, change) for change in changes)]


def body_for(hook: WebhookModel, event: str, at: str, data: dict[str, Any]) -> str:
    if hook.format == "slack":
        return json.dumps({"text": slack_text(event, data, hook.language)}, ensure_ascii=False)
    return json_body(event, to_api(at), data)


# Pages of pending events one run fans out; the rest waits for the next run.
MAX_PAGES_PER_RUN = 20


def fan_out(now: datetime) -> int:
    """One delivery per (event, subscription) for every pending event; safe to repeat."""
    added = 0
    for _ in range(MAX_PAGES_PER_RUN):
        events = pending_events()
        if not events:
            break
        for stored in events:
            added += _fan_out_one(stored, now)
            mark_dispatched(stored)
    return added


def _fan_out_one(stored: WebhookEventModel, now: datetime) -> int:
    added = 0
    for event, data in expand(stored.event, json.loads(stored.data)):
        # A subscription hears of what happens after it was made, not of older events.
        for hook in (h for h in store.subscribers(event) if h.created_at <= stored.at):
            added += store.add_delivery(hook, stored.id, event, body_for(hook, event, stored.at, data), to_storage(now))
    return added


def headers_for(event: str, delivery_id: str, secret: str, body: bytes, now: datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "Content-Type": "application/json",
        "User-Agent": "Cocrea-Webhooks/1",
        "X-Cocrea-Event": event,
        "X-Cocrea-Delivery": delivery_id,
        "X-Cocrea-Timestamp": str(timestamp),
        "X-Cocrea-Signature": signature(secret, timestamp, body),
    }


def attempt(webhook_id: str, position: str, transport: Transport, now: datetime, report: Report) -> None:
    """Send one delivery if it is still pending and nobody else holds it; record the outcome."""
    delivery = store.get_delivery(webhook_id, position)
    if delivery is None or delivery.state != "pending":
        return
    hook = store.get_webhook(webhook_id)
    if hook is None or not hook.active:
        reason = "the subscription was deleted" if hook is None else "the subscription is paused"
        store.record_failure(delivery, None, reason, None)
        return
    if not store.claim(delivery, to_storage(now + LEASE)):
        return
    attempts = int(delivery.attempts)  # the claim counted this attempt
    body = delivery.body.encode()
    outcome = transport(hook.url, body, headers_for(delivery.event, delivery.id, hook.secret, body, now))
    if outcome.delivered:
        store.record_success(delivery, outcome.status_code or 200)
        store.hook_succeeded(hook)
        report.delivered += 1
        return
    error = outcome.error or "failed"
    logger.warning("webhook %s delivery %s attempt %d failed: %s", hook.id, delivery.id, attempts, error)
    report.failed += 1
    given_up = gave_up(parse_stored(delivery.created_at), now)
    retry_at = None if given_up else to_storage(now + retry_delay(attempts))
    store.record_failure(delivery, outcome.status_code, error, retry_at)
    store.hook_failed(hook, to_storage(now))
    failing_since = parse_stored(hook.failing_since) if hook.failing_since else now
    if now - failing_since >= GIVE_UP_AFTER and store.pause(hook, to_storage(now)):
        logger.warning("webhook %s paused after failing for 24 hours", hook.id)


def deliver_due(transport: Transport, now: datetime) -> Report:
    """Fan out pending events, then attempt every delivery that is due (the local worker's loop)."""
    report = Report(fanned_out=fan_out(now))
    for webhook_id, position in store.due_deliveries(to_storage(now)):
        attempt(webhook_id, position, transport, now, report)
    return report
