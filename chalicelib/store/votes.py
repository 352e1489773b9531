"""Votes: one item per (idea, user), and the idea's counter moved in the same transaction.

``vote_count`` equals the number of vote items under any concurrency and any retry: the vote
item is written only if absent (deleted only if present) and the counter moves in the same
transaction, so a duplicate or retried request changes nothing. DynamoDB cancels concurrent
transactions on one item with ``TransactionConflict``; those are retried (``store.transactions``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pynamodb.transactions import TransactWrite

from chalicelib.clock import to_storage
from chalicelib.domain.errors import ClosedToVotes, IdeaNotFound
from chalicelib.domain.ideas import VOTE_WEIGHT
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import IdeaModel, VoteModel
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, retrying, transact

MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class VoteOutcome:
    idea_id: str
    vote_count: int
    voted: bool


def new_vote(idea: IdeaModel, user_id: str, created_at: str) -> VoteModel:
    """The vote item of ``user_id`` on ``idea``, with the copies of the idea's board that the
    trending and report indexes need."""
    day = created_at[:10]
    return VoteModel(
        idea_id=idea.id,
        user_id=user_id,
        created_at=created_at,
        day=day,
        product_day=f"{idea.product}#{day}",
        product=idea.product,
        phase=idea.phase,
    )


def add_vote(idea_id: str, user_id: str, at: datetime) -> VoteOutcome:
    """Vote for an idea; voting twice is harmless."""
    stored_at = to_storage(at)

    def write(transaction: TransactWrite, idea: IdeaModel) -> None:
        transaction.save(new_vote(idea, user_id, stored_at), condition=VoteModel.user_id.does_not_exist())
        transaction.update(
            idea,
            actions=[IdeaModel.vote_count.add(1), IdeaModel.top_score.add(VOTE_WEIGHT)],
            condition=IdeaModel.id.exists()
            & (IdeaModel.status != MERGED)
            & (IdeaModel.status != PENDING_MODERATION)
            & (IdeaModel.hidden == False),  # noqa: E712 - builds a condition
        )

    return _change_vote(idea_id, user_id, write, voted=True)


def remove_vote(idea_id: str, user_id: str) -> VoteOutcome:
    """Take a vote back; taking back a vote that does not exist is harmless."""

    def write(transaction: TransactWrite, idea: IdeaModel) -> None:
        transaction.delete(VoteModel(idea_id, user_id), condition=VoteModel.user_id.exists())
        transaction.update(
            idea,
            actions=[IdeaModel.vote_count.add(-1), IdeaModel.top_score.add(-VOTE_WEIGHT)],
            condition=IdeaModel.id.exists(),
        )

    return _change_vote(idea_id, user_id, write, voted=False)


def _change_vote(
    idea_id: str, user_id: str, write: Callable[[TransactWrite, IdeaModel], None], voted: bool
) -> VoteOutcome:
    """Run a vote transaction, retried while it conflicts, and report the resulting count.

    The reads it needs: the idea before (is it votable, and its board for the vote item) and
    after (the count to return). The second one is strongly consistent so the voter sees its
    own vote counted. When a condition failed, the vote is read again to tell "already in the
    wanted state" (harmless: the request is idempotent) from "the idea cannot take votes".
    """
    idea = _votable_idea(idea_id, voted)
    try:
        retrying(
            lambda: transact(lambda transaction: write(transaction, idea)),
            attempts=MAX_ATTEMPTS,
            exhausted="too many simultaneous votes on this idea; try again",
        )
    except Cancelled as cancelled:
        if not cancelled.because(CONDITION_FAILED):
            raise
        if _has_voted(idea_id, user_id) != voted:
            _votable_idea(idea_id, voted)  # raises the precise IdeaNotFound / ClosedToVotes
            raise ClosedToVotes("the idea cannot take votes right now") from None
    current = get_idea(idea_id, consistent=True)
    if current is None:
        raise IdeaNotFound("idea not found")
    return VoteOutcome(idea_id=idea_id, vote_count=int(current.vote_count), voted=voted)


def _has_voted(idea_id: str, user_id: str) -> bool:
    return bool(_existing_votes([(idea_id, user_id)], consistent=True))


def _votable_idea(idea_id: str, voting: bool) -> IdeaModel:
    idea = get_idea(idea_id, consistent=True)
    if idea is None or idea.hidden or idea.status == PENDING_MODERATION:
        raise IdeaNotFound("idea not found")
    if voting and idea.status == MERGED:
        raise ClosedToVotes(f"this idea was merged into {idea.merged_into}; vote there instead")
    return idea


def voted_ideas(user_id: str, idea_ids: Iterable[str]) -> set[str]:
    """Which of these ideas the user has voted for, in one batch read (per 100 ideas)."""
    return {vote.idea_id for vote in _existing_votes([(idea_id, user_id) for idea_id in dict.fromkeys(idea_ids)])}


def voted_ideas_of_users(idea_id: str, user_ids: Iterable[str]) -> set[str]:
    """Which of these users have voted for the idea (strongly consistent: merges decide on it)."""
    keys = [(idea_id, user_id) for user_id in dict.fromkeys(user_ids)]
    return {vote.user_id for vote in _existing_votes(keys, consistent=True)}


def _existing_votes(keys: list[tuple[str, str]], consistent: bool = False) -> list[VoteModel]:
    found: list[VoteModel] = []
    for start in range(0, len(keys), 100):
        found.extend(VoteModel.batch_get(keys[start : start + 100], consistent_read=consistent))
    return found


def recent_vote_counts(
    now: datetime, window: timedelta, product: str | None = None, phase: str | None = None
) -> Counter[str]:
    """Votes per idea cast in the window before ``now``: the ``trending`` ranking."""
    since = to_storage(now - window)
    condition = (VoteModel.phase == phase) if phase is not None else None
    counts: Counter[str] = Counter()
    day = (now - window).date()
    while day <= now.date():
        # A board reads its product's partitions only; the portal-wide list reads every vote.
        votes = (
            VoteModel.by_product_day.query(
                f"{product}#{day.isoformat()}", VoteModel.created_at >= since, filter_condition=condition
            )
            if product is not None
            else VoteModel.by_day.query(day.isoformat(), VoteModel.created_at >= since, filter_condition=condition)
        )
        for vote in votes:
            counts[vote.idea_id] += 1
        day += timedelta(days=1)
    return counts


def count_votes_by(user_id: str) -> int:
    return VoteModel.by_user.count(user_id)
