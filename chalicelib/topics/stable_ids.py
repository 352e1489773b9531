"""Keeping topic ids stable from one run to the next by matching centroids."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

# Cosine similarity above which a new topic is "the same theme" as a previous one. Centroids of
# one theme drift little between nights (a few percent new ideas); different themes of one
# product sit well below this (tests/topics/test_nightly.py keeps every id with multilingual e5).
SAME_THEME = 0.8
# Themes (groups of topics) of one product: their centroids move more than a topic's when a
# topic joins or leaves, and a product's themes are far apart, so a looser threshold is safe.
SAME_THEME_GROUP = 0.75


def new_topic_id() -> str:
    return "t" + uuid.uuid4().hex[:10]


def match(
    previous: Mapping[str, npt.NDArray[np.float32]],
    current: Mapping[int, npt.NDArray[np.float32]],
    threshold: float = SAME_THEME,
) -> dict[int, str]:
    """The id of each current topic: the most similar previous topic's id, each used at most
    once (greedy on similarity, best pairs first), or a new id when none is similar enough."""
    assigned: dict[int, str] = {}
    if current:
        # Centroids of another model (another dimension) cannot be compared: after a change of
        # model every topic gets a new id rather than a crash.
        dimension = len(next(iter(current.values())))
        previous = {key: centroid for key, centroid in previous.items() if len(centroid) == dimension}
    if previous and current:
        previous_ids = list(previous)
        current_ids = list(current)
        similarity = np.vstack([current[c] for c in current_ids]) @ np.vstack([previous[p] for p in previous_ids]).T
        used: set[str] = set()
        for flat in np.argsort(-similarity, axis=None):
            row, column = divmod(int(flat), len(previous_ids))
            if similarity[row, column] < threshold:
                break
            topic, candidate = current_ids[row], previous_ids[column]
            if topic in assigned or candidate in used:
                continue
            assigned[topic] = candidate
            used.add(candidate)
    for topic in current:
        assigned.setdefault(topic, new_topic_id())
    return assigned
