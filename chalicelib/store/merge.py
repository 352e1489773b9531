"""Merging a duplicate idea into another without losing a vote.

The source becomes ``merged`` (so it takes no new votes) in one transaction; then each of its
voters who has not voted the target gets a vote on the target, in chunked transactions whose
vote items are conditional. Every step is idempotent, so a merge cut off half-way is finished
by simply asking for it again.
"""

from __future__ import annotations

from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import ConcurrentChange, InvalidTransition
from chalicelib.domain.ideas import VOTE_WEIGHT
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
from chalicelib.store.history import history_event
from chalicelib.store.models import IdeaModel, VoteModel
from chalicelib.store.notices import new_notice
from chalicelib.store.transactions import CONDITION_FAILED, CONFLICT, Cancelled, retrying, transact
from chalicelib.store.votes import new_vote, voted_ideas_of_users

# Puts per transaction (DynamoDB allows 100 actions; one more is the counter update).
CHUNK = 50
MAX_ATTEMPTS = 8


def merge_idea(source: IdeaModel, target: IdeaModel, actor: Principal, at: str) -> None:
    if source.id == target.id:
        raise InvalidTransition("an idea cannot be merged into itself")
    if target.status == MERGED:
        raise InvalidTransition(f"the target was itself merged into {target.merged_into}; merge into that one")
    for idea in (source, target):
        if idea.hidden or idea.status == PENDING_MODERATION:
            raise InvalidTransition("hidden or held ideas cannot take part in a merge")
    if source.status == MERGED and source.merged_into != target.id:
        raise InvalidTransition(f"the idea was already merged into {source.merged_into}")
    if source.status != MERGED:
        _mark_merged(source, target, actor, at)
    _move_votes(source.id, target)


def _mark_merged(source: IdeaModel, target: IdeaModel, actor: Principal, at: str) -> None:
    def write(transaction: TransactWrite) -> None:
        transaction.condition_check(
            IdeaModel, target.id, condition=IdeaModel.id.exists() & (IdeaModel.status != MERGED)
        )
        transaction.save(
            history_event(
                source.id, actor, "merged", at, before={"status": source.status}, after={"merged_into": target.id}
            )
        )
        transaction.save(history_event(target.id, actor, "merge_received", at, after={"merged_from": source.id}))
        transaction.save(new_notice("merged", source, actor, at, merged_into=target.id))
        transaction.update(
            source,
            actions=[IdeaModel.status.set(MERGED), IdeaModel.merged_into.set(target.id), IdeaModel.updated_at.set(at)],
            condition=IdeaModel.updated_at == source.updated_at,
        )

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("one of the ideas changed meanwhile; reload and try again") from None
        raise
    source.status, source.merged_into, source.updated_at = MERGED, target.id, at


def _move_votes(source_id: str, target: IdeaModel) -> None:
    """Give the target a vote from each voter of the source who has not voted it yet.

    Each chunk is retried when a voter voted the target meanwhile (its condition failed) or a
    concurrent vote conflicted: the attempt reads again who is still missing.
    """
    source_votes = list(VoteModel.query(source_id, consistent_read=True))
    for start in range(0, len(source_votes), CHUNK):
        chunk = source_votes[start : start + CHUNK]

        def attempt(chunk: list[VoteModel] = chunk) -> None:
            already = voted_ideas_of_users(target.id, [vote.user_id for vote in chunk])
            missing = [vote for vote in chunk if vote.user_id not in already]
            if missing:
                transact(lambda transaction: _add_votes(transaction, target, missing))

        retrying(
            attempt,
            attempts=MAX_ATTEMPTS,
            retry_on=frozenset({CONDITION_FAILED, CONFLICT}),
            exhausted="the merge could not finish moving votes; ask for it again",
        )


def _add_votes(transaction: TransactWrite, target: IdeaModel, votes: list[VoteModel]) -> None:
    for vote in votes:
        transaction.save(new_vote(target, vote.user_id, vote.created_at), condition=VoteModel.user_id.does_not_exist())
    transaction.update(
        target,
        actions=[IdeaModel.vote_count.add(len(votes)), IdeaModel.top_score.add(len(votes) * VOTE_WEIGHT)],
    )
