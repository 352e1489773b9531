"""Webhook subscriptions and their deliveries (the delivery log and the retry schedule)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterable

from pynamodb.exceptions import DeleteError, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.store.loop_models import WebhookDeliveryModel, WebhookModel
from chalicelib.store.models import NoticeModel
from chalicelib.store.notices import PENDING as NOTICE_PENDING
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, save_if, transact

SCOPE = "webhook"
DUE = "yes"
# Enough of a receiver's error to tell what went wrong.
MAX_ERROR_LENGTH = 300


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def create_webhook(
    url: str, events: Iterable[str], format_: str, creator_id: str, language: str, at: str
) -> WebhookModel:
    hook = WebhookModel(
        id=uuid.uuid4().hex,
        url=url,
        events=list(dict.fromkeys(events)),
        format=format_,
        secret=new_secret(),
        active=True,
        created_at=at,
        created_by=creator_id,
        language=language,
    )
    hook.save(condition=WebhookModel.id.does_not_exist())
    return hook


def list_webhooks() -> list[WebhookModel]:
    return list(WebhookModel.in_order.query(SCOPE))


def get_webhook(webhook_id: str) -> WebhookModel | None:
    try:
        return WebhookModel.get(webhook_id, consistent_read=True)
    except WebhookModel.DoesNotExist:
        return None


def delete_webhook(webhook_id: str) -> bool:
    """Delete a subscription; False when there was none. Its delivery log stays, unreachable."""
    try:
        WebhookModel(webhook_id).delete(condition=WebhookModel.id.exists())
    except DeleteError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def subscribers(event: str) -> list[WebhookModel]:
    return [hook for hook in list_webhooks() if hook.active and event in hook.events]


def delivery_id(event_id: str, event: str, webhook_id: str) -> str:
    """The same for every fan-out of one event to one subscription: a retried fan-out adds nothing."""
    return hashlib.sha256(f"{event_id}|{event}|{webhook_id}".encode()).hexdigest()[:32]


def add_delivery(hook: WebhookModel, event_id: str, event: str, body: str, at: str) -> bool:
    """Record a delivery due now; False when this event already has one for this subscription."""
    identifier = delivery_id(event_id, event, hook.id)
    delivery = WebhookDeliveryModel(
        webhook_id=hook.id,
        position=f"{at}#{identifier}",
        id=identifier,
        event=event,
        event_id=event_id,
        created_at=at,
        body=body,
        attempts=0,
        state="pending",
        next_attempt_at=at,
        due=DUE,
    )
    return save_if(delivery, WebhookDeliveryModel.position.does_not_exist())


def due_deliveries(now: str, limit: int = 100) -> list[tuple[str, str]]:
    """(webhook id, position) of deliveries whose next attempt is due, soonest first."""
    results = WebhookDeliveryModel.due_deliveries.query(DUE, WebhookDeliveryModel.next_attempt_at <= now, limit=limit)
    return [(item.webhook_id, item.position) for item in results]


def get_delivery(webhook_id: str, position: str) -> WebhookDeliveryModel | None:
    try:
        return WebhookDeliveryModel.get(webhook_id, position, consistent_read=True)
    except WebhookDeliveryModel.DoesNotExist:
        return None


def claim(delivery: WebhookDeliveryModel, lease_until: str) -> bool:
    """Take the next attempt: counted now, and hidden from the due index until ``lease_until``
    so that a second worker (or a second queue message) does not send it at the same time."""
    try:
        delivery.update(
            actions=[
                WebhookDeliveryModel.attempts.add(1),
                WebhookDeliveryModel.next_attempt_at.set(lease_until),
            ],
            condition=(WebhookDeliveryModel.state == "pending")
            & (WebhookDeliveryModel.attempts == int(delivery.attempts)),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def record_success(delivery: WebhookDeliveryModel, receiver_status: int) -> None:
    delivery.update(
        actions=[
            WebhookDeliveryModel.state.set("delivered"),
            WebhookDeliveryModel.receiver_status.set(receiver_status),
            WebhookDeliveryModel.last_error.remove(),
            WebhookDeliveryModel.next_attempt_at.remove(),
            WebhookDeliveryModel.due.remove(),
        ]
    )


def record_failure(
    delivery: WebhookDeliveryModel, receiver_status: int | None, error: str, retry_at: str | None
) -> None:
    """A failed attempt: retried at ``retry_at``, or given up (``failed``) when it is None."""
    actions: list[Action] = [WebhookDeliveryModel.last_error.set(error[:MAX_ERROR_LENGTH])]
    actions.append(
        WebhookDeliveryModel.receiver_status.set(receiver_status)
        if receiver_status is not None
        else WebhookDeliveryModel.receiver_status.remove()
    )
    if retry_at is None:
        actions += [
            WebhookDeliveryModel.state.set("failed"),
            WebhookDeliveryModel.next_attempt_at.remove(),
            WebhookDeliveryModel.due.remove(),
        ]
    else:
        actions.append(WebhookDeliveryModel.next_attempt_at.set(retry_at))
    delivery.update(actions=actions)


def hook_succeeded(hook: WebhookModel) -> None:
    if hook.failing_since is not None:
        hook.update(actions=[WebhookModel.failing_since.remove()])


def hook_failed(hook: WebhookModel, at: str) -> None:
    """Remember when the subscription started failing (kept until its next success)."""
    if hook.failing_since is None:
        try:
            hook.update(
                actions=[WebhookModel.failing_since.set(at)], condition=WebhookModel.failing_since.does_not_exist()
            )
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise


def pause(hook: WebhookModel, at: str) -> bool:
    """Pause a subscription and tell its admin by e-mail, once; False when already paused."""
    notice = NoticeModel(
        id=uuid.uuid4().hex,
        kind="webhook_paused",
        idea_id=hook.id,
        idea_title=hook.url,
        recipient_ids=[hook.created_by],
        actor_id="cocrea",
        at=at,
        pending=NOTICE_PENDING,
        due=at,  # the worker reads notices by when they are due
    )

    def write(transaction: TransactWrite) -> None:
        transaction.update(
            hook,
            actions=[WebhookModel.active.set(False), WebhookModel.paused_at.set(at)],
            condition=WebhookModel.active == True,  # noqa: E712 - builds a condition
        )
        transaction.save(notice)

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            return False
        raise
    return True


def list_deliveries(
    webhook_id: str, limit: int, start: LastKey | None
) -> tuple[list[WebhookDeliveryModel], LastKey | None]:
    results = WebhookDeliveryModel.query(
        webhook_id, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
    )
    return read_page(results, limit)
