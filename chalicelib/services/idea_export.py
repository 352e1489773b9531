"""Every idea matching a list's filters, as CSV rows, read page by page so memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.clock import to_api
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.store.ideas import list_ideas
from chalicelib.store.paging import LastKey
from chalicelib.store.topics import TopicView

# Ideas per DynamoDB read: about one 1 MB response of full items, so memory stays at one page.
PAGE = 1000
COLUMNS = [
    "id",
    "title",
    "product",
    "phase",
    "status",
    "votes",
    "comments",
    "topic",
    "author",
    "created_at",
    "updated_at",
    "merged_into",
]


def idea_rows(filters: IdeaFilters, topics: TopicView | None) -> Iterator[list[str]]:
    """Rows newest first; each DynamoDB page is dropped once written."""
    start: LastKey | None = None
    while True:
        ideas, start = list_ideas(filters, "new", PAGE, start)
        for idea in ideas:
            topic = topics.topic_of(idea) if topics else None
            yield [
                idea.id,
                idea.title,
                idea.product,
                idea.phase,
                idea.status,
                str(int(idea.vote_count)),
                str(int(idea.comment_count)),
                topic["label"] if topic else "",
                idea.author_name,
                to_api(idea.created_at),
                to_api(idea.updated_at),
                idea.merged_into or "",
            ]
        if start is None:
            return
