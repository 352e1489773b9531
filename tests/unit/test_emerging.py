"""The emerging-topic rule (chalicelib.domain.emerging): last week against the four weeks before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chalicelib.domain.emerging import Activity

NOW = datetime(2026, 11, 24, 3, tzinfo=UTC)


def activity(recent: int, baseline: int) -> Activity:
    counted = Activity()
    for n in range(recent):
        counted.add(NOW - timedelta(days=n % 7, hours=1), NOW)
    for n in range(baseline):
        counted.add(NOW - timedelta(days=8 + n % 27), NOW)
    return counted


def test_a_topic_new_this_week_is_emerging_once_it_has_a_handful_of_ideas_and_votes() -> None:
    assert activity(recent=5, baseline=0).emerging
    assert not activity(recent=4, baseline=0).emerging  # four is not a trend


def test_growth_must_triple_the_usual_week() -> None:
    assert activity(recent=12, baseline=16).emerging  # usual week 4, this week 12
    assert not activity(recent=11, baseline=16).emerging
    assert not activity(recent=40, baseline=80).emerging  # a big, steady topic


def test_activity_older_than_five_weeks_counts_for_nothing() -> None:
    counted = Activity()
    counted.add(NOW - timedelta(days=36), NOW)
    assert (counted.recent, counted.baseline) == (0, 0)
