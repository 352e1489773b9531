"""Comments of an idea, oldest first; creating one moves the idea's counter in the same transaction."""

from __future__ import annotations

import uuid

from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import IdeaNotFound
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import PENDING_MODERATION
from chalicelib.store.history import history_event
from chalicelib.store.models import CommentModel, IdeaModel
from chalicelib.store.moderation import PUBLISHED, queue_entry
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, transact


def create_comment(
    idea: IdeaModel, author: Principal, body: str, at: str, held_reason: str | None = None
) -> CommentModel:
    """Store a comment. One the moderation filter flagged (``held_reason``) waits in the queue:
    it is not listed nor counted until a moderator approves it."""
    comment_id = uuid.uuid4().hex
    comment = CommentModel(
        idea_id=idea.id,
        position=f"{at}#{comment_id}",
        id=comment_id,
        body=body,
        author_id=author.id,
        author_name=author.name,
        official=author.is_official,
        phase=idea.phase,
        status=PENDING_MODERATION if held_reason else PUBLISHED,
        held_reason=held_reason,
        created_at=at,
    )
    # The idea's history holds its comments' text too: one place where a moderator reads
    # everything ever published about an idea.
    event = history_event(idea.id, author, "commented", at, after={"comment_id": comment_id, "body": body})
    commentable = (
        IdeaModel.id.exists()
        & (IdeaModel.hidden == False)  # noqa: E712 - builds a condition
        & (IdeaModel.status != PENDING_MODERATION)
    )

    def write(transaction: TransactWrite) -> None:
        transaction.save(comment, condition=CommentModel.position.does_not_exist())
        transaction.save(event)
        if held_reason:
            transaction.save(queue_entry("comment", comment_id, idea.id, held_reason, at))
            transaction.condition_check(IdeaModel, idea.id, condition=commentable)
        else:
            actions: list[Action] = [IdeaModel.comment_count.add(1)]
            if author.is_official:
                actions.append(IdeaModel.first_response_at.set(IdeaModel.first_response_at | at))
            transaction.update(idea, actions=actions, condition=commentable)

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise IdeaNotFound("idea not found") from None
        raise
    return comment


def list_comments(
    idea_id: str, limit: int, start: LastKey | None, reader_id: str | None = None
) -> tuple[list[CommentModel], LastKey | None]:
    """Published comments, oldest first; their author also sees its own held ones."""
    visible = CommentModel.status == PUBLISHED
    if reader_id is not None:
        visible |= CommentModel.author_id == reader_id
    results = CommentModel.query(
        idea_id,
        filter_condition=(CommentModel.hidden == False) & visible,  # noqa: E712 - builds a condition
        last_evaluated_key=start,
        page_size=limit + 1,
    )
    return read_page(results, limit)


def count_comments_by(user_id: str) -> int:
    return CommentModel.by_author.count(user_id)
