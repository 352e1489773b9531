"""Release notes, webhooks and their deliveries → the contract's JSON (API.md, "Closing the loop")."""

from __future__ import annotations

from typing import Any

from chalicelib.clock import to_api
from chalicelib.services.changelog import ReleaseNote
from chalicelib.store.loop_models import WebhookDeliveryModel, WebhookModel


def release_note(item: ReleaseNote) -> dict[str, Any]:
    note = item.note
    return {
        "id": note.id,
        "title": note.title,
        "body": note.body,
        "product": note.product,
        "published_at": to_api(note.published_at),
        "author": {"id": note.author_id, "name": note.author_name},
        "ideas": [{"id": idea.id, "title": idea.title, "status": idea.status} for idea in item.ideas],
    }


def webhook(hook: WebhookModel, *, with_secret: bool = False) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "id": hook.id,
        "url": hook.url,
        "events": [str(event) for event in hook.events],
        "format": hook.format,
        "active": bool(hook.active),
        "created_at": to_api(hook.created_at),
    }
    if with_secret:
        rendered["secret"] = hook.secret
    return rendered


def delivery(item: WebhookDeliveryModel) -> dict[str, Any]:
    return {
        "id": item.id,
        "event": item.event,
        "at": to_api(item.created_at),
        "attempts": int(item.attempts),
        "status_code": int(item.receiver_status) if item.receiver_status is not None else None,
        "state": item.state,
    }
