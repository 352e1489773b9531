"""Votes: one item per (idea, user), and the idea's counter moved in the same transaction.

``vote_count`` equals the number of vote items under any concurrency and any retry: the vote
item is written only if absent (deleted only if present) and the counter moves in the same
transaction, so a duplicate or retried request changes nothing. DynamoDB cancels concurrent
transactions on one item with ``TransactionConflict``; those are retried (``store.transactions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from pynamodb.transactions import TransactWrite

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.errors import ClosedToVotes, IdeaNotFound
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import IdeaModel, VoteModel
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, retrying, transact
from chalicelib.store.vote_days import Tally, day_of, day_swept, idea_actions

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

    def write(transaction: TransactWrite, idea: IdeaModel, counted: bool) -> None:
        tally = Tally(day_of(stored_at), 1, utc_now().date(), counted)
        transaction.save(new_vote(idea, user_id, stored_at), condition=VoteModel.user_id.does_not_exist())
        transaction.update(
            idea,
            actions=idea_actions([tally]),
            condition=IdeaModel.id.exists()
            & (IdeaModel.status != MERGED)
            & (IdeaModel.status != PENDING_MODERATION)
            & (IdeaModel.hidden == False),  # noqa: E712 - builds a condition
        )
        tally.add_day_counter(transaction, idea.id)

    return _change_vote(idea_id, user_id, write, voted=True, day=day_of(stored_at))


def remove_vote(idea_id: str, user_id: str) -> VoteOutcome:
    """Take a vote back; taking back a vote that does not exist is harmless.

    The vote is read first for its day, whose counter goes down with it; the delete is
    conditioned on that day, so a vote cast again meanwhile is never taken from the wrong day.
    """
    try:
        vote: VoteModel | None = VoteModel.get(idea_id, user_id, consistent_read=True)
    except VoteModel.DoesNotExist:
        vote = None
    if vote is None:
        idea = _votable_idea(idea_id, voting=False)
        return VoteOutcome(idea_id=idea_id, vote_count=int(idea.vote_count), voted=False)
    cast = vote

    def write(transaction: TransactWrite, idea: IdeaModel, counted: bool) -> None:
        tally = Tally(day_of(cast.created_at), -1, utc_now().date(), counted)
        transaction.delete(cast, condition=VoteModel.created_at == cast.created_at)
        transaction.update(idea, actions=idea_actions([tally]), condition=IdeaModel.id.exists())
        tally.add_day_counter(transaction, idea.id)

    return _change_vote(idea_id, user_id, write, voted=False, day=day_of(cast.created_at))


def _change_vote(
    idea_id: str, user_id: str, write: Callable[[TransactWrite, IdeaModel, bool], None], voted: bool, day: str
) -> VoteOutcome:
    """Run a vote transaction, retried while it conflicts, and report the resulting count.

    The reads it needs: the idea before (is it votable, and its board for the vote item) and
    after (the count to return). The second one is strongly consistent so the voter sees its
    own vote counted. When a condition failed, the items are read again to tell a trending day
    swept meanwhile (the vote is then written again as outside the window), "already in the
    wanted state" (harmless: the request is idempotent) and "the idea cannot take votes".
    """
    idea = _votable_idea(idea_id, voted)
    counted = True
    while True:
        try:
            retrying(
                partial(transact, partial(_bound, write, idea, counted)),
                attempts=MAX_ATTEMPTS,
                exhausted="too many simultaneous votes on this idea; try again",
            )
        except Cancelled as cancelled:
            if not cancelled.because(CONDITION_FAILED):
                raise
            if counted and day_swept(day, idea_id):
                counted = False
                continue
            if _has_voted(idea_id, user_id) != voted:
                _votable_idea(idea_id, voted)  # raises the precise IdeaNotFound / ClosedToVotes
                raise ClosedToVotes("the idea cannot take votes right now") from None
        break
    current = get_idea(idea_id, consistent=True)
    if current is None:
        raise IdeaNotFound("idea not found")
    return VoteOutcome(idea_id=idea_id, vote_count=int(current.vote_count), voted=voted)


def _bound(
    write: Callable[[TransactWrite, IdeaModel, bool], None], idea: IdeaModel, counted: bool, transaction: TransactWrite
) -> None:
    write(transaction, idea, counted)


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


def count_votes_by(user_id: str) -> int:
    return VoteModel.by_user.count(user_id)
