"""Reading the topics of the newest nightly run: a product's topics or themes scoped to a board,
and one topic with a page of its ideas.

Topics hold ideas of one product (the nightly job clusters each product on its own), so a
product's listing counts only that product's ideas. Themes group a product's topics; each topic
names its theme. Ideas no topic was close enough to are counted as "not grouped yet", per board.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from chalicelib.domain.errors import TopicNotFound
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.domain.roles import Principal
from chalicelib.store import ideas as idea_store
from chalicelib.store.models import IdeaModel, TopicModel
from chalicelib.store.topics import THEME, TopicView, current_view, get_topic, topics_of
from chalicelib.store.votes import voted_ideas

MAX_TOPIC_ID_LENGTH: Final = 64


@dataclass(frozen=True)
class IdeasOfTopic:
    ideas: list[IdeaModel]
    position: Any  # where the next page starts; None after the last
    voted: set[str]  # the ideas of ``ideas`` the reader voted


def in_scope(topic: TopicModel, product: str | None, phase: str | None) -> bool:
    """Whether the topic holds ideas of the board (``None`` matches any product or phase)."""
    boards = topic.boards.as_dict() if topic.boards else {}
    return any(
        product in (None, board.split("#", 1)[0]) and phase in (None, board.split("#", 1)[1])
        for board, count in boards.items()
        if count
    )


def newest_topics(product: str | None, phase: str | None) -> tuple[TopicView | None, list[TopicModel]]:
    """The newest run and its topics in scope, largest first; ``(None, [])`` before any run."""
    view = current_view()
    if view is None:
        return None, []
    items = [topic for topic in topics_of(view.run_id) if in_scope(topic, product, phase)]
    items.sort(key=lambda topic: (-int(topic.size), topic.topic_id))
    return view, items


def topic_of_newest_run(topic_id: str) -> tuple[TopicView, TopicModel]:
    """The newest run and its topic ``topic_id``; TopicNotFound before any run or when unknown."""
    view = current_view()
    topic = get_topic(view.run_id, topic_id) if view and len(topic_id) <= MAX_TOPIC_ID_LENGTH else None
    if view is None or topic is None:
        raise TopicNotFound()
    return view, topic


def ideas_of_topic(view: TopicView, topic_id: str, limit: int, start: Any, reader: Principal | None) -> IdeasOfTopic:
    """A page of the topic's ideas, top first; merged ones left out (a duplicate merged since the
    run is not offered), hidden and held ones too, like every public list."""
    filters = IdeaFilters(topic=topic_id, topic_slot=view.slot)
    ideas, position = idea_store.list_ideas(filters, "top", limit, start, without_merged=True)
    voted = voted_ideas(reader.id, [idea.id for idea in ideas]) if reader and ideas else set()
    return IdeasOfTopic(ideas, position, voted)


def shown_titles(topics: Iterable[TopicModel]) -> dict[str, str]:
    """The current titles of the topics' representative ideas that everyone may see: the run
    chose them, but one hidden, held or merged since must vanish now, not at the next run."""
    return idea_store.visible_titles(idea.id for topic in topics for idea in topic.representative_ideas or [])


TOPIC = "topic"
LEVELS = (TOPIC, THEME)


@dataclass(frozen=True)
class TopicListing:
    """What ``GET /topics`` shows: the run, its topics or themes in scope, largest first, the
    themes by id (to name each topic's theme), and the ideas in scope left without a topic."""

    view: TopicView | None
    items: list[TopicModel] = field(default_factory=list)
    themes: dict[str, TopicModel] = field(default_factory=dict)
    ungrouped: int = 0
    # The run's topics by id, for themes to list theirs (only with level "theme").
    members: dict[str, TopicModel] | None = None


def board_count(item: TopicModel, product: str | None, phase: str | None) -> int:
    """Ideas of ``item`` on the boards in scope (every board when both are None)."""
    boards = item.boards.as_dict() if item.boards else {}
    return sum(
        int(count)
        for board, count in boards.items()
        if product in (None, board.split("#", 1)[0]) and phase in (None, board.split("#", 1)[1])
    )


def list_topics(product: str | None, phase: str | None, level: str = TOPIC) -> TopicListing:
    view = current_view()
    if view is None:
        return TopicListing(None)
    every = topics_of(view.run_id)
    themes = {item.topic_id: item for item in every if item.level == THEME}
    wanted = [item for item in every if (item.level == THEME) == (level == THEME)]
    items = [item for item in wanted if board_count(item, product, phase) > 0]
    items.sort(key=lambda item: (-board_count(item, product, phase), item.topic_id))
    ungrouped = sum(
        count
        for board, count in view.ungrouped.items()
        if product in (None, board.split("#", 1)[0]) and phase in (None, board.split("#", 1)[1])
    )
    members = {item.topic_id: item for item in every if item.level != THEME} if level == THEME else None
    return TopicListing(view, items, themes, ungrouped, members)


def topics_by_id(view: TopicView, ids: list[str]) -> dict[str, TopicModel]:
    """Topics (or themes) of the run by id; unknown ids are left out."""
    return {topic_id: found for topic_id in ids if (found := get_topic(view.run_id, topic_id))}
