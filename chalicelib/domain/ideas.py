"""Rules about ideas: who may change what, and how ideas are ranked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from chalicelib.domain.errors import InvalidInput, InvalidTransition, NotPermitted
from chalicelib.domain.roles import PRODUCT, Principal
from chalicelib.domain.vocabulary import MERGED, OPEN, PENDING_MODERATION

# top_score = votes * VOTE_WEIGHT + creation epoch seconds. Epoch seconds stay below 10**10
# until the year 2286, so more votes always rank higher and equal votes rank newest first.
VOTE_WEIGHT: Final = 10**10

AUTHOR_FIELDS: Final = frozenset({"title", "body"})
PRODUCT_FIELDS: Final = frozenset({"status", "response"})


@dataclass(frozen=True)
class IdeaFilters:
    """The filters of ``GET /ideas``; ``author_id`` is the reader's own id for ``author=me``.

    ``topic_slot`` is the idea attribute slot that the published topic run uses.
    """

    product: str | None = None
    phase: str | None = None
    status: str | None = None
    topic: str | None = None
    author_id: str | None = None
    topic_slot: int = 0


def classify_patch(principal: Principal, author_id: str, status: str, changes: Mapping[str, Any]) -> str:
    """Decide whether a PATCH is an author's edit or the product team's answer.

    Returns ``"author"`` or ``"product"``; raises NotPermitted or InvalidTransition when the
    change is not allowed. Mixing both kinds of fields in one PATCH is refused: they are
    different acts with different histories.
    """
    fields = set(changes)
    if fields and fields <= AUTHOR_FIELDS:
        if principal.id != author_id:
            raise NotPermitted("only the author may edit an idea's text")
        if status != OPEN:
            # The contract allows author edits "while open"; anyone else is not permitted.
            raise NotPermitted("an idea can be edited by its author only while it is open")
        return "author"
    if fields and fields <= PRODUCT_FIELDS:
        if not principal.has_any(PRODUCT):
            raise NotPermitted("only the product team may change status or answer")
        if status in (MERGED, PENDING_MODERATION):
            raise InvalidTransition(f"an idea that is {status} cannot change status or be answered")
        return "product"
    if not fields:
        raise InvalidInput("send at least one field to change", {"_schema": ["No field given."]})
    raise NotPermitted("title/body and status/response cannot be changed in one request")
