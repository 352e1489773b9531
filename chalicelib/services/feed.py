"""The personal feed: ideas from the reader's strongest topics it has not voted yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chalicelib.domain.feed import pick, strongest
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.domain.roles import Principal
from chalicelib.services.ideas import trending_now
from chalicelib.store import ideas as idea_store
from chalicelib.store.models import IdeaModel
from chalicelib.store.topics import TopicView, affinity_weights, current_view
from chalicelib.store.votes import voted_ideas

# The feed is computed whole (at most this many ideas) and paged through by offset.
FEED_SIZE: Final = 100
CANDIDATES_PER_TOPIC: Final = 40


@dataclass(frozen=True)
class Feed:
    ideas: list[IdeaModel]
    voted: set[str]
    topics: TopicView | None
    basis: str  # the run the feed was picked from, or "trending": a cursor is bound to it


def personal_feed(reader: Principal) -> Feed:
    """Ideas picked by the reader's topic affinities; what is trending for a newcomer, or for
    someone who has voted everything in its topics."""
    view = current_view()
    weights = affinity_weights(reader.id, view.run_id) if view is not None else {}
    if view is not None and weights:
        candidates = {
            topic: idea_store.list_ideas(
                IdeaFilters(topic=topic, topic_slot=view.slot), "top", CANDIDATES_PER_TOPIC, None
            )[0]
            for topic in strongest(weights)
        }
        voted = voted_ideas(reader.id, [idea.id for ideas in candidates.values() for idea in ideas])
        picked = pick(candidates, weights, voted, FEED_SIZE)
        if picked:
            return Feed(picked, voted, view, view.run_id)
    trending = trending_now(FEED_SIZE)
    voted = voted_ideas(reader.id, [idea.id for idea in trending]) if trending else set()
    return Feed([idea for idea in trending if idea.id not in voted], voted, view, "trending")
