"""Topics of the newest nightly run, and the personal feed built from them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, PUBLIC, SIGNED_IN, Call, endpoint
from chalicelib.clock import to_api, utc_now
from chalicelib.domain.errors import TopicNotFound
from chalicelib.domain.feed import pick, strongest
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.domain.trending import rank_trending
from chalicelib.domain.vocabulary import PHASES, TRENDING_WINDOW_DAYS
from chalicelib.services.topics import list_topics
from chalicelib.store import ideas as idea_store
from chalicelib.store.models import AffinityModel, IdeaModel, TopicModel
from chalicelib.store.topics import THEME, current_view, get_topic, topics_of
from chalicelib.store.votes import recent_vote_counts, voted_ideas

blueprint = Blueprint(__name__)

# The feed is computed whole (at most this many ideas) and paged through by offset.
FEED_SIZE = 100
CANDIDATES_PER_TOPIC = 40


def render_topic(
    topic: TopicModel, themes: dict[str, TopicModel] | None = None, members: dict[str, TopicModel] | None = None
) -> dict[str, Any]:
    """A topic, or a theme with its topics (``members``: the run's topics by id)."""
    phases = dict.fromkeys(PHASES, 0)
    for board, count in (topic.boards.as_dict() if topic.boards else {}).items():
        phase = board.split("#", 1)[1]
        phases[phase] = phases.get(phase, 0) + int(count)
    phase_votes = dict.fromkeys(PHASES, 0)
    for board, count in (topic.board_votes.as_dict() if topic.board_votes else {}).items():
        phase = board.split("#", 1)[1]
        phase_votes[phase] = phase_votes.get(phase, 0) + int(count)
    theme = (themes or {}).get(topic.theme_id or "")
    rendered: dict[str, Any] = {
        "id": topic.topic_id,
        "label": topic.label,
        "keywords": list(topic.keywords or []),
        "size": int(topic.size),
        "vote_total": int(topic.vote_total),
        "trend": {"size_delta": int(topic.size_delta), "votes_delta": int(topic.votes_delta)},
        "phases": phases,
        "phase_votes": phase_votes,
        "representative_ideas": [{"id": idea.id, "title": idea.title} for idea in topic.representative_ideas or []],
        "theme": {"id": theme.topic_id, "label": theme.label} if theme else None,
        "emerging": bool(topic.emerging),
    }
    if topic.level == THEME:
        inside = [members[str(t)] for t in topic.member_topics or [] if members and str(t) in members]
        rendered["topics"] = [{"id": t.topic_id, "label": t.label, "size": int(t.size)} for t in inside]
    return rendered


@endpoint(
    blueprint,
    "/topics",
    "GET",
    summary="Topics of the newest nightly run, largest first",
    access=PUBLIC,
    query="TopicQuerySchema",
    response="TopicsSchema",
    errors=(400,),
    tag="topics",
)
def topics(call: Call) -> dict[str, Any]:
    query = call.query
    listing = list_topics(query.get("product"), query.get("phase"), query["level"])
    view = listing.view
    if view is None:
        return {"run": None, "items": [], "ungrouped": 0}
    members = {t.topic_id: t for t in topics_of(view.run_id)} if query["level"] == THEME else None
    return {
        "run": {"id": view.run_id, "finished_at": to_api(view.finished_at), "idea_count": view.idea_count},
        "items": [render_topic(t, listing.themes, members) for t in listing.items],
        "ungrouped": listing.ungrouped,
    }


@endpoint(
    blueprint,
    "/topics/{topic_id}",
    "GET",
    summary="A topic and a page of its ideas, top first",
    access=OPTIONAL_SIGN_IN,
    query="PageQuerySchema",
    response="TopicDetailSchema",
    errors=(400, 401, 404),
    tag="topics",
)
def one_topic(call: Call, topic_id: str) -> dict[str, Any]:
    query = call.query
    view = current_view()
    topic = get_topic(view.run_id, topic_id) if view and len(topic_id) <= 64 else None
    if view is None or topic is None:
        raise TopicNotFound()
    if topic.level == THEME:
        # A theme lists its topics; its ideas are read topic by topic.
        members = {str(t): found for t in topic.member_topics or [] if (found := get_topic(view.run_id, str(t)))}
        return {**render_topic(topic, None, members), "ideas": [], "next_cursor": None}
    theme = get_topic(view.run_id, topic.theme_id) if topic.theme_id else None
    fingerprint = f"topic:{view.run_id}:{topic_id}"
    filters = IdeaFilters(topic=topic_id, topic_slot=view.slot)
    ideas, last_key = idea_store.list_ideas(filters, "top", query["limit"], start_position(query, fingerprint))
    viewer = call.principal
    voted = voted_ideas(viewer.id, [i.id for i in ideas]) if viewer and ideas else set()
    return {
        **render_topic(topic, {theme.topic_id: theme} if theme else None),
        "ideas": [render.idea(i, viewer, voted, view) for i in ideas],
        "next_cursor": next_cursor(fingerprint, last_key),
    }


@endpoint(
    blueprint,
    "/me/feed",
    "GET",
    summary="Ideas picked from the reader's topics (trending for newcomers)",
    access=SIGNED_IN,
    query="PageQuerySchema",
    response="IdeaPageSchema",
    errors=(400,),
    tag="topics",
)
def my_feed(call: Call) -> dict[str, Any]:
    """Ideas from the reader's strongest topics it has not voted; trending ideas otherwise."""
    user, query = call.user, call.query
    view = current_view()
    weights: dict[str, float] = {}
    if view is not None:
        try:
            affinity = AffinityModel.get(user.id, view.run_id)
            weights = {k: float(v) for k, v in (affinity.weights.as_dict() if affinity.weights else {}).items()}
        except AffinityModel.DoesNotExist:
            weights = {}
    feed: list[IdeaModel] = []
    if view is not None and weights:
        strong = strongest(weights)
        candidates = {
            topic: idea_store.list_ideas(
                IdeaFilters(topic=topic, topic_slot=view.slot), "top", CANDIDATES_PER_TOPIC, None
            )[0]
            for topic in strong
        }
        every = [idea for ideas in candidates.values() for idea in ideas]
        voted = voted_ideas(user.id, [idea.id for idea in every])
        feed = pick(candidates, weights, voted, FEED_SIZE)
        fingerprint = f"feed:{user.id}:{view.run_id}"
    if not feed:
        # A newcomer, or someone who has voted everything in its topics: what is trending now.
        feed = _trending(FEED_SIZE)
        voted = voted_ideas(user.id, [idea.id for idea in feed]) if feed else set()
        feed = [idea for idea in feed if idea.id not in voted]
        fingerprint = f"feed:{user.id}:trending"
    offset = int(start_position(query, fingerprint) or 0)
    page = feed[offset : offset + query["limit"]]
    following = offset + query["limit"] if offset + query["limit"] < len(feed) else None
    return render.page([render.idea(i, user, voted, view) for i in page], next_cursor(fingerprint, following))


def _trending(limit: int) -> list[IdeaModel]:
    recent = recent_vote_counts(utc_now(), timedelta(days=TRENDING_WINDOW_DAYS))
    ideas = idea_store.get_ideas(recent)
    visible = [i for i in ideas.values() if idea_store.matches(i, IdeaFilters())]
    return [ideas[idea_id] for idea_id in rank_trending(visible, recent)[:limit]]
