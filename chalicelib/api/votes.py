"""Voting: ``PUT`` and ``DELETE /ideas/{id}/vote``, both idempotent."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.request import signed_in
from chalicelib.api.routing import endpoint
from chalicelib.clock import utc_now
from chalicelib.errors import NotFoundError
from chalicelib.store.votes import VoteOutcome, add_vote, remove_vote

blueprint = Blueprint(__name__)

MAX_ID_LENGTH = 64


def _render(outcome: VoteOutcome) -> dict[str, Any]:
    return {"idea_id": outcome.idea_id, "vote_count": outcome.vote_count, "voted": outcome.voted}


@endpoint(blueprint, "/ideas/{idea_id}/vote", "PUT")
def vote(idea_id: str) -> dict[str, Any]:
    voter = signed_in(blueprint.current_request)
    if len(idea_id) > MAX_ID_LENGTH:
        raise NotFoundError("idea not found")
    return _render(add_vote(idea_id, voter.id, utc_now()))


@endpoint(blueprint, "/ideas/{idea_id}/vote", "DELETE")
def unvote(idea_id: str) -> dict[str, Any]:
    voter = signed_in(blueprint.current_request)
    if len(idea_id) > MAX_ID_LENGTH:
        raise NotFoundError("idea not found")
    return _render(remove_vote(idea_id, voter.id))
