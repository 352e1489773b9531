"""Ideas: creation, reads, the list queries, and edits, each change with its history event."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from chalicelib.clock import parse_stored
from chalicelib.domain.errors import ConcurrentChange, InvalidInput
from chalicelib.domain.ideas import IdeaFilters
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import OPEN, PENDING_MODERATION
from chalicelib.store.history import history_event
from chalicelib.store.models import IdeaModel, OfficialResponse, ProductModel
from chalicelib.store.moderation import queue_entry
from chalicelib.store.notices import new_notice
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.products import get_product
from chalicelib.store.topics import slot_value_of
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, transact

BATCH_GET_LIMIT = 100


def new_idea_id() -> str:
    return uuid.uuid4().hex


def create_idea(
    author: Principal, title: str, body: str, product: str, phase: str, at: str, held_reason: str | None = None
) -> IdeaModel:
    """Store a new idea, count it on its board and record its creation, all or nothing.

    An idea the moderation filter flagged (``held_reason``) is stored as ``pending_moderation``
    with an entry in the moderation queue, and counted on its board only once approved.
    """
    idea = IdeaModel(
        id=new_idea_id(),
        title=title,
        body=body,
        product=product,
        phase=phase,
        board=f"{product}#{phase}",
        status=PENDING_MODERATION if held_reason else OPEN,
        held_reason=held_reason,
        vote_count=0,
        top_score=int(parse_stored(at).timestamp()),
        comment_count=0,
        author_id=author.id,
        author_name=author.name,
        created_at=at,
        updated_at=at,
    )
    phase_count = getattr(ProductModel.idea_counts, phase)

    def write(transaction: TransactWrite) -> None:
        transaction.save(idea, condition=IdeaModel.id.does_not_exist())
        transaction.save(history_event(idea.id, author, "created", at, after={"title": title, "body": body}))
        if held_reason:
            transaction.save(queue_entry("idea", idea.id, idea.id, held_reason, at))
        transaction.update(
            ProductModel(product),
            actions=[phase_count.add(0 if held_reason else 1)],
            condition=ProductModel.slug.exists(),
        )

    try:
        transact(write)
    except Cancelled as cancelled:
        # The idea id is new, so a failed condition is the product's, unless it is gone meanwhile.
        if cancelled.because(CONDITION_FAILED) and get_product(product) is None:
            raise InvalidInput("unknown product", {"product": [f"No product with slug '{product}'."]}) from None
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("the board changed meanwhile; try again") from None
        raise
    return idea


def get_idea(idea_id: str, consistent: bool = False) -> IdeaModel | None:
    try:
        return IdeaModel.get(idea_id, consistent_read=consistent)
    except IdeaModel.DoesNotExist:
        return None


def get_ideas(idea_ids: Iterable[str]) -> dict[str, IdeaModel]:
    """Many ideas by id in batch reads of up to 100 keys."""
    wanted = list(dict.fromkeys(idea_ids))
    found: dict[str, IdeaModel] = {}
    for start in range(0, len(wanted), BATCH_GET_LIMIT):
        for idea in IdeaModel.batch_get(wanted[start : start + BATCH_GET_LIMIT]):
            found[idea.id] = idea
    return found


def list_ideas(
    filters: IdeaFilters, sort: str, limit: int, start: LastKey | None
) -> tuple[list[IdeaModel], LastKey | None]:
    """One page of ideas in ``top`` or ``new`` order.

    The most selective filter picks the index (see docs/data-model.md); the other filters
    become a filter expression on that query.
    """
    if filters.status == PENDING_MODERATION:
        return [], None  # held ideas are never listed publicly
    index, hash_key, used = _choose_index(filters, newest_first=sort == "new")
    # A filter expression may not name the index's own key, so the status index skips the
    # "not held" part: its partition already holds a single, public status.
    condition: Condition = IdeaModel.hidden == False  # noqa: E712 - builds a condition
    if "status" not in used:
        condition &= IdeaModel.status != PENDING_MODERATION
    for name, value in _filter_values(filters).items():
        if value is not None and name not in used:
            condition &= getattr(IdeaModel, name) == value
    results = index.query(
        hash_key,
        filter_condition=condition,
        scan_index_forward=False,
        last_evaluated_key=start,
        page_size=limit + 1,
    )
    return read_page(results, limit)


def _filter_values(filters: IdeaFilters) -> dict[str, str | None]:
    """Filter values by the idea attribute they compare with."""
    return {
        "product": filters.product,
        "phase": filters.phase,
        "status": filters.status,
        f"topic_slot{filters.topic_slot}": filters.topic,
        "author_id": filters.author_id,
    }


def _choose_index(filters: IdeaFilters, newest_first: bool) -> tuple[Any, str, set[str]]:
    """The index to query, its hash key, and the attributes that key already filters on."""
    pair: tuple[Any, Any]
    if filters.author_id:
        pair, hash_key, used = (IdeaModel.author_new, IdeaModel.author_top), filters.author_id, {"author_id"}
    elif filters.topic:
        if filters.topic_slot:
            pair, used = (IdeaModel.topic_slot1_new, IdeaModel.topic_slot1_top), {"topic_slot1"}
        else:
            pair, used = (IdeaModel.topic_slot0_new, IdeaModel.topic_slot0_top), {"topic_slot0"}
        hash_key = filters.topic
    elif filters.product and filters.phase:
        board = f"{filters.product}#{filters.phase}"
        pair, hash_key, used = (IdeaModel.board_new, IdeaModel.board_top), board, {"product", "phase"}
    elif filters.product:
        pair, hash_key, used = (IdeaModel.product_new, IdeaModel.product_top), filters.product, {"product"}
    elif filters.status:
        pair, hash_key, used = (IdeaModel.status_new, IdeaModel.status_top), filters.status, {"status"}
    else:
        pair, hash_key, used = (IdeaModel.every_new, IdeaModel.every_top), "idea", set()
    return pair[0] if newest_first else pair[1], hash_key, used


def matches(idea: IdeaModel, filters: IdeaFilters) -> bool:
    """The same filters as ``list_ideas``, for ideas already in memory (trending)."""
    return (
        not idea.hidden
        and idea.status != PENDING_MODERATION
        and filters.product in (None, idea.product)
        and filters.phase in (None, idea.phase)
        and filters.status in (None, idea.status)
        and filters.topic in (None, slot_value_of(idea, filters.topic_slot))
        and filters.author_id in (None, idea.author_id)
    )


def edit_text(
    idea: IdeaModel, editor: Principal, title: str, body: str, at: str, held_reason: str | None = None
) -> None:
    """An author's edit; the previous text stays in the history.

    An edit the moderation filter flagged takes the idea off the board into the moderation
    queue, exactly like a flagged new idea.
    """
    before = {"title": idea.title, "body": idea.body}
    after = {"title": title, "body": body}
    actions: list[Action] = [IdeaModel.title.set(title), IdeaModel.body.set(body), IdeaModel.updated_at.set(at)]
    if held_reason:
        actions += [IdeaModel.status.set(PENDING_MODERATION), IdeaModel.held_reason.set(held_reason)]

    def write(transaction: TransactWrite) -> None:
        transaction.save(history_event(idea.id, editor, "edited", at, before=before, after=after))
        if held_reason:
            transaction.save(queue_entry("idea", idea.id, idea.id, held_reason, idea.created_at))
        transaction.update(
            idea,
            actions=actions,
            # Guards against a status change or another edit that landed since we read it.
            condition=(IdeaModel.status == OPEN)
            & (IdeaModel.author_id == editor.id)
            & (IdeaModel.updated_at == idea.updated_at),
        )
        if held_reason:
            phase_count = getattr(ProductModel.idea_counts, idea.phase)
            transaction.update(ProductModel(idea.product), actions=[phase_count.add(-1)])

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("the idea changed meanwhile; reload it and try again") from None
        raise
    idea.title, idea.body, idea.updated_at = title, body, at
    if held_reason:
        idea.status = PENDING_MODERATION


def answer(idea: IdeaModel, responder: Principal, status: str | None, response: str | None, at: str) -> None:
    """The product team's status change and/or official answer, each recorded in the history."""
    actions: list[Action] = [IdeaModel.updated_at.set(at)]
    events = []
    if status is not None and status != idea.status:
        actions.append(IdeaModel.status.set(status))
        events.append(
            history_event(
                idea.id, responder, "status_changed", at, before={"status": idea.status}, after={"status": status}
            )
        )
    official = None
    if response is not None:
        official = OfficialResponse(body=response, author_id=responder.id, author_name=responder.name, at=at)
        actions.append(IdeaModel.response.set(official))
        actions.append(IdeaModel.first_response_at.set(IdeaModel.first_response_at | at))
        events.append(history_event(idea.id, responder, "responded", at, after={"response": response}, sequence=1))
    changed_status = status if status is not None and status != idea.status else None
    notice = None
    if changed_status or response is not None:
        notice = new_notice("updated", idea, responder, at, status=changed_status, response=response)

    def write(transaction: TransactWrite) -> None:
        for event in events:
            transaction.save(event)
        if notice is not None:
            transaction.save(notice)
        transaction.update(idea, actions=actions, condition=IdeaModel.updated_at == idea.updated_at)

    try:
        transact(write)
    except Cancelled as cancelled:
        if cancelled.because(CONDITION_FAILED):
            raise ConcurrentChange("the idea changed meanwhile; reload it and try again") from None
        raise
    idea.updated_at = at
    if status is not None:
        idea.status = status
    if official is not None:
        idea.response = official
