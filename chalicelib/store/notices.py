"""Notices for the followers of an idea: recorded with the change, delivered later."""

from __future__ import annotations

import uuid

from chalicelib.domain.roles import Principal
from chalicelib.store.models import CommentModel, DeliveryModel, IdeaModel, NoticeModel, VoteModel

PENDING = "yes"


def new_notice(
    kind: str,
    idea: IdeaModel,
    actor: Principal,
    at: str,
    *,
    status: str | None = None,
    response: str | None = None,
    merged_into: str | None = None,
) -> NoticeModel:
    """A notice to save in the same transaction as the change it announces."""
    return NoticeModel(
        id=uuid.uuid4().hex,
        kind=kind,
        idea_id=idea.id,
        idea_title=idea.title,
        actor_id=actor.id,
        at=at,
        status=status,
        response=response,
        merged_into=merged_into,
        pending=PENDING,
    )


def pending_notices(limit: int = 50) -> list[NoticeModel]:
    return list(NoticeModel.pending_notices.query(PENDING, limit=limit))


def mark_delivered(notice: NoticeModel) -> None:
    """Every follower was reached: the notice leaves the sparse pending index."""
    notice.update(actions=[NoticeModel.pending.remove()])


def followers(idea_id: str, author_id: str) -> list[str]:
    """Author, voters and commenters of an idea, each once, in a stable order."""
    people = [author_id]
    people += [vote.user_id for vote in VoteModel.query(idea_id)]
    people += [comment.author_id for comment in CommentModel.query(idea_id)]
    return list(dict.fromkeys(people))


def get_delivery(notice_id: str, user_id: str) -> DeliveryModel | None:
    try:
        return DeliveryModel.get(notice_id, user_id, consistent_read=True)
    except DeliveryModel.DoesNotExist:
        return None
