"""Stored items → the contract's JSON shapes (see the response schemas in chalicelib/schemas.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalicelib.clock import to_api
from chalicelib.domain.notice_kinds import enabled_kinds
from chalicelib.domain.roles import MODERATOR, Principal
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE, PHASES
from chalicelib.services.readers import Reader
from chalicelib.services.segments import Member
from chalicelib.store.models import (
    AlertModel,
    CommentModel,
    HistoryModel,
    IdeaModel,
    ProductModel,
    SegmentModel,
    TopicModel,
    UserModel,
)
from chalicelib.store.topics import THEME, TopicView


def user(item: UserModel) -> dict[str, Any]:
    """A user as the admin directory shows it (GET /users, PUT /users/{id}/roles)."""
    return {
        "id": item.id,
        "name": item.name,
        "email": item.email,
        "roles": list(item.roles),
        "created_at": to_api(item.created_at),
    }


def product(item: ProductModel, language: str | None = None) -> dict[str, Any]:
    """A board; its name and description in ``language`` where a translation was given."""
    counts = item.idea_counts
    translations: dict[str, Any] = item.translations.as_dict() if item.translations is not None else {}
    translated: dict[str, str] = dict(translations.get(language or "") or {})
    return {
        "slug": item.slug,
        "name": translated.get("name") or item.name,
        "description": translated.get("description", item.description),
        "idea_counts": {phase: int(getattr(counts, phase) or 0) for phase in PHASES},
    }


def idea(item: IdeaModel, reader: Reader | None, topics: TopicView | None = None) -> dict[str, Any]:
    """``voted`` and ``following`` are present only for a signed-in ``reader`` (built by
    ``services.readers.reader_of`` for the reply's ideas), ``hidden`` only for moderators;
    ``topic`` comes from the published nightly run (``topics``)."""
    rendered: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "body": item.body,
        "product": item.product,
        "phase": item.phase,
        "status": item.status,
        "vote_count": int(item.vote_count),
        "comment_count": int(item.comment_count),
        "author": {"id": item.author_id, "name": item.author_name},
        "created_at": to_api(item.created_at),
        "updated_at": to_api(item.updated_at),
        "topic": topics.topic_of(item) if topics else None,
        "response": (
            {
                "body": item.response.body,
                "author": {"id": item.response.author_id, "name": item.response.author_name},
                "at": to_api(item.response.at),
            }
            if item.response
            else None
        ),
        "merged_into": item.merged_into,
    }
    if reader is not None:
        rendered.update(reader.marks(item.id))
        if reader.principal.has_any(MODERATOR):
            rendered["hidden"] = bool(item.hidden)
    return rendered


def comment(item: CommentModel) -> dict[str, Any]:
    return {
        "id": item.id,
        "idea_id": item.idea_id,
        "body": item.body,
        "author": {"id": item.author_id, "name": item.author_name},
        "official": bool(item.official),
        "created_at": to_api(item.created_at),
    }


def me(user: UserModel, principal: Principal, stats: dict[str, int]) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "roles": list(principal.roles),
        "marketing_consent": bool(user.marketing_consent),
        "notifications": enabled_kinds(user.notifications, user.muted),
        "language": user.language or DEFAULT_LANGUAGE,
        "stats": stats,
    }


def history_event(item: HistoryModel) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "at": to_api(item.at),
        "actor": {"id": item.actor_id, "name": item.actor_name},
        "action": item.action,
    }
    if item.reason is not None:
        rendered["reason"] = item.reason
    if item.before is not None:
        rendered["before"] = item.before.as_dict()
    if item.after is not None:
        rendered["after"] = item.after.as_dict()
    return rendered


def page(items: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": next_cursor}


def alert(item: AlertModel, message: str) -> dict[str, Any]:
    return {
        "id": item.id,
        "at": to_api(item.at),
        "kind": item.kind,
        "product": item.product,
        "phase": item.phase,
        "topic": {"id": item.topic_id, "label": item.topic_label or ""} if item.topic_id else None,
        "message": message,
        "evidence": item.evidence.as_dict() if item.evidence else {},
    }


def topic(
    item: TopicModel,
    visible: Mapping[str, str],
    themes: dict[str, TopicModel] | None = None,
    members: dict[str, TopicModel] | None = None,
) -> dict[str, Any]:
    """A topic naming its theme (``themes`` by id), or a theme with its topics (``members`` by id).

    ``visible`` holds the current titles of the ideas that may be shown
    (``services.topics.shown_titles``): the run's representatives are filtered at read time, so
    an idea hidden, held or merged since the run is never listed."""

    def by_phase(boards: dict[str, Any]) -> dict[str, int]:
        counts = dict.fromkeys(PHASES, 0)
        for board, count in boards.items():
            phase = board.split("#", 1)[1]
            counts[phase] = counts.get(phase, 0) + int(count)
        return counts

    theme = (themes or {}).get(item.theme_id or "")
    rendered: dict[str, Any] = {
        "id": item.topic_id,
        "label": item.label,
        "keywords": list(item.keywords or []),
        "size": int(item.size),
        "vote_total": int(item.vote_total),
        "trend": {"size_delta": int(item.size_delta), "votes_delta": int(item.votes_delta)},
        "phases": by_phase(item.boards.as_dict() if item.boards else {}),
        "phase_votes": by_phase(item.board_votes.as_dict() if item.board_votes else {}),
        "representative_ideas": [
            {"id": idea.id, "title": visible[idea.id]} for idea in item.representative_ideas or [] if idea.id in visible
        ],
        "theme": {"id": theme.topic_id, "label": theme.label} if theme else None,
        "emerging": bool(item.emerging),
    }
    if item.level == THEME:
        inside = [members[str(t)] for t in item.member_topics or [] if members and str(t) in members]
        rendered["topics"] = [{"id": t.topic_id, "label": t.label, "size": int(t.size)} for t in inside]
    return rendered


def segment(item: SegmentModel, name: str, description: str) -> dict[str, Any]:
    return {"id": item.segment_id, "name": name, "description": description, "size": int(item.size)}


def member(item: Member) -> dict[str, Any]:
    return {
        "user_id": item.user_id,
        "name": item.name,
        "email": item.email,
        "engagement": item.engagement,
        "top_topics": list(item.top_topics),
    }
