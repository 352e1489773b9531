"""Hide, restore and approve ideas and comments, and the moderation queue.

Nothing is deleted: hiding and restoring are state changes recorded in the history, and the
public counters (a product's ideas per phase, an idea's comments) follow what the public sees,
moved in the same transaction as the state change.
"""

from __future__ import annotations

from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import ConcurrentChange, InvalidTransition
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import OPEN, PENDING_MODERATION
from chalicelib.store.history import history_event
from chalicelib.store.models import CommentModel, HistoryModel, IdeaModel, ProductModel, QueueEntryModel
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, transact

QUEUE = "pending"
PUBLISHED = "published"


def queue_entry(kind: str, item_id: str, idea_id: str, reason: str, created_at: str) -> QueueEntryModel:
    return QueueEntryModel(
        queue=QUEUE,
        position=f"{created_at}#{kind}#{item_id}",
        kind=kind,
        item_id=item_id,
        idea_id=idea_id,
        reason=reason,
        created_at=created_at,
    )


def _queue_key(kind: str, item_id: str, created_at: str) -> QueueEntryModel:
    return QueueEntryModel(QUEUE, f"{created_at}#{kind}#{item_id}")


def list_queue(limit: int, start: LastKey | None) -> tuple[list[QueueEntryModel], LastKey | None]:
    return read_page(QueueEntryModel.query(QUEUE, last_evaluated_key=start, page_size=limit + 1), limit)


def _phase_count(idea: IdeaModel) -> object:
    return getattr(ProductModel.idea_counts, idea.phase)


def _commit_idea_change(
    idea: IdeaModel, actions: list[Action], events: list[HistoryModel], *, count_delta: int, dequeue: bool
) -> None:
    """One transaction: history events, leaving the queue, the idea, the product's count.

    The idea's update is conditioned on ``updated_at`` so that two moderators deciding at once
    cannot both apply (the second is told of the concurrent change and reloads).
    """

    def write(transaction: TransactWrite) -> None:
        if dequeue:
            transaction.delete(_queue_key("idea", idea.id, idea.created_at))
        for event in events:
            transaction.save(event)
        transaction.update(idea, actions=actions, condition=IdeaModel.updated_at == idea.updated_at)
        if count_delta:
            transaction.update(ProductModel(idea.product), actions=[_phase_count(idea).add(count_delta)])  # type: ignore[attr-defined]

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("the idea changed meanwhile; reload it and try again") from None
        raise


def hide_idea(idea: IdeaModel, moderator: Principal, reason: str, at: str) -> None:
    if idea.hidden:
        raise InvalidTransition("the idea is already hidden")
    held = idea.status == PENDING_MODERATION
    _commit_idea_change(
        idea,
        [IdeaModel.hidden.set(True), IdeaModel.updated_at.set(at)],
        [history_event(idea.id, moderator, "hidden", at, reason=reason)],
        count_delta=0 if held else -1,
        dequeue=held,
    )
    idea.hidden, idea.updated_at = True, at


def restore_idea(idea: IdeaModel, moderator: Principal, at: str) -> None:
    """Unhide a hidden idea, or approve a held one (it becomes ``open``)."""
    if idea.status == PENDING_MODERATION:
        _commit_idea_change(
            idea,
            [IdeaModel.status.set(OPEN), IdeaModel.hidden.set(False), IdeaModel.updated_at.set(at)],
            [
                history_event(
                    idea.id, moderator, "approved", at, before={"status": PENDING_MODERATION}, after={"status": OPEN}
                )
            ],
            count_delta=1,
            dequeue=True,
        )
        idea.status, idea.hidden, idea.updated_at = OPEN, False, at
        return
    if not idea.hidden:
        raise InvalidTransition("the idea is neither hidden nor held")
    _commit_idea_change(
        idea,
        [IdeaModel.hidden.set(False), IdeaModel.updated_at.set(at)],
        [history_event(idea.id, moderator, "restored", at)],
        count_delta=1,
        dequeue=False,
    )
    idea.hidden, idea.updated_at = False, at


def get_comment(comment_id: str) -> CommentModel | None:
    return next(iter(CommentModel.by_id.query(comment_id, limit=1)), None)


def _commit_comment_change(
    comment: CommentModel, actions: list[Action], event: HistoryModel, *, count_delta: int, dequeue: bool
) -> None:
    def write(transaction: TransactWrite) -> None:
        if dequeue:
            transaction.delete(_queue_key("comment", comment.id, comment.created_at))
        transaction.save(event)
        transaction.update(
            comment,
            actions=actions,
            condition=(CommentModel.hidden == comment.hidden) & (CommentModel.status == comment.status),
        )
        if count_delta:
            transaction.update(IdeaModel(comment.idea_id), actions=[IdeaModel.comment_count.add(count_delta)])

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("the comment changed meanwhile; reload it and try again") from None
        raise


def hide_comment(comment: CommentModel, moderator: Principal, reason: str, at: str) -> None:
    if comment.hidden:
        raise InvalidTransition("the comment is already hidden")
    held = comment.status == PENDING_MODERATION
    _commit_comment_change(
        comment,
        [CommentModel.hidden.set(True)],
        history_event(
            comment.idea_id, moderator, "comment_hidden", at, reason=reason, after={"comment_id": comment.id}
        ),
        count_delta=0 if held else -1,
        dequeue=held,
    )
    comment.hidden = True


def restore_comment(comment: CommentModel, moderator: Principal, at: str) -> None:
    """Unhide a hidden comment, or approve a held one."""
    held = comment.status == PENDING_MODERATION
    if not held and not comment.hidden:
        raise InvalidTransition("the comment is neither hidden nor held")
    _commit_comment_change(
        comment,
        [CommentModel.hidden.set(False), CommentModel.status.set(PUBLISHED)],
        history_event(
            comment.idea_id,
            moderator,
            "comment_approved" if held else "comment_restored",
            at,
            after={"comment_id": comment.id},
        ),
        count_delta=1,
        dequeue=held,
    )
    comment.hidden, comment.status = False, PUBLISHED
