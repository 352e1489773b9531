"""The personal feed: each user's topic affinity, and the ideas picked from it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol, TypeVar

# What an action says about interest: writing an idea says more than a vote.
ACTION_WEIGHTS: Final = {"posted": 3.0, "commented": 2.0, "voted": 1.0}
# Interest fades: an action of 30 days ago counts half as much as one of today.
HALF_LIFE_DAYS: Final = 30.0
STRONGEST_TOPICS: Final = 3
# Ideas that are finished are no longer worth a customer's attention in a feed.
CLOSED_STATUSES: Final = frozenset({"done", "declined", "merged", "pending_moderation"})


@dataclass(frozen=True)
class Interaction:
    user_id: str
    topic_id: str
    action: str  # posted, voted or commented
    at: datetime
    phase: str | None = None


def affinities(interactions: Iterable[Interaction], now: datetime) -> dict[str, dict[str, float]]:
    """Per user, a weight per topic that sums to 1: recency-weighted share of its actions."""
    raw: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for interaction in interactions:
        age_days = max((now - interaction.at).total_seconds() / 86400, 0.0)
        raw[interaction.user_id][interaction.topic_id] += ACTION_WEIGHTS[interaction.action] * 0.5 ** (
            age_days / HALF_LIFE_DAYS
        )
    result = {}
    for user_id, weights in raw.items():
        total = sum(weights.values())
        result[user_id] = {topic: round(weight / total, 6) for topic, weight in weights.items()}
    return result


def strongest(weights: Mapping[str, float], count: int = STRONGEST_TOPICS) -> list[str]:
    return [topic for topic, _ in sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:count]]


class FeedCandidate(Protocol):
    id: str
    status: str
    hidden: bool


C = TypeVar("C", bound=FeedCandidate)


def pick(
    candidates_by_topic: Mapping[str, Sequence[C]],
    weights: Mapping[str, float],
    already_voted: set[str],
    limit: int,
) -> list[C]:
    """Interleave each strong topic's best ideas in proportion to the user's affinity.

    Each topic's list arrives best first. A topic with twice the weight gets about twice the
    places; ideas the user voted, closed or hidden ideas, and duplicates are skipped.
    """
    queues = {
        topic: [c for c in ideas if c.id not in already_voted and c.status not in CLOSED_STATUSES and not c.hidden]
        for topic, ideas in candidates_by_topic.items()
    }
    credit = dict.fromkeys(queues, 0.0)
    picked: list[C] = []
    seen: set[str] = set()
    while len(picked) < limit and any(queues.values()):
        for topic in queues:
            credit[topic] += weights.get(topic, 0.0)
        topic = max((t for t in queues if queues[t]), key=lambda t: (credit[t], t))
        credit[topic] -= 1.0
        candidate = queues[topic].pop(0)
        if candidate.id not in seen:
            seen.add(candidate.id)
            picked.append(candidate)
    return picked
