"""Votes per idea and UTC day, counted in the vote's own transaction: what ``trending`` reads.

Reading every vote of the last week on each request made a trending page cost as much as the
community's activity; these counters make it cost one Query per day of the window, over the
ideas voted that day in the scope (a product, or the whole portal), however many votes they got.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from pynamodb.transactions import TransactWrite

from chalicelib.store.models import IdeaModel, VoteDayModel

# The scope of the whole portal; product slugs cannot be "all#..." because they have no "#".
EVERYWHERE = "all"


def day_of(stored_at: str) -> str:
    """The UTC day of a stored timestamp (``2026-11-24T21:05:00Z`` → ``2026-11-24``)."""
    return stored_at[:10]


def count_votes(transaction: TransactWrite, idea: IdeaModel, day: str, delta: int) -> None:
    """Add ``delta`` votes of ``day`` to the idea's counters, inside the vote's transaction."""
    for scope in (idea.product, EVERYWHERE):
        transaction.update(
            VoteDayModel(f"{scope}#{day}", idea.id),
            actions=[VoteDayModel.votes.add(delta), VoteDayModel.phase.set(idea.phase)],
        )


def recent_votes(now: datetime, days: int, product: str | None = None, phase: str | None = None) -> Counter[str]:
    """Votes per idea on the UTC day of ``now`` and the ``days - 1`` days before it."""
    scope = product if product is not None else EVERYWHERE
    condition = (VoteDayModel.phase == phase) if phase is not None else None
    counts: Counter[str] = Counter()
    for day in _days(now, days):
        for counter in VoteDayModel.query(f"{scope}#{day}", filter_condition=condition):
            if counter.votes > 0:
                counts[counter.idea_id] += int(counter.votes)
    return counts


def _days(now: datetime, days: int) -> Iterable[str]:
    today = now.date()
    return [(today - timedelta(days=back)).isoformat() for back in range(days)]
