"""Use cases of the topics pages: a product's topics or themes of the newest run, in one phase or all.

Topics hold ideas of one product (the nightly job clusters each product on its own), so a
product's listing counts only that product's ideas. Themes group a product's topics; each topic
names its theme. Ideas no topic was close enough to are counted as "not grouped yet", per board.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.store.models import TopicModel
from chalicelib.store.topics import THEME, TopicView, current_view, topics_of

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
    return TopicListing(view, items, themes, ungrouped)
