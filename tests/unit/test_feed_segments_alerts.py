"""Pure rules of the personal feed, the segments and the surge detection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chalicelib.domain.alerts import surge
from chalicelib.domain.feed import Interaction, affinities, pick, strongest
from chalicelib.domain.segments import UserActivity, build_segments, engagement

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def test_affinity_weights_sum_to_one_and_favour_recent_and_stronger_actions() -> None:
    weights = affinities(
        [
            Interaction("ana", "battery", "posted", NOW),
            Interaction("ana", "export", "voted", NOW),
            Interaction("ana", "design", "posted", NOW - timedelta(days=90)),
        ],
        NOW,
    )["ana"]

    assert abs(sum(weights.values()) - 1) < 1e-5  # rounded to 6 places
    assert weights["battery"] > weights["export"]  # posting says more than voting
    assert weights["battery"] > weights["design"] * 7  # 90 days is three half-lives
    assert strongest(weights, 2) == ["battery", "export"]


@dataclass
class Candidate:
    id: str
    status: str = "open"
    hidden: bool = False


def test_feed_interleaves_by_weight_and_skips_voted_closed_and_hidden() -> None:
    candidates = {
        "battery": [Candidate("b1"), Candidate("b2", status="done"), Candidate("b3"), Candidate("b4"), Candidate("b5")],
        "export": [Candidate("e1"), Candidate("e2", hidden=True), Candidate("e3")],
    }

    picked = [c.id for c in pick(candidates, {"battery": 0.75, "export": 0.25}, already_voted={"b3"}, limit=5)]

    assert picked[0] == "b1"
    assert "b2" not in picked and "b3" not in picked and "e2" not in picked
    assert sum(1 for p in picked if p.startswith("b")) > sum(1 for p in picked if p.startswith("e"))
    assert len(picked) == 5


def activity(user: str, first_days: int, last_days: int, ideas: int = 0, votes: int = 0, **phases: int) -> UserActivity:
    return UserActivity(
        user, NOW - timedelta(days=first_days), NOW - timedelta(days=last_days),
        counts=Counter(ideas=ideas, votes=votes), phases=Counter(phases), topics=Counter(battery=ideas + votes),
    )  # fmt: skip


def test_engagement_tiers() -> None:
    assert engagement(activity("a", 200, 2, ideas=5, votes=10), NOW) == "champions"
    assert engagement(activity("b", 200, 40, ideas=1), NOW) == "active"
    assert engagement(activity("c", 10, 1, votes=2), NOW) == "new"
    assert engagement(activity("d", 300, 90, ideas=9), NOW) == "lapsing"


def test_segments_cover_tiers_phases_and_major_topics() -> None:
    users = [activity("a", 200, 2, ideas=5, votes=10, testing=3), activity("b", 300, 90, votes=1, design=1)]

    segments = {s.id: s for s in build_segments(users, {"battery": "battery · charge"}, {"battery": 40}, NOW)}

    assert segments["engagement-champions"].members == ("a",)
    assert segments["engagement-lapsing"].members == ("b",)
    assert segments["phase-testing"].members == ("a",)
    assert segments["phase-design"].members == ("b",)
    assert segments["topic-battery"].name == "Interested in: battery · charge"
    assert set(segments["topic-battery"].members) == {"a", "b"}


def test_surge_needs_a_real_jump_over_the_baseline() -> None:
    assert surge(12, [1, 2, 1, 0, 2, 1, 1]) is not None
    assert surge(4, [0, 0, 0]) is None  # too few to matter
    assert surge(12, [10, 11, 9, 12, 10]) is None  # business as usual
    assert surge(12, [0, 0, 30, 0, 0]) is None  # the baseline already swings this much
    found = surge(20, [2, 2, 2])
    assert found is not None and found.ratio == 10.0
