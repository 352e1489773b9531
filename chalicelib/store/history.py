"""The append-only audit trail of ideas and comments."""

from __future__ import annotations

import uuid
from typing import Any

from chalicelib.domain.roles import Principal
from chalicelib.store.models import HistoryModel
from chalicelib.store.paging import LastKey, read_page


def history_event(
    item_id: str,
    actor: Principal,
    action: str,
    at: str,
    *,
    reason: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    sequence: int = 0,
) -> HistoryModel:
    """A new event, to be saved in the same transaction as the change it records.

    ``sequence`` orders events written at the same instant by one change.
    """
    return HistoryModel(
        item_id=item_id,
        position=f"{at}#{sequence}#{uuid.uuid4().hex}",
        at=at,
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        reason=reason,
        before=before,
        after=after,
    )


def list_history(item_id: str, limit: int, start: LastKey | None) -> tuple[list[HistoryModel], LastKey | None]:
    results = HistoryModel.query(item_id, last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)
