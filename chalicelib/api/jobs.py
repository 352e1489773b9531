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


# The queue's name here is a placeholder Chalice needs at packaging time: the CDK app replaces
# it with its own queue's ARN (infra/stacks/webhook_queue.py), which carries the dead-letter queue.
WEBHOOK_QUEUE_PLACEHOLDER = "cocrea-webhook-deliveries"


@blueprint.schedule(Rate(1, unit=Rate.MINUTES))
def dispatch_webhooks(event: Any) -> dict[str, int]:
    """Fan new public events out to subscriptions and queue every delivery that is due."""
    import json
    import os

    import boto3

    from chalicelib.clock import to_storage, utc_now
    from chalicelib.store.webhooks import due_deliveries
    from chalicelib.webhooks.dispatch import fan_out

    now = utc_now()
    added = fan_out(now)
    due = due_deliveries(to_storage(now))
    queue = boto3.client("sqs")
    for start in range(0, len(due), 10):
        entries = [
            {"Id": str(number), "MessageBody": json.dumps({"webhook_id": webhook_id, "position": position})}
            for number, (webhook_id, position) in enumerate(due[start : start + 10])
        ]
        queue.send_message_batch(QueueUrl=os.environ["WEBHOOK_QUEUE_URL"], Entries=entries)
    return {"fanned_out": added, "queued": len(due)}


@blueprint.on_sqs_message(queue=WEBHOOK_QUEUE_PLACEHOLDER, batch_size=5)
def deliver_webhooks(event: Any) -> dict[str, int]:
    """Attempt each queued delivery; a receiver's failure is recorded and retried by schedule,
    an error of our own raises so that SQS retries the message and finally parks it in the DLQ."""
    import json

    from chalicelib.clock import utc_now
    from chalicelib.config import get_settings
    from chalicelib.webhooks.dispatch import Report, attempt
    from chalicelib.webhooks.transport import transport_for

    transport = transport_for(allow_private=get_settings().is_local)
    report = Report()
    for record in event:
        message = json.loads(record.body)
        attempt(message["webhook_id"], message["position"], transport, utc_now(), report)
    return {"delivered": report.delivered, "failed": report.failed}
