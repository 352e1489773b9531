"""Surge detection: a count in the latest window far above its own trailing baseline.

Pure arithmetic over counts, so it can run nightly or every few minutes alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

MIN_COUNT: Final = 5  # a handful of posts is not a surge, whatever the baseline
FACTOR: Final = 3.0  # at least three times the usual
SIGMAS: Final = 3.0  # and well outside the usual spread


@dataclass(frozen=True)
class Surge:
    current: int
    baseline_mean: float
    baseline_stdev: float

    @property
    def ratio(self) -> float:
        return self.current / max(self.baseline_mean, 1.0)


def surge(current: int, history: Sequence[int]) -> Surge | None:
    """A Surge when ``current`` stands out against ``history`` (the previous windows), else None."""
    if current < MIN_COUNT or not history:
        return None
    mean = statistics.fmean(history)
    stdev = statistics.pstdev(history)
    if current >= FACTOR * max(mean, 1.0) and current > mean + SIGMAS * stdev:
        return Surge(current, round(mean, 2), round(stdev, 2))
    return None
