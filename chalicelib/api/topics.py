"""Topics of the newest nightly run, and the personal feed built from them."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import OPTIONAL_SIGN_IN, PUBLIC, SIGNED_IN, Call, endpoint
from chalicelib.clock import to_api
from chalicelib.services import topics as topic_service
from chalicelib.services.feed import personal_feed
from chalicelib.services.readers import reader_of
from chalicelib.store.topics import THEME

blueprint = Blueprint(__name__)


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
    listing = topic_service.list_topics(query.get("product"), query.get("phase"), query["level"])
    view = listing.view
    if view is None:
        return {"run": None, "items": [], "ungrouped": 0}
    shown = topic_service.shown_titles(listing.items)  # one batch read for every topic's representatives
    return {
        "run": {"id": view.run_id, "finished_at": to_api(view.finished_at), "idea_count": view.idea_count},
        "items": [render.topic(t, shown, listing.themes, listing.members) for t in listing.items],
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
    viewer, query = call.principal, call.query
    view, topic = topic_service.topic_of_newest_run(topic_id)
    if topic.level == THEME:
        # A theme lists its topics; its ideas are read topic by topic.
        members = topic_service.topics_by_id(view, [str(t) for t in topic.member_topics or []])
        return {
            **render.topic(topic, topic_service.shown_titles([topic]), None, members),
            "ideas": [],
            "next_cursor": None,
        }
    themes = topic_service.topics_by_id(view, [topic.theme_id] if topic.theme_id else [])
    fingerprint = f"topic:{view.run_id}:{topic_id}"
    page = topic_service.ideas_of_topic(view, topic_id, query["limit"], start_position(query, fingerprint), viewer)
    reader = reader_of(viewer, page.ideas, page.voted)
    return {
        **render.topic(topic, topic_service.shown_titles([topic]), themes),
        "ideas": [render.idea(i, reader, view) for i in page.ideas],
        "next_cursor": next_cursor(fingerprint, page.position),
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
    """The feed is computed whole and paged by offset; a cursor is bound to what it was picked from."""
    user, query = call.user, call.query
    feed = personal_feed(user)
    fingerprint = f"feed:{user.id}:{feed.basis}"
    offset = int(start_position(query, fingerprint) or 0)
    page = feed.ideas[offset : offset + query["limit"]]
    following = offset + query["limit"] if offset + query["limit"] < len(feed.ideas) else None
    reader = reader_of(user, page, feed.voted)
    return render.page([render.idea(i, reader, feed.topics) for i in page], next_cursor(fingerprint, following))
