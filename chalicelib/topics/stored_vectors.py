"""The idea vectors the semantic worker already stored (``idea_vectors``), reused by the nightly
job for ideas its own cache has not seen, instead of embedding them a second time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from chalicelib.semantic.model import DIMENSIONS, IDEA_SIDE
from chalicelib.semantic.quantise import from_int8
from chalicelib.semantic.writer import text_hash
from chalicelib.store.models import IdeaModel
from chalicelib.store.vectors import vectors_for
from chalicelib.topics import embeddings
from chalicelib.topics.embeddings import StoredVectors


def stored_idea_vectors(ideas: Sequence[IdeaModel], texts: Sequence[str], name: str) -> StoredVectors | None:
    """A lookup (:data:`~chalicelib.topics.embeddings.StoredVectors`) of the worker's vectors of
    ``ideas``, whose embedded texts are ``texts`` (``chalicelib.semantic.model.idea_text``), for
    the job's model ``name``; ``None`` when the job embeds on another e5 side than the worker."""
    if embeddings.JOB_SIDE != IDEA_SIDE:
        return None

    def lookup(positions: Sequence[int]) -> Mapping[int, npt.NDArray[np.float32]]:
        items = vectors_for([(ideas[i].product, ideas[i].id) for i in positions])
        usable: list[tuple[int, bytes]] = []
        for i in positions:
            item = items.get((ideas[i].product, ideas[i].id))
            # Only a vector of this very text by this model: an idea edited since the worker saw
            # it, or a vector of another model (the stored ``model`` names it), is embedded again.
            if (
                item is not None
                and item.model == name
                and item.text_hash == text_hash(name, texts[i])
                and len(item.vector) == DIMENSIONS
            ):
                usable.append((i, bytes(item.vector)))
        if not usable:
            return {}
        rows = from_int8([blob for _, blob in usable])
        return {i: row for (i, _), row in zip(usable, rows, strict=True)}

    return lookup
