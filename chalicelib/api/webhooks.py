"""Webhook subscriptions (admins): subscribe, list, delete, and read a subscription's delivery log."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api import loop_render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, Reply, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.config import get_settings
from chalicelib.domain.roles import ADMIN
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE
from chalicelib.services import webhooks as service
from chalicelib.store.users import get_user

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/webhooks",
    "GET",
    summary="Every webhook subscription (secrets are never listed)",
    access=(ADMIN,),
    response="WebhookListSchema",
    errors=(401, 403),
    tag="webhooks",
)
def webhooks(call: Call) -> dict[str, Any]:
    return {"items": [loop_render.webhook(hook) for hook in service.list_subscriptions()]}


@endpoint(
    blueprint,
    "/webhooks",
    "POST",
    summary="Subscribe a URL to public events; the answer holds the signing secret, shown only once",
    access=(ADMIN,),
    body="WebhookCreateSchema",
    response="NewWebhookSchema",
    success=201,
    errors=(400, 401, 403),
    headers={"Location": "URL of the subscription's delivery log"},
    tag="webhooks",
)
def subscribe(call: Call) -> Reply:
    admin, data = call.user, call.body
    profile = get_user(admin.id)
    language = (profile.language if profile else None) or DEFAULT_LANGUAGE
    hook = service.subscribe(
        data["url"], data["events"], data["format"], admin.id, language, to_storage(utc_now()), get_settings().is_local
    )
    return Reply(loop_render.webhook(hook, with_secret=True), {"Location": f"/webhooks/{hook.id}/deliveries"})


@endpoint(
    blueprint,
    "/webhooks/{webhook_id}",
    "DELETE",
    summary="Delete a subscription (configuration, not published content)",
    access=(ADMIN,),
    response=None,
    success=204,
    errors=(401, 403, 404),
    tag="webhooks",
)
def unsubscribe(call: Call, webhook_id: str) -> Response:
    service.unsubscribe(webhook_id)
    return Response(body="", status_code=204)


@endpoint(
    blueprint,
    "/webhooks/{webhook_id}/deliveries",
    "GET",
    summary="A page of a subscription's deliveries, newest first",
    access=(ADMIN,),
    query="PageQuerySchema",
    response="WebhookDeliveryPageSchema",
    errors=(400, 401, 403, 404),
    tag="webhooks",
)
def deliveries(call: Call, webhook_id: str) -> dict[str, Any]:
    fingerprint = f"deliveries:{webhook_id}"
    items, last_key = service.deliveries_page(webhook_id, call.query["limit"], start_position(call.query, fingerprint))
    return {"items": [loop_render.delivery(item) for item in items], "next_cursor": next_cursor(fingerprint, last_key)}
