"""Notices for the followers of an idea: recorded with the change, delivered later."""

from __future__ import annotations

import uuid

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.update import Action

from chalicelib.domain.roles import Principal
from chalicelib.store.models import DeliveryModel, IdeaModel, NoticeModel
from chalicelib.store.paging import LastKey, read_page

PENDING = "yes"
FAILED = "yes"
# Enough of an SMTP or SES error to act on, without storing a whole stack of them.
MAX_REASON = 1000


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
        due=at,
    )


def pending_notices(limit: int = 50) -> list[NoticeModel]:
    """Pending notices whenever due (the demo seed marks its past ones delivered)."""
    return list(NoticeModel.due_notices.query(PENDING, limit=limit))


def due_notices(now: str, limit: int = 50) -> list[NoticeModel]:
    """Pending notices whose next attempt has come, soonest due first."""
    return list(NoticeModel.due_notices.query(PENDING, NoticeModel.due <= now, limit=limit))


def mark_delivered(notice: NoticeModel) -> None:
    """Every follower was reached: the notice leaves the sparse pending index."""
    notice.update(actions=[NoticeModel.pending.remove()])


def postpone(notice: NoticeModel, until: str) -> None:
    """Another worker holds one of its deliveries: look again once that claim may have expired."""
    _update_pending(notice, [NoticeModel.due.set(until)])


def record_failure(notice: NoticeModel, reason: str, retry_at: str | None, at: str) -> None:
    """A run failed to deliver it: retry at ``retry_at``, or, with None, park it for an admin
    (it leaves the pending index for the sparse failed one; its deliveries keep their record)."""
    actions: list[Action] = [NoticeModel.attempts.add(1), NoticeModel.last_error.set(reason[:MAX_REASON])]
    if retry_at is not None:
        actions.append(NoticeModel.due.set(retry_at))
    else:
        actions += [NoticeModel.pending.remove(), NoticeModel.failed.set(FAILED), NoticeModel.failed_at.set(at)]
    _update_pending(notice, actions)


def _update_pending(notice: NoticeModel, actions: list[Action]) -> None:
    """Update a notice that is still pending; one that another worker finished or parked
    meanwhile is left as that worker left it."""
    try:
        notice.update(actions=actions, condition=NoticeModel.pending.exists())
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def failed_notices(limit: int, start: LastKey | None) -> tuple[list[NoticeModel], LastKey | None]:
    """Parked notices, most recently parked first."""
    results = NoticeModel.failed_notices.query(
        FAILED, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
    )
    return read_page(results, limit)


def get_delivery(notice_id: str, user_id: str) -> DeliveryModel | None:
    try:
        return DeliveryModel.get(notice_id, user_id, consistent_read=True)
    except DeliveryModel.DoesNotExist:
        return None
