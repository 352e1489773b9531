"""Admins' webhook subscriptions: the URL rules of the stage, and the delivery log."""

from __future__ import annotations

from collections.abc import Sequence

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.webhooks import WebhookNotFound, url_problem
from chalicelib.store import webhooks as store
from chalicelib.store.loop_models import WebhookDeliveryModel, WebhookModel
from chalicelib.store.paging import LastKey


def subscribe(
    url: str, events: Sequence[str], format_: str, creator_id: str, language: str, at: str, local_stage: bool
) -> WebhookModel:
    problem = url_problem(url, local_stage)
    if problem:
        raise InvalidInput("the URL cannot receive webhooks", {"url": [problem]})
    return store.create_webhook(url, events, format_, creator_id, language, at)


def list_subscriptions() -> list[WebhookModel]:
    return store.list_webhooks()


def unsubscribe(webhook_id: str) -> None:
    if len(webhook_id) > 64 or not store.delete_webhook(webhook_id):
        raise WebhookNotFound()


def deliveries_page(
    webhook_id: str, limit: int, start: LastKey | None
) -> tuple[list[WebhookDeliveryModel], LastKey | None]:
    if len(webhook_id) > 64 or store.get_webhook(webhook_id) is None:
        raise WebhookNotFound()
    return store.list_deliveries(webhook_id, limit, start)
