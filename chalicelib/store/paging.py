"""Reading one page of a PynamoDB query, with the key to resume after it."""

from __future__ import annotations

from typing import Any, TypeVar

from pynamodb.pagination import ResultIterator

T = TypeVar("T")

LastKey = dict[str, dict[str, Any]]


def read_page(results: ResultIterator[T], limit: int) -> tuple[list[T], LastKey | None]:
    """Take up to ``limit`` items; return them and the key to resume after the last one.

    The key is None only when no item is left, so a client never follows a cursor to an
    empty page. Run the query with ``page_size=limit + 1``: the look-ahead item usually comes
    in the same DynamoDB response.
    """
    items: list[T] = []
    for item in results:
        items.append(item)
        if len(items) == limit:
            resume_key = results.last_evaluated_key
            for _ in results:
                return items, resume_key
            return items, None
    return items, None
