"""The engagement tiers say what they do: every person who took part is in exactly one tier, and
each tier holds exactly the people its description names (issue 16: "Active (last 60 days)" had
1 member while "Champions (active in the last 30 days)" had 11)."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

from chalicelib.domain.segments import CHAMPION_POINTS, LAPSED, POINTS, RECENT, TIERS, UserActivity, build_segments

NOW = datetime(2026, 12, 3, tzinfo=UTC)


def people() -> list[UserActivity]:
    """Every combination of first and last activity and contribution around the thresholds."""
    ages = [0, 10, RECENT.days - 1, RECENT.days + 1, 45, LAPSED.days - 1, LAPSED.days + 1, 120]
    contributions = [1, CHAMPION_POINTS - 1, CHAMPION_POINTS, 60]
    crowd = []
    for number, (first, last, votes) in enumerate(itertools.product(ages, ages, contributions)):
        if last > first:
            continue  # the last activity is never before the first
        crowd.append(
            UserActivity(
                f"u{number}",
                NOW - timedelta(days=first),
                NOW - timedelta(days=last),
                Counter({"votes": votes}),
            )
        )
    return crowd


def described(tier: str, person: UserActivity) -> bool:
    """The rule each tier's description states, in its own words."""
    recent = NOW - person.last_at <= RECENT
    within_lapse = NOW - person.last_at <= LAPSED
    newcomer = NOW - person.first_at <= RECENT and person.contribution() < CHAMPION_POINTS
    champion = recent and person.contribution() >= CHAMPION_POINTS
    return {
        "champions": champion,
        "new": newcomer and within_lapse,
        "active": within_lapse and not champion and not newcomer,
        "lapsing": not within_lapse,
    }[tier]


def test_each_person_is_in_exactly_the_tier_its_description_names() -> None:
    crowd = people()
    segments = {segment.id: set(segment.members) for segment in build_segments(crowd, {}, {}, NOW)}
    tiers = {tier: segments[f"engagement-{tier}"] for tier in TIERS}

    for person in crowd:
        assert [tier for tier, members in tiers.items() if person.user_id in members] == [
            tier for tier in TIERS if described(tier, person)
        ], person
    assert sum(len(members) for members in tiers.values()) == len(crowd)


def test_descriptions_state_the_thresholds_the_rules_use() -> None:
    assert str(CHAMPION_POINTS) in TIERS["champions"][1] and f"{RECENT.days} days" in TIERS["champions"][1]
    assert f"{LAPSED.days} days" in TIERS["active"][1] and "neither a champion nor new" in TIERS["active"][1]
    assert f"{RECENT.days} days" in TIERS["new"][1] and str(CHAMPION_POINTS) in TIERS["new"][1]
    assert f"{LAPSED.days} days" in TIERS["lapsing"][1]
    assert f"an idea {POINTS['ideas']}" in TIERS["champions"][1]


def test_the_api_words_each_tier_as_its_rule_in_every_language() -> None:
    from chalicelib.services.segments import segment_words
    from chalicelib.store.models import SegmentModel

    for tier, (name, description) in TIERS.items():
        stored = SegmentModel(run_id="r", segment_id=f"engagement-{tier}", name=name, description=description, size=0)
        assert segment_words(stored, "en", {}) == (name, description)  # the rule's own words
        spanish, portuguese = segment_words(stored, "es", {}), segment_words(stored, "pt", {})
        assert spanish != (name, description) and portuguese != spanish
    phase = SegmentModel(run_id="r", segment_id="phase-installation", name="x", description="x", size=0)
    assert segment_words(phase, "es", {}) == ("Cocreadores: Instalación", "Participaron en la fase de Instalación.")
    topic = SegmentModel(run_id="r", segment_id="topic-t7", name="Interested in: old", description="x", size=0)
    assert segment_words(topic, "pt", {"t7": "bateria · carga"})[0] == "Interessados em: bateria · carga"


def test_engagement_is_a_number_from_0_to_100_that_rises_with_contribution_and_recency() -> None:
    from chalicelib.domain.segments import engagement, engagement_score

    crowd = people()
    scores = {person.user_id: engagement_score(person, NOW) for person in crowd}
    assert all(isinstance(score, int) and 0 <= score <= 100 for score in scores.values())
    assert min(scores.values()) < 25 and max(scores.values()) == 100  # the scale is used, not a constant
    for a, b in itertools.combinations(crowd, 2):
        if a.contribution() <= b.contribution() and a.last_at <= b.last_at:
            assert scores[a.user_id] <= scores[b.user_id], (a, b)
    # A champion (recent, with the points) is never below 75; a lapsing person never above it.
    for person in crowd:
        tier = engagement(person, NOW)
        if tier == "champions":
            assert scores[person.user_id] >= 75
        if tier == "lapsing":
            assert scores[person.user_id] <= 75
