"""Emerging topics: what grew well beyond its usual rate in the last week.

The rule (README, "Emerging topics"): a topic is emerging when its activity — ideas posted in it
plus votes cast on its ideas — in the last ``RECENT_DAYS`` days is at least ``MIN_ACTIVITY`` and
at least ``FACTOR`` times its average weekly activity over the ``BASELINE_WEEKS`` weeks before.
A topic that is new this week has no activity before, so it is emerging as soon as it reaches
``MIN_ACTIVITY``; a big old topic with steady traffic is not. Pure arithmetic: the nightly job
counts, this decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

RECENT_DAYS: Final = 7
BASELINE_WEEKS: Final = 4
MIN_ACTIVITY: Final = 5
FACTOR: Final = 3.0


@dataclass
class Activity:
    """Ideas and votes of one topic in the last week and in the four weeks before."""

    recent: int = 0
    baseline: int = 0

    def add(self, at: datetime, now: datetime) -> None:
        age = now - at
        if age < timedelta(days=RECENT_DAYS):
            self.recent += 1
        elif age < timedelta(days=RECENT_DAYS * (BASELINE_WEEKS + 1)):
            self.baseline += 1

    @property
    def weekly_baseline(self) -> float:
        return self.baseline / BASELINE_WEEKS

    @property
    def emerging(self) -> bool:
        return self.recent >= MIN_ACTIVITY and self.recent >= FACTOR * max(self.weekly_baseline, 1.0)
