"""Embed on write: an idea's new or edited text becomes its stored vector, and the ideas of its
product that now look like the same request become duplicate pairs.

Called with ideas from the ideas table's stream (the semantic function in AWS, the local worker
in ``make run``), never by the request that wrote the idea, so posting never waits for the model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from chalicelib.clock import to_storage, utc_now
from chalicelib.semantic.index import E5_THRESHOLDS
from chalicelib.semantic.model import EmbeddingModel, get_model, idea_text
from chalicelib.semantic.quantise import to_int8
from chalicelib.semantic.snapshots import REBUILD_AFTER, Indexes, rebuild
from chalicelib.store.duplicates import record_pair
from chalicelib.store.models import IdeaModel, IdeaVectorModel
from chalicelib.store.vectors import get_vector, put_vectors

# The closest few are enough for a moderator: an idea with many near twins is one theme.
PAIRS_PER_IDEA = 3


@dataclass
class WriteReport:
    embedded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pairs: int = 0
    snapshots: list[str] = field(default_factory=list)


def text_hash(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\0{text}".encode()).hexdigest()


def embed_ideas(ideas: Sequence[IdeaModel], indexes: Indexes, model: EmbeddingModel | None = None) -> WriteReport:
    """Store the vectors of ``ideas`` whose text changed, record their likely duplicates, and
    rewrite a product's snapshot when enough has been added since the last one."""
    report = WriteReport()
    model = model or get_model()
    pending: list[tuple[IdeaModel, str, str]] = []
    for idea in ideas:
        text = idea_text(idea.title, idea.body)
        digest = text_hash(model.name, text)
        stored = get_vector(idea.product, idea.id)
        if stored is not None and stored.text_hash == digest:
            report.unchanged.append(idea.id)
        else:
            pending.append((idea, text, digest))
    if not pending:
        return report
    vectors = model.ideas([text for _, text, _ in pending])
    at = to_storage(utc_now())
    items = [
        IdeaVectorModel(
            product=idea.product,
            idea_id=idea.id,
            phase=idea.phase,
            title=idea.title,
            body=idea.body,
            vector=to_int8(vector),
            model=model.name,
            text_hash=digest,
            embedded_at=at,
        )
        for (idea, _, digest), vector in zip(pending, vectors, strict=True)
    ]
    put_vectors(items)
    report.embedded = [item.idea_id for item in items]
    for product in sorted({item.product for item in items}):
        index, newer = indexes.index(product)
        for (idea, _, _), vector in zip(pending, vectors, strict=True):
            if idea.product != product:
                continue
            for other, score in index.nearest(vector, E5_THRESHOLDS.pair, PAIRS_PER_IDEA, exclude=idea.id):
                report.pairs += record_pair(product, idea.id, other, score, at)
        if newer >= REBUILD_AFTER:
            rebuild(product, indexes.store)
            report.snapshots.append(product)
    return report
