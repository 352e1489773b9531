"""Moderation: hide and restore (never delete), the queue of held items, the history, merge."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.ideas import MAX_ID_LENGTH, visible_idea
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.errors import CommentNotFound
from chalicelib.domain.roles import MODERATOR, PRODUCT
from chalicelib.store import moderation
from chalicelib.store.history import list_history
from chalicelib.store.ideas import get_ideas
from chalicelib.store.merge import merge_idea
from chalicelib.store.models import CommentModel
from chalicelib.store.topics import current_view
from chalicelib.store.votes import voted_ideas

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
    moderator, reason = call.user, call.body["reason"]
    idea = visible_idea(idea_id, moderator)
    moderation.hide_idea(idea, moderator, reason, to_storage(utc_now()))
    return render.idea(idea, moderator, voted_ideas(moderator.id, [idea.id]), current_view())


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
    moderator = call.user
    idea = visible_idea(idea_id, moderator)
    moderation.restore_idea(idea, moderator, to_storage(utc_now()))
    return render.idea(idea, moderator, voted_ideas(moderator.id, [idea.id]), current_view())


def _comment(comment_id: str) -> CommentModel:
    comment = moderation.get_comment(comment_id) if len(comment_id) <= MAX_ID_LENGTH else None
    if comment is None:
        raise CommentNotFound()
    return comment


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
    moderator, reason = call.user, call.body["reason"]
    comment = _comment(comment_id)
    moderation.hide_comment(comment, moderator, reason, to_storage(utc_now()))
    return render.comment(comment)


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
    moderator = call.user
    comment = _comment(comment_id)
    moderation.restore_comment(comment, moderator, to_storage(utc_now()))
    return render.comment(comment)


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
    reader, query = call.user, call.query
    visible_idea(idea_id, reader)
    fingerprint = f"history:{idea_id}"
    events, last_key = list_history(idea_id, query["limit"], start_position(query, fingerprint))
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
    moderator, query = call.user, call.query
    entries, last_key = moderation.list_queue(query["limit"], start_position(query, "queue"))
    ideas = get_ideas(entry.item_id for entry in entries if entry.kind == "idea")
    topics = current_view()
    comments = {
        entry.item_id: comment
        for entry in entries
        if entry.kind == "comment" and (comment := moderation.get_comment(entry.item_id)) is not None
    }
    items = []
    for entry in entries:
        if entry.kind == "idea" and entry.item_id in ideas:
            item = render.idea(ideas[entry.item_id], moderator, set(), topics)
        elif entry.kind == "comment" and entry.item_id in comments:
            item = render.comment(comments[entry.item_id])
        else:
            continue
        items.append({"kind": entry.kind, "id": entry.item_id, "reason": entry.reason, "item": item})
    return render.page(items, next_cursor("queue", last_key))


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
    team, into = call.user, call.body["into"]
    source = visible_idea(idea_id, team)
    target = visible_idea(into, team)
    merge_idea(source, target, team, to_storage(utc_now()))
    refreshed = visible_idea(into, team)
    return render.idea(refreshed, team, voted_ideas(team.id, [refreshed.id]), current_view())
