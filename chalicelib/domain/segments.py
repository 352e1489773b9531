"""Marketing segments: engagement tiers, co-creators per phase, interest per major topic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from chalicelib.domain.roles import ADMIN, MARKETING, MODERATOR, PRODUCT
from chalicelib.domain.vocabulary import PHASES

# Contribution points: an idea is worth more than a comment, a comment more than a vote.
POINTS: Final = {"ideas": 5, "comments": 2, "votes": 1}
CHAMPION_POINTS: Final = 25
RECENT: Final = timedelta(days=30)
LAPSED: Final = timedelta(days=60)
# A topic is "major" when it holds at least this share of clustered ideas (at most MAX_TOPIC_SEGMENTS).
MAJOR_TOPIC_SHARE: Final = 0.04
MAX_TOPIC_SEGMENTS: Final = 12
STAFF_ROLES: Final = frozenset({PRODUCT, MARKETING, MODERATOR, ADMIN})

# The four tiers split the people who took part: each person is in exactly one, and each
# description says exactly the rule of ``engagement`` below (a test holds them together).
TIERS: Final = {
    "champions": (
        "Champions",
        f"Took part in the last {RECENT.days} days and earned at least {CHAMPION_POINTS} points "
        f"(an idea {POINTS['ideas']}, a comment {POINTS['comments']}, a vote {POINTS['votes']}).",
    ),
    "active": (
        "Active",
        f"Took part in the last {LAPSED.days} days, neither a champion nor new: the regular contributors.",
    ),
    "new": ("New", f"First took part in the last {RECENT.days} days, with fewer than {CHAMPION_POINTS} points."),
    "lapsing": ("Lapsing", f"No activity for more than {LAPSED.days} days: worth winning back."),
}


@dataclass
class UserActivity:
    user_id: str
    first_at: datetime
    last_at: datetime
    counts: Counter[str] = field(default_factory=Counter)  # ideas / votes / comments
    phases: Counter[str] = field(default_factory=Counter)
    topics: Counter[str] = field(default_factory=Counter)

    def contribution(self) -> int:
        return sum(POINTS[kind] * self.counts[kind] for kind in POINTS)

    def top_topics(self, count: int = 3) -> list[str]:
        return [topic for topic, _ in sorted(self.topics.items(), key=lambda item: (-item[1], item[0]))[:count]]


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    description: str
    members: tuple[str, ...]


def engagement(activity: UserActivity, now: datetime) -> str:
    """One tier per user, by recency, frequency and contribution."""
    if now - activity.last_at > LAPSED:
        return "lapsing"
    if now - activity.first_at <= RECENT and activity.contribution() < CHAMPION_POINTS:
        return "new"
    if now - activity.last_at <= RECENT and activity.contribution() >= CHAMPION_POINTS:
        return "champions"
    return "active"


# The 0-100 engagement score of a member (GET /segments/{id}/members): half contribution, half
# recency. Contribution counts fully at twice a champion's points; recency is full for activity in
# the last RECENT days and fades linearly to nothing RECENT days after a person counts as lapsing.
SCORE_FULL_POINTS: Final = 2 * CHAMPION_POINTS
SCORE_FADED: Final = LAPSED + RECENT


def engagement_score(activity: UserActivity, now: datetime) -> int:
    """How engaged a person is, 0 (long gone, nothing given) to 100 (recent and prolific)."""
    contribution = min(activity.contribution() / SCORE_FULL_POINTS, 1.0)
    idle = max(now - activity.last_at, timedelta(0))
    recency = 1.0 if idle <= RECENT else max(0.0, 1.0 - (idle - RECENT) / (SCORE_FADED - RECENT))
    return round(100 * (contribution + recency) / 2)


def build_segments(
    activities: Iterable[UserActivity], topic_labels: Mapping[str, str], topic_sizes: Mapping[str, int], now: datetime
) -> list[Segment]:
    users = list(activities)
    tiers = {user.user_id: engagement(user, now) for user in users}
    segments = [
        Segment(f"engagement-{tier}", name, description, tuple(sorted(u for u, t in tiers.items() if t == tier)))
        for tier, (name, description) in TIERS.items()
    ]
    for phase in PHASES:
        members = tuple(sorted(user.user_id for user in users if user.phases[phase]))
        segments.append(Segment(f"phase-{phase}", f"Co-creators: {phase}", f"Took part in the {phase} phase.", members))
    clustered = sum(topic_sizes.values()) or 1
    major = sorted(
        (topic for topic, size in topic_sizes.items() if size / clustered >= MAJOR_TOPIC_SHARE),
        key=lambda topic: -topic_sizes[topic],
    )[:MAX_TOPIC_SEGMENTS]
    for topic in major:
        members = tuple(sorted(user.user_id for user in users if topic in user.top_topics()))
        label = topic_labels.get(topic, topic)
        segments.append(
            Segment(f"topic-{topic}", f"Interested in: {label}", f"Among their top topics: {label}.", members)
        )
    return segments


def may_be_marketed_to(roles: Iterable[str], marketing_consent: bool) -> bool:
    """Whether a person may appear in a segment's members or its export: a customer (no staff
    role: a colleague is not a marketing target) who gives marketing consent now."""
    return marketing_consent and not set(roles) & STAFF_ROLES
