"""The ``trending`` order: votes received in the last seven days, then overall rank."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol


class Rankable(Protocol):
    id: str
    top_score: float


def rank_trending(ideas: Iterable[Rankable], recent_votes: Mapping[str, int]) -> list[str]:
    """Ids of ideas with recent votes, most recent votes first; ties go to the better ranked idea."""
    candidates = [idea for idea in ideas if recent_votes.get(idea.id, 0) > 0]
    candidates.sort(key=lambda idea: (-recent_votes[idea.id], -idea.top_score, idea.id))
    return [idea.id for idea in candidates]
