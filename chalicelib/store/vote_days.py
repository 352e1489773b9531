"""Trending as an index order: each idea's ``trend_rank`` holds the votes of the window.

Reading every vote of the last week on each request made a trending page cost as much as the
community's activity. Instead, a vote inside the window adds to its idea's ``trend_rank``
(``TREND_WEIGHT`` per vote, on top of ``top_score``) and to a per-day counter, in the vote's own
transaction; ``expire_days`` later takes each day that left the window off the ranks, once. A
trending page is then one Query of ``product_trend`` or ``every_trend``, like ``top``.

Each day counter is conditioned on not being swept yet: a vote that lands on a day the sweep
already took off is cancelled and retried as outside the window, so a rank never counts a vote
twice nor forgets one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.domain.ideas import TREND_WEIGHT, VOTE_WEIGHT
from chalicelib.domain.trending import first_day_out, in_window
from chalicelib.store.models import IdeaModel, VoteDayModel
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, retrying, transact

# How far back a sweep looks for days left unswept (a sweeper that was down for a while).
SWEEP_LOOKBACK_DAYS = 30
SWEEP_ATTEMPTS = 5


def day_of(stored_at: str) -> str:
    """The UTC day of a stored timestamp (``2026-11-24T21:05:00Z`` → ``2026-11-24``)."""
    return stored_at[:10]


class Tally:
    """What ``delta`` votes cast on ``day`` change, to add to a vote's transaction."""

    def __init__(self, day: str, delta: int, today: date, counted: bool = True) -> None:
        self.day, self.delta = day, delta
        self.recent = counted and in_window(day, today)

    @property
    def trend(self) -> int:
        return self.delta * (VOTE_WEIGHT + (TREND_WEIGHT if self.recent else 0))

    def add_day_counter(self, transaction: TransactWrite, idea_id: str) -> None:
        """The day counter, only for a day inside the window, and only while it is not swept."""
        if self.recent:
            transaction.update(
                VoteDayModel(self.day, idea_id),
                actions=[VoteDayModel.votes.add(self.delta)],
                condition=VoteDayModel.swept.does_not_exist(),
            )


def idea_actions(tallies: list[Tally]) -> list[Action]:
    """The idea's ``vote_count``, ``top_score`` and ``trend_rank`` moves for these tallies, as one
    set of actions (an update may name each attribute once)."""
    votes = sum(tally.delta for tally in tallies)
    return [
        IdeaModel.vote_count.add(votes),
        IdeaModel.top_score.add(votes * VOTE_WEIGHT),
        IdeaModel.trend_rank.add(sum(tally.trend for tally in tallies)),
    ]


def day_swept(day: str, idea_id: str) -> bool:
    """Whether the sweep already took ``day`` off the idea's rank (a vote transaction that moved
    that day's counter was cancelled: it is written again as outside the window)."""
    try:
        return bool(VoteDayModel.get(day, idea_id, consistent_read=True).swept)
    except VoteDayModel.DoesNotExist:
        return False


def expire_days(now: datetime) -> int:
    """Take every day that left the window off the ideas' ranks; returns the counters swept.

    Idempotent and safe to run concurrently: each (day, idea) counter is marked swept in the
    same transaction that lowers the idea's rank, on the condition that it was not swept yet.
    Run by the nightly job and the local worker; a late run only makes trending count a day more.
    """
    swept = 0
    for day in _days_out(now.date()):
        for counter in VoteDayModel.query(day, filter_condition=VoteDayModel.swept.does_not_exist()):
            if _sweep(counter):
                swept += 1
    return swept


def _days_out(today: date) -> Iterator[str]:
    newest = first_day_out(today)
    for back in range(SWEEP_LOOKBACK_DAYS):
        yield (newest - timedelta(days=back)).isoformat()


def _sweep(counter: VoteDayModel) -> bool:
    def write(transaction: TransactWrite) -> None:
        transaction.update(
            counter, actions=[VoteDayModel.swept.set(True)], condition=VoteDayModel.swept.does_not_exist()
        )
        transaction.update(
            IdeaModel(counter.idea_id),
            actions=[IdeaModel.trend_rank.add(-int(counter.votes) * TREND_WEIGHT)],
            condition=IdeaModel.id.exists(),
        )

    try:
        retrying(lambda: transact(write), attempts=SWEEP_ATTEMPTS)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            return False  # another sweeper took it
        raise
    return True
