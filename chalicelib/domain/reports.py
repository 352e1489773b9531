"""The activity summary of a period: pure arithmetic over what the store found."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from chalicelib.domain.vocabulary import PHASES, STATUSES

KINDS = ("ideas", "votes", "comments")


@dataclass(frozen=True)
class Activity:
    """One idea posted, vote cast or comment written, on ``day`` (UTC), by ``user_id``."""

    kind: str
    day: date
    phase: str | None
    user_id: str


def summarize(
    start: date,
    end: date,
    activities: Iterable[Activity],
    idea_statuses: Iterable[str],
    response_hours: Iterable[float],
) -> dict[str, Any]:
    """Totals, per phase, per status, per day (every day of the period, empty ones as zeros)
    and the median hours from an idea's creation to the team's first official answer."""
    totals: Counter[str] = Counter()
    per_phase = {phase: dict.fromkeys(KINDS, 0) for phase in PHASES}
    days = {start + timedelta(days=offset): dict.fromkeys(KINDS, 0) for offset in range((end - start).days + 1)}
    users: set[str] = set()
    for activity in activities:
        if activity.day not in days:
            continue  # outside the period: callers may pass whole partitions
        totals[activity.kind] += 1
        days[activity.day][activity.kind] += 1
        if activity.phase in per_phase:
            per_phase[activity.phase][activity.kind] += 1
        users.add(activity.user_id)
    statuses = Counter(idea_statuses)
    hours = sorted(response_hours)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **{kind: totals[kind] for kind in KINDS},
        "active_users": len(users),
        "per_phase": per_phase,
        "per_status": {status: statuses[status] for status in STATUSES},
        "answered_ideas": len(hours),
        "median_first_response_hours": round(statistics.median(hours), 1) if hours else None,
        "per_day": [{"date": day.isoformat(), **counts} for day, counts in days.items()],
    }


def to_csv_rows(summary: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The summary in long form (metric, dimension, value): one row per number, for spreadsheets."""
    rows = [("period", "from", summary["from"]), ("period", "to", summary["to"])]
    rows += [(kind, "total", str(summary[kind])) for kind in (*KINDS, "active_users")]
    for phase, counts in summary["per_phase"].items():
        rows += [(kind, f"phase:{phase}", str(counts[kind])) for kind in KINDS]
    rows += [("ideas", f"status:{status}", str(count)) for status, count in summary["per_status"].items()]
    for day in summary["per_day"]:
        rows += [(kind, f"day:{day['date']}", str(day[kind])) for kind in KINDS]
    median = summary["median_first_response_hours"]
    rows.append(("first_response_hours", "median", "" if median is None else str(median)))
    rows.append(("first_response_hours", "answered_ideas", str(summary["answered_ideas"])))
    return rows
