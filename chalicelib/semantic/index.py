"""A product's ideas by meaning and by words, in memory, and the two rankings built on them.

Scores (see docs/benchmarks.md for how the numbers were chosen on fb_mtod):

- search: ``meaning + words``, where ``meaning`` is the query's cosine to the idea rescaled so
  that the search floor is 0 and a perfect match is 1, and ``words`` is the BM25 share of the
  query's word weight the idea contains, plus 1 when the query appears in it verbatim. An idea
  shows when either half found something: close enough in meaning, or sharing words;
- hints and pairs: cosine alone, above thresholds calibrated for precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from chalicelib.semantic.lexical import LexicalIndex
from chalicelib.semantic.model import DIMENSIONS, FloatMatrix


@dataclass(frozen=True)
class Thresholds:
    """Cosine thresholds of one model (multilingual-e5 scores sit high: unrelated texts ~0.75)."""

    search_floor: float
    hint: float
    pair: float


# Chosen with bench/semantic_models.py on fb_mtod train_mixed.csv (docs/benchmarks.md).
E5_THRESHOLDS = Thresholds(search_floor=0.84, hint=0.87, pair=0.93)


@dataclass(frozen=True)
class IndexedIdea:
    idea_id: str
    phase: str
    text: str


@dataclass
class ProductIndex:
    """Every embedded idea of one product: ids, phases, texts and unit vectors in row order."""

    ideas: list[IndexedIdea] = field(default_factory=list)
    vectors: FloatMatrix = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))
    _lexical: LexicalIndex | None = None

    @property
    def lexical(self) -> LexicalIndex:
        if self._lexical is None:
            self._lexical = LexicalIndex.build([idea.text for idea in self.ideas])
        return self._lexical

    def __len__(self) -> int:
        return len(self.ideas)

    def merged_with(self, newer: Sequence[IndexedIdea], newer_vectors: FloatMatrix) -> ProductIndex:
        """This index with ``newer`` added, replacing older rows of the same ideas."""
        if not newer:
            return self
        replaced = {idea.idea_id for idea in newer}
        keep = [row for row, idea in enumerate(self.ideas) if idea.idea_id not in replaced]
        return ProductIndex(
            ideas=[self.ideas[row] for row in keep] + list(newer),
            vectors=np.vstack([self.vectors[keep], newer_vectors]).astype(np.float32, copy=False),
        )

    def search(
        self, query: FloatMatrix, text: str, thresholds: Thresholds, phase: str | None = None
    ) -> list[tuple[str, float]]:
        """Ideas matching by meaning or by words, best first, with their hybrid score."""
        if not self.ideas:
            return []
        cosine = self.vectors @ query.reshape(DIMENSIONS)
        meaning = np.clip((cosine - thresholds.search_floor) / (1.0 - thresholds.search_floor), 0.0, 1.0)
        words = self.lexical.scores(text)
        found = []
        for row, idea in enumerate(self.ideas):
            if phase is not None and idea.phase != phase:
                continue
            score = float(meaning[row]) + words.get(row, 0.0)
            if score > 0.0:
                found.append((idea.idea_id, round(score, 4)))
        found.sort(key=lambda pair: -pair[1])
        return found

    def nearest(
        self, vector: FloatMatrix, threshold: float, limit: int, exclude: str | None = None
    ) -> list[tuple[str, float]]:
        """Up to ``limit`` ideas whose cosine to ``vector`` is at least ``threshold``, closest first."""
        if not self.ideas:
            return []
        cosine = self.vectors @ vector.reshape(DIMENSIONS)
        order = np.argsort(-cosine)
        found = []
        for row in order:
            if cosine[row] < threshold:
                break
            if self.ideas[row].idea_id != exclude:
                found.append((self.ideas[row].idea_id, round(float(cosine[row]), 4)))
            if len(found) == limit:
                break
        return found
