"""Merging a duplicate idea into another without losing a vote.

The source becomes ``merged`` (so it takes no new votes) in one transaction; then each of its
voters who has not voted the target gets a vote on the target, in chunked transactions whose
vote items are conditional. Every step is idempotent, so a merge cut off half-way is finished
by simply asking for it again.
"""

from __future__ import annotations

import random
import time

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import ConcurrentChange, InvalidTransition, StoreUnavailable
from chalicelib.domain.ideas import VOTE_WEIGHT
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION
from chalicelib.store.base import transaction_connection
from chalicelib.store.failures import cancellation_codes
from chalicelib.store.history import history_event
from chalicelib.store.models import IdeaModel, VoteModel
from chalicelib.store.notices import new_notice
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
    try:
        with TransactWrite(connection=transaction_connection()) as transaction:
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
                actions=[
                    IdeaModel.status.set(MERGED),
                    IdeaModel.merged_into.set(target.id),
                    IdeaModel.updated_at.set(at),
                ],
                condition=IdeaModel.updated_at == source.updated_at,
            )
    except TransactWriteError as error:
        if "ConditionalCheckFailed" in cancellation_codes(error):
            raise ConcurrentChange("one of the ideas changed meanwhile; reload and try again") from None
        raise
    source.status, source.merged_into, source.updated_at = MERGED, target.id, at


def _move_votes(source_id: str, target: IdeaModel) -> None:
    """Give the target a vote from each voter of the source who has not voted it yet."""
    source_votes = list(VoteModel.query(source_id, consistent_read=True))
    for start in range(0, len(source_votes), CHUNK):
        chunk = source_votes[start : start + CHUNK]
        for attempt in range(MAX_ATTEMPTS):
            already = voted_ideas_of_users(target.id, [vote.user_id for vote in chunk])
            missing = [vote for vote in chunk if vote.user_id not in already]
            if not missing:
                break
            try:
                _add_votes(target, missing)
                break
            except TransactWriteError as error:
                # A voter voted the target meanwhile (recheck) or a concurrent vote conflicted.
                codes = set(cancellation_codes(error))
                if not codes & {"ConditionalCheckFailed", "TransactionConflict"}:
                    raise
                time.sleep(random.uniform(0, 0.01 * 2**attempt))  # noqa: S311 - jitter, not crypto
        else:
            raise StoreUnavailable("the merge could not finish moving votes; ask for it again")


def _add_votes(target: IdeaModel, votes: list[VoteModel]) -> None:
    with TransactWrite(connection=transaction_connection()) as transaction:
        for vote in votes:
            transaction.save(
                new_vote(target, vote.user_id, vote.created_at),
                condition=VoteModel.user_id.does_not_exist(),
            )
        transaction.update(
            target,
            actions=[
                IdeaModel.vote_count.add(len(votes)),
                IdeaModel.top_score.add(len(votes) * VOTE_WEIGHT),
            ],
        )
