"""Public events for webhooks, saved in the same transaction as the change they report.

An event is written only when the public can see its subject: a held idea or comment gets its
``*.created`` event when a moderator approves it, a hidden one never.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from chalicelib.domain.webhooks import COMMENT_CREATED, IDEA_CREATED, IDEA_MERGED, IDEA_STATUS_CHANGED
from chalicelib.store.loop_models import WebhookEventModel
from chalicelib.store.models import CommentModel, IdeaModel

PENDING = "yes"


def public_event(event: str, at: str, data: dict[str, Any]) -> WebhookEventModel:
    return WebhookEventModel(
        id=uuid.uuid4().hex, event=event, at=at, data=json.dumps(data, ensure_ascii=False), pending=PENDING
    )


def idea_data(idea: IdeaModel) -> dict[str, Any]:
    """An idea as events describe it: no author, so that no person is named in webhook tables."""
    return {
        "id": idea.id,
        "title": idea.title,
        "product": idea.product,
        "phase": idea.phase,
        "status": idea.status,
        "vote_count": int(idea.vote_count or 0),
    }


def idea_created(idea: IdeaModel, at: str) -> WebhookEventModel:
    return public_event(IDEA_CREATED, at, {"idea": idea_data(idea)})


def idea_status_changed(idea: IdeaModel, before: str, after: str, at: str) -> WebhookEventModel:
    data = {"idea": {**idea_data(idea), "status": after}, "before": before, "after": after}
    return public_event(IDEA_STATUS_CHANGED, at, data)


def idea_merged(source: IdeaModel, target: IdeaModel, at: str) -> WebhookEventModel:
    data = {"idea": idea_data(source), "into": {"id": target.id, "title": target.title}}
    return public_event(IDEA_MERGED, at, data)


def comment_created(comment: CommentModel, idea_title: str, at: str) -> WebhookEventModel:
    data = {
        "comment": {
            "id": comment.id,
            "idea_id": comment.idea_id,
            "body": comment.body,
            "official": bool(comment.official),
        },
        "idea": {"id": comment.idea_id, "title": idea_title},
    }
    return public_event(COMMENT_CREATED, at, data)


def pending_events(limit: int = 50) -> list[WebhookEventModel]:
    return list(WebhookEventModel.pending_events.query(PENDING, limit=limit))


def mark_dispatched(event: WebhookEventModel) -> None:
    event.update(actions=[WebhookEventModel.pending.remove()])
