"""Ideas: posting, editing or answering, and listing them (filters and sorts, trending among them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.ideas import IdeaFilters, classify_patch
from chalicelib.domain.moderation import held_reason
from chalicelib.domain.roles import Principal
from chalicelib.domain.trending import rank_trending
from chalicelib.domain.vocabulary import TRENDING_WINDOW_DAYS
from chalicelib.services.visibility import visible_idea
from chalicelib.store import ideas as idea_store
from chalicelib.store.models import IdeaModel
from chalicelib.store.topics import TopicView, current_view
from chalicelib.store.votes import recent_vote_counts, voted_ideas


@dataclass(frozen=True)
class IdeaListing:
    """What a list of ideas is about: its filters and the topic run that names topics."""

    filters: IdeaFilters
    topics: TopicView | None


@dataclass(frozen=True)
class IdeaPage:
    items: list[IdeaModel]
    position: Any  # where the next page starts; None after the last
    voted: set[str]  # the ideas of ``items`` the reader voted


def listing(query: Mapping[str, Any], reader: Principal | None) -> IdeaListing:
    """The filters of a ``GET /ideas`` query; ``author=me`` is the reader's own ideas."""
    topics = current_view()
    filters = IdeaFilters(
        product=query.get("product"),
        phase=query.get("phase"),
        status=query.get("status"),
        topic=query.get("topic"),
        author_id=reader.id if query.get("author") == "me" and reader else None,
        topic_slot=topics.slot if topics else 0,
    )
    return IdeaListing(filters, topics)


def ideas_page(listed: IdeaListing, sort: str, limit: int, start: Any, reader: Principal | None) -> IdeaPage:
    """A page of ideas in ``sort`` order ("top", "new", "trending"), from ``start``."""
    items: list[IdeaModel]
    position: Any
    if listed.filters.topic and listed.topics is None:
        items, position = [], None  # no run has published topics yet
    elif sort == "trending":
        items, position = trending_page(listed.filters, limit, start)
    else:
        items, position = idea_store.list_ideas(listed.filters, sort, limit, start)
    voted = voted_ideas(reader.id, [item.id for item in items]) if reader and items else set()
    return IdeaPage(items, position, voted)


def trending_page(filters: IdeaFilters, limit: int, start: Any) -> tuple[list[IdeaModel], Any]:
    """Ideas voted in the last seven days, most votes first; then every other idea, newest first.

    A position is ``{"ranked": n}`` inside the ranked part or ``{"rest": key}`` after it.
    """
    recent = recent_vote_counts(
        utc_now(), timedelta(days=TRENDING_WINDOW_DAYS), product=filters.product, phase=filters.phase
    )
    candidates = idea_store.get_ideas(recent)
    ranked = rank_trending([idea for idea in candidates.values() if idea_store.matches(idea, filters)], recent)
    start = start or {"ranked": 0}
    page: list[IdeaModel] = []
    if "ranked" in start:
        offset = int(start["ranked"])
        page = [candidates[idea_id] for idea_id in ranked[offset : offset + limit]]
        if offset + limit < len(ranked):
            return page, {"ranked": offset + limit}
        if len(page) == limit:
            return page, {"rest": None}
        start = {"rest": None}
    rest, last_key = idea_store.list_ideas(filters, "new", limit - len(page), start["rest"])
    already = set(ranked)
    page.extend(idea for idea in rest if idea.id not in already)
    return page, ({"rest": last_key} if last_key else None)


def trending_now(limit: int) -> list[IdeaModel]:
    """The ``limit`` most voted public ideas of the last seven days, across every board."""
    recent = recent_vote_counts(utc_now(), timedelta(days=TRENDING_WINDOW_DAYS))
    ideas = idea_store.get_ideas(recent)
    visible = [i for i in ideas.values() if idea_store.matches(i, IdeaFilters())]
    return [ideas[idea_id] for idea_id in rank_trending(visible, recent)[:limit]]


def post_idea(author: Principal, title: str, body: str, product: str, phase: str) -> IdeaModel:
    """A new idea; held for moderation when the filter flags its text."""
    return idea_store.create_idea(
        author, title, body, product, phase, to_storage(utc_now()), held_reason=held_reason(title, body)
    )


def change_idea(idea_id: str, editor: Principal, changes: Mapping[str, Any]) -> IdeaModel:
    """An author's edit of title and body, or the product team's status and answer (never both)."""
    idea = visible_idea(idea_id, editor)
    now = to_storage(utc_now())
    if classify_patch(editor, idea.author_id, idea.status, changes) == "author":
        title, body = changes.get("title", idea.title), changes.get("body", idea.body)
        idea_store.edit_text(idea, editor, title, body, now, held_reason=held_reason(title, body))
    else:
        idea_store.answer(idea, editor, changes.get("status"), changes.get("response"), now)
    return idea
