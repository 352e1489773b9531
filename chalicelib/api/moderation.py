"""Moderation: hide and restore (never delete), the queue of held items, the history, merge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, endpoint
from chalicelib.clock import to_api
from chalicelib.domain.roles import MODERATOR, PRODUCT
from chalicelib.services import moderation
from chalicelib.services.moderation import HeldItem, HiddenItem
from chalicelib.services.readers import reader_of
from chalicelib.store.models import IdeaModel
from chalicelib.store.topics import current_view

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/ideas/{idea_id}/hide",
    "POST",
    summary="Hide an idea (it stays stored and in its history)",
    access=(MODERATOR,),
    body="HideSchema",
    response="IdeaSchema",
    errors=(400, 403, 404, 409),
    tag="moderation",
)
def hide_idea(call: Call, idea_id: str) -> dict[str, Any]:
    idea = moderation.hide_idea(idea_id, call.user, call.body["reason"])
    return render.idea(idea, reader_of(call.user, [idea]), current_view())


@endpoint(
    blueprint,
    "/ideas/{idea_id}/restore",
    "POST",
    summary="Restore a hidden idea or approve a held one",
    access=(MODERATOR,),
    response="IdeaSchema",
    errors=(403, 404, 409),
    tag="moderation",
)
def restore_idea(call: Call, idea_id: str) -> dict[str, Any]:
    idea = moderation.restore_idea(idea_id, call.user)
    return render.idea(idea, reader_of(call.user, [idea]), current_view())


@endpoint(
    blueprint,
    "/comments/{comment_id}/hide",
    "POST",
    summary="Hide a comment",
    access=(MODERATOR,),
    body="HideSchema",
    response="CommentSchema",
    errors=(400, 403, 404, 409),
    tag="moderation",
)
def hide_comment(call: Call, comment_id: str) -> dict[str, Any]:
    return render.comment(moderation.hide_comment(comment_id, call.user, call.body["reason"]))


@endpoint(
    blueprint,
    "/comments/{comment_id}/restore",
    "POST",
    summary="Restore a hidden comment or approve a held one",
    access=(MODERATOR,),
    response="CommentSchema",
    errors=(403, 404, 409),
    tag="moderation",
)
def restore_comment(call: Call, comment_id: str) -> dict[str, Any]:
    return render.comment(moderation.restore_comment(comment_id, call.user))


@endpoint(
    blueprint,
    "/ideas/{idea_id}/history",
    "GET",
    summary="Audit history of an idea and its comments",
    access=(MODERATOR, PRODUCT),
    query="PageQuerySchema",
    response="HistoryPageSchema",
    errors=(400, 403, 404),
    tag="moderation",
)
def idea_history(call: Call, idea_id: str) -> dict[str, Any]:
    query, fingerprint = call.query, f"history:{idea_id}"
    events, last_key = moderation.history_page(idea_id, call.user, query["limit"], start_position(query, fingerprint))
    return render.page([render.history_event(event) for event in events], next_cursor(fingerprint, last_key))


@endpoint(
    blueprint,
    "/moderation/queue",
    "GET",
    summary="Items held by the moderation filter, oldest first",
    access=(MODERATOR,),
    query="PageQuerySchema",
    response="QueuePageSchema",
    errors=(400, 403),
    tag="moderation",
)
def moderation_queue(call: Call) -> dict[str, Any]:
    query = call.query
    held, last_key = moderation.held_items(query["limit"], start_position(query, "queue"))
    return render.page(_entries(held, call), next_cursor("queue", last_key))


@endpoint(
    blueprint,
    "/moderation/hidden",
    "GET",
    summary="Hidden ideas and comments, newest first, to find and restore them",
    access=(MODERATOR,),
    query="HiddenQuerySchema",
    response="HiddenPageSchema",
    errors=(400, 403),
    tag="moderation",
)
def moderation_hidden(call: Call) -> dict[str, Any]:
    query = call.query
    fingerprint = f"hidden:{query.get('product') or ''}:{query.get('kind') or ''}"
    hidden, last_key = moderation.hidden_items(
        query["limit"], start_position(query, fingerprint), query.get("product"), query.get("kind")
    )
    items = [
        {
            **shown,
            "hidden_at": to_api(hidden_item.entry.hidden_at),
            "hidden_by": {"id": hidden_item.entry.hidden_by_id, "name": hidden_item.entry.hidden_by_name},
        }
        for shown, hidden_item in zip(_entries(hidden, call), hidden, strict=True)
    ]
    return render.page(items, next_cursor(fingerprint, last_key))


@endpoint(
    blueprint,
    "/ideas/{idea_id}/merge",
    "POST",
    summary="Merge a duplicate into another idea, keeping every voter",
    access=(PRODUCT,),
    body="MergeSchema",
    response="IdeaSchema",
    errors=(400, 403, 404, 409),
    tag="ideas",
)
def merge(call: Call, idea_id: str) -> dict[str, Any]:
    target = moderation.merge(idea_id, call.body["into"], call.user)
    return render.idea(target, reader_of(call.user, [target]), current_view())


def _entries(found: Sequence[HeldItem | HiddenItem], call: Call) -> list[dict[str, Any]]:
    """The queue's or the hidden list's entries as the contract shows them: kind, id, reason and
    the item itself (an idea with the moderator's marks, or a comment)."""
    topics = current_view()
    reader = reader_of(call.user, [entry.item for entry in found if isinstance(entry.item, IdeaModel)])
    return [
        {
            "kind": entry.entry.kind,
            "id": entry.entry.item_id,
            "reason": entry.entry.reason,
            "item": (
                render.idea(entry.item, reader, topics)
                if isinstance(entry.item, IdeaModel)
                else render.comment(entry.item)
            ),
        }
        for entry in found
    ]
