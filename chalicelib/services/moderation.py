"""Moderation without deletion: hide and restore, the queue of held items, merging duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal
from chalicelib.services.visibility import existing_comment, visible_idea
from chalicelib.store import moderation
from chalicelib.store.history import list_history
from chalicelib.store.ideas import get_ideas
from chalicelib.store.merge import merge_idea
from chalicelib.store.models import CommentModel, HistoryModel, IdeaModel, QueueEntryModel


@dataclass(frozen=True)
class HeldItem:
    entry: QueueEntryModel
    item: IdeaModel | CommentModel


def hide_idea(idea_id: str, moderator: Principal, reason: str) -> IdeaModel:
    idea = visible_idea(idea_id, moderator)
    moderation.hide_idea(idea, moderator, reason, to_storage(utc_now()))
    return idea


def restore_idea(idea_id: str, moderator: Principal) -> IdeaModel:
    idea = visible_idea(idea_id, moderator)
    moderation.restore_idea(idea, moderator, to_storage(utc_now()))
    return idea


def hide_comment(comment_id: str, moderator: Principal, reason: str) -> CommentModel:
    comment = existing_comment(comment_id)
    moderation.hide_comment(comment, moderator, reason, to_storage(utc_now()))
    return comment


def restore_comment(comment_id: str, moderator: Principal) -> CommentModel:
    comment = existing_comment(comment_id)
    moderation.restore_comment(comment, moderator, to_storage(utc_now()))
    return comment


def held_items(limit: int, start: Any) -> tuple[list[HeldItem], Any]:
    """A page of the queue, oldest first, each entry with its idea or comment (entries whose
    item is gone are skipped)."""
    entries, last_key = moderation.list_queue(limit, start)
    ideas = get_ideas(entry.item_id for entry in entries if entry.kind == "idea")
    comments = {
        entry.item_id: comment
        for entry in entries
        if entry.kind == "comment" and (comment := moderation.get_comment(entry.item_id)) is not None
    }
    held: list[HeldItem] = []
    for entry in entries:
        item: IdeaModel | CommentModel | None = (ideas if entry.kind == "idea" else comments).get(entry.item_id)
        if item is not None:
            held.append(HeldItem(entry, item))
    return held, last_key


def merge(idea_id: str, into: str, team: Principal) -> IdeaModel:
    """Merge ``idea_id`` into ``into``, keeping every voter; returns the target as it is now."""
    source = visible_idea(idea_id, team)
    target = visible_idea(into, team)
    merge_idea(source, target, team, to_storage(utc_now()))
    return visible_idea(into, team)


def history_page(idea_id: str, reader: Principal, limit: int, start: Any) -> tuple[list[HistoryModel], Any]:
    """The audit history of an idea the reader may see, oldest first."""
    visible_idea(idea_id, reader)
    return list_history(idea_id, limit, start)
