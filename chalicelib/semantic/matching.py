"""Search and hints with the model in this process: what the semantic function answers in AWS
and what the API runs in process locally (through ``chalicelib.semantic.client``).

Results are idea ids with scores, best first, more than a page: the caller reads the ideas and
keeps those the reader may see, so visibility is always decided on the ideas themselves.
"""

from __future__ import annotations

from chalicelib.semantic.index import E5_THRESHOLDS
from chalicelib.semantic.model import get_model, idea_text
from chalicelib.semantic.snapshots import Indexes, snapshot_store

_indexes: Indexes | None = None


def indexes() -> Indexes:
    """The process-wide indexes (a warm function keeps the snapshots it has read)."""
    global _indexes
    if _indexes is None:
        _indexes = Indexes(snapshot_store())
    return _indexes


def search(text: str, products: list[str], phase: str | None, limit: int) -> list[tuple[str, float]]:
    query = get_model().queries([text])[0]
    found: list[tuple[str, float]] = []
    for product in products:
        index, _ = indexes().index(product)
        found.extend(index.search(query, text, E5_THRESHOLDS, phase=phase))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]


def similar(title: str, body: str, products: list[str], limit: int) -> list[tuple[str, float]]:
    query = get_model().ideas([idea_text(title, body)])[0]
    found: list[tuple[str, float]] = []
    for product in products:
        index, _ = indexes().index(product)
        found.extend(index.nearest(query, E5_THRESHOLDS.hint, limit))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]
