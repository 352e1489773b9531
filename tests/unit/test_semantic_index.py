"""Ranking over a product's index: hybrid search, nearest ideas above a threshold, merging newer
vectors over a snapshot. Unit vectors are built by hand: the rules, not the model, are tested."""

from __future__ import annotations

import numpy as np

from chalicelib.semantic.index import IndexedIdea, ProductIndex, Thresholds
from chalicelib.semantic.model import DIMENSIONS, FloatMatrix

THRESHOLDS = Thresholds(search_floor=0.5, hint=0.8, pair=0.9)


def unit(*weights: float) -> FloatMatrix:
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    vector[: len(weights)] = weights
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def index_of(*ideas: tuple[str, str, str, FloatMatrix]) -> ProductIndex:
    return ProductIndex(
        ideas=[IndexedIdea(idea_id, phase, text) for idea_id, phase, text, _ in ideas],
        vectors=np.vstack([vector for *_, vector in ideas]),
    )


INDEX = index_of(
    ("close", "design", "Dark theme for the night", unit(1, 0.1)),
    ("code", "testing", "Thermostat shows error E-4012", unit(0, 1)),
    ("far", "design", "Export invoices", unit(0, 0, 1)),
)


def test_meaning_alone_finds_the_close_idea_and_leaves_out_the_far_one() -> None:
    found = INDEX.search(unit(1, 0), "night mode", THRESHOLDS)

    assert [idea_id for idea_id, _ in found] == ["close"]


def test_a_code_typed_verbatim_outranks_an_idea_closer_in_meaning() -> None:
    found = INDEX.search(unit(1, 0.2), "E-4012", THRESHOLDS)

    assert found[0][0] == "code"


def test_the_phase_filter_keeps_only_that_phase() -> None:
    found = INDEX.search(unit(1, 0.2), "E-4012", THRESHOLDS, phase="design")

    assert [idea_id for idea_id, _ in found] == ["close"]


def test_nearest_respects_threshold_limit_and_excludes_the_idea_itself() -> None:
    assert INDEX.nearest(unit(1, 0.1), 0.9, 5, exclude="close") == []
    assert [idea_id for idea_id, _ in INDEX.nearest(unit(1, 0.1), 0.9, 5)] == ["close"]
    assert len(INDEX.nearest(unit(1, 1, 1), -1.0, 2)) == 2


def test_newer_vectors_replace_the_snapshot_rows_of_the_same_ideas() -> None:
    newer = index_of(
        ("far", "design", "Dark mode, please", unit(1, 0)), ("new", "design", "Brand new", unit(0, 0, 0, 1))
    )

    merged = INDEX.merged_with(newer.ideas, newer.vectors)

    assert sorted(idea.idea_id for idea in merged.ideas) == ["close", "code", "far", "new"]
    assert [idea_id for idea_id, _ in merged.nearest(unit(1, 0), 0.999, 5)] == ["far"]


def test_an_empty_index_finds_nothing() -> None:
    assert ProductIndex().search(unit(1), "anything", THRESHOLDS) == []
    assert ProductIndex().nearest(unit(1), 0.0, 5) == []
