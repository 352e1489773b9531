"""Give the ideas of a local store made before ``trend_rank`` existed their rank and day counters.

``make run`` keeps its store in ``DATA_DIR`` across code changes: ideas written by an older
version have no ``trend_rank`` and are missing from the trending indexes until they get one.
``devstack.prepare`` runs this before the API starts, so no vote races it; each idea is done in
one transaction conditioned on still having no rank, so running it again changes nothing.
A local-stack step only: it Scans, which no request path and no deployed function does.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from pynamodb.transactions import TransactWrite

from chalicelib.domain.ideas import TREND_WEIGHT
from chalicelib.domain.trending import in_window
from chalicelib.domain.vocabulary import TRENDING_WINDOW_DAYS
from chalicelib.store.models import IdeaModel, VoteDayModel, VoteModel
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, transact
from chalicelib.store.vote_days import day_of


def backfill_trend_ranks(now: datetime) -> int:
    """Rank every idea that has no ``trend_rank``; returns how many were ranked."""
    today = now.date()
    oldest = (today - timedelta(days=TRENDING_WINDOW_DAYS - 1)).isoformat()
    ranked = 0
    for idea in IdeaModel.scan(IdeaModel.trend_rank.does_not_exist()):
        votes = VoteModel.query(idea.id, filter_condition=VoteModel.created_at >= oldest, consistent_read=True)
        per_day = Counter(day for vote in votes if in_window(day := day_of(vote.created_at), today))
        if _rank(idea, per_day):
            ranked += 1
    return ranked


def _rank(idea: IdeaModel, per_day: Counter[str]) -> bool:
    def write(transaction: TransactWrite) -> None:
        transaction.update(
            idea,
            actions=[IdeaModel.trend_rank.set(int(idea.top_score) + sum(per_day.values()) * TREND_WEIGHT)],
            condition=IdeaModel.trend_rank.does_not_exist(),
        )
        for day, count in per_day.items():
            transaction.update(VoteDayModel(day, idea.id), actions=[VoteDayModel.votes.set(count)])

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            return False  # ranked meanwhile
        raise
    return True
