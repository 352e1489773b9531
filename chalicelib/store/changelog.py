"""Release notes: publishing one marks its ideas ``done`` with their history, all or nothing.

DynamoDB takes at most 100 actions per transaction. A note, its notice and its webhook event
plus two actions per idea fit for up to 48 ideas that change; above that the note is written
unlisted in a first transaction (with a condition check on every idea left for the second), and
listed by the second, which marks the remaining ideas. A reader never sees a note whose ideas
are not all ``done``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pynamodb.expressions.condition import Condition
from pynamodb.transactions import TransactWrite

from chalicelib.clock import to_api
from chalicelib.domain.changelog import DONE
from chalicelib.domain.errors import ConcurrentChange
from chalicelib.domain.roles import Principal
from chalicelib.domain.webhooks import CHANGELOG_PUBLISHED
from chalicelib.store.history import history_event
from chalicelib.store.loop_models import ReleaseNoteModel, WebhookEventModel
from chalicelib.store.models import IdeaModel, NoticeModel
from chalicelib.store.notices import PENDING as NOTICE_PENDING
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, transact
from chalicelib.store.webhook_events import idea_data, public_event

FEED = "changelog"
MAX_TRANSACTION_ACTIONS = 100


@dataclass(frozen=True)
class _Step:
    """What publishing does to one linked idea: mark it done, or (already done) check it stays so."""

    idea: IdeaModel

    @property
    def changes(self) -> bool:
        return self.idea.status != DONE

    @property
    def size(self) -> int:
        return 2 if self.changes else 1

    @property
    def unchanged(self) -> Condition:
        condition: Condition = (IdeaModel.status == self.idea.status) & (IdeaModel.hidden == False)  # noqa: E712
        return condition


def publish(
    author: Principal, title: str, body: str, product: str, ideas: Sequence[IdeaModel], at: str
) -> ReleaseNoteModel:
    """Store the note, mark ``ideas`` done (each change in its history), and record one notice
    for their followers and one public event. The caller checked ``ideas``; an idea that
    changed since then is a ``ConcurrentChange`` with nothing written."""
    note = ReleaseNoteModel(
        id=uuid.uuid4().hex,
        title=title,
        body=body,
        product=product,
        author_id=author.id,
        author_name=author.name,
        published_at=at,
        idea_ids=[idea.id for idea in ideas],
    )
    steps = [_Step(idea) for idea in ideas]
    notice, event = _notice(note), _event(note, ideas)
    if 3 + sum(step.size for step in steps) <= MAX_TRANSACTION_ACTIONS:
        note.feed, note.listed_product = FEED, product

        def everything(transaction: TransactWrite) -> None:
            _mark_done(transaction, steps, note.id, author, at)
            transaction.save(note, condition=ReleaseNoteModel.id.does_not_exist())
            transaction.save(notice)
            transaction.save(event)

        _commit(everything)
        return note
    # The first step holds the note (unlisted), as many ideas as fit, and a check of every
    # other idea, so that it commits only if the second step can commit too.
    first: list[_Step] = []
    rest = list(steps)
    while rest and 1 + sum(s.size for s in first) + rest[0].size + len(rest) - 1 <= MAX_TRANSACTION_ACTIONS:
        first.append(rest.pop(0))

    def first_step(transaction: TransactWrite) -> None:
        _check(transaction, rest)
        _mark_done(transaction, first, note.id, author, at)
        transaction.save(note, condition=ReleaseNoteModel.id.does_not_exist())

    def second_step(transaction: TransactWrite) -> None:
        _mark_done(transaction, rest, note.id, author, at)
        transaction.save(notice)
        transaction.save(event)
        transaction.update(
            note, actions=[ReleaseNoteModel.feed.set(FEED), ReleaseNoteModel.listed_product.set(product)]
        )

    _commit(first_step)
    _commit(second_step)
    note.feed, note.listed_product = FEED, product
    return note


def _commit(write: Callable[[TransactWrite], None]) -> None:
    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("a linked idea changed meanwhile; reload the ideas and try again") from None
        raise


def _check(transaction: TransactWrite, steps: list[_Step]) -> None:
    for step in steps:
        transaction.condition_check(IdeaModel, step.idea.id, condition=step.unchanged)


def _mark_done(transaction: TransactWrite, steps: list[_Step], note_id: str, author: Principal, at: str) -> None:
    for step in steps:
        if not step.changes:
            transaction.condition_check(IdeaModel, step.idea.id, condition=step.unchanged)
            continue
        before, after = {"status": step.idea.status}, {"status": DONE, "release_note": note_id}
        transaction.save(history_event(step.idea.id, author, "status_changed", at, before=before, after=after))
        transaction.update(
            step.idea, actions=[IdeaModel.status.set(DONE), IdeaModel.updated_at.set(at)], condition=step.unchanged
        )


def _notice(note: ReleaseNoteModel) -> NoticeModel:
    """One notice per note: its followers get one e-mail each, whatever the number of ideas."""
    return NoticeModel(
        id=uuid.uuid4().hex,
        kind="changelog",
        idea_id=note.id,
        idea_title=note.title,
        release_note_id=note.id,
        actor_id=note.author_id,
        at=note.published_at,
        pending=NOTICE_PENDING,
        due=note.published_at,  # the worker reads notices by when they are due
    )


def _event(note: ReleaseNoteModel, ideas: Sequence[IdeaModel]) -> WebhookEventModel:
    """``changelog.published``; ``status_changes`` becomes one ``idea.status_changed`` per idea
    at fan-out (webhooks/dispatch.py), which keeps this transaction within its 100 actions."""
    data: dict[str, Any] = {
        "release_note": {
            "id": note.id,
            "title": note.title,
            "product": note.product,
            "published_at": to_api(note.published_at),
            "ideas": [{"id": idea.id, "title": idea.title} for idea in ideas],
        },
        "status_changes": [
            {"idea": {**idea_data(idea), "status": DONE}, "before": idea.status, "after": DONE}
            for idea in ideas
            if idea.status != DONE
        ],
    }
    return public_event(CHANGELOG_PUBLISHED, note.published_at, data)


def get_note(note_id: str) -> ReleaseNoteModel | None:
    """A listed note; one still being published does not exist yet."""
    try:
        note = ReleaseNoteModel.get(note_id)
    except ReleaseNoteModel.DoesNotExist:
        return None
    return note if note.feed == FEED else None


def list_notes(product: str | None, limit: int, start: LastKey | None) -> tuple[list[ReleaseNoteModel], LastKey | None]:
    if product:
        results = ReleaseNoteModel.of_product.query(
            product, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        )
    else:
        results = ReleaseNoteModel.newest.query(
            FEED, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        )
    return read_page(results, limit)
