"""Voting: ``PUT`` and ``DELETE /ideas/{id}/vote``, both idempotent."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import SIGNED_IN, Call, endpoint
from chalicelib.clock import utc_now
from chalicelib.domain.errors import IdeaNotFound
from chalicelib.services import following
from chalicelib.store.votes import VoteOutcome, add_vote, remove_vote

blueprint = Blueprint(__name__)

MAX_ID_LENGTH = 64


def _render(outcome: VoteOutcome) -> dict[str, Any]:
    return {"idea_id": outcome.idea_id, "vote_count": outcome.vote_count, "voted": outcome.voted}


@endpoint(
    blueprint,
    "/ideas/{idea_id}/vote",
    "PUT",
    summary="Vote for an idea (idempotent)",
    access=SIGNED_IN,
    response="VoteResultSchema",
    errors=(404, 409),
    tag="votes",
)
def vote(call: Call, idea_id: str) -> dict[str, Any]:
    if len(idea_id) > MAX_ID_LENGTH:
        raise IdeaNotFound()
    outcome = add_vote(idea_id, call.user.id, utc_now())
    following.engaged(idea_id, call.user.id)  # after the vote stands: a refused vote follows nothing
    return _render(outcome)


@endpoint(
    blueprint,
    "/ideas/{idea_id}/vote",
    "DELETE",
    summary="Take a vote back (idempotent)",
    access=SIGNED_IN,
    response="VoteResultSchema",
    errors=(404,),
    tag="votes",
)
def unvote(call: Call, idea_id: str) -> dict[str, Any]:
    if len(idea_id) > MAX_ID_LENGTH:
        raise IdeaNotFound()
    return _render(remove_vote(idea_id, call.user.id))
