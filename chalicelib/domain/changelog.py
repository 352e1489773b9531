"""Which ideas a release note may announce as delivered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from chalicelib.domain.errors import NotFound
from chalicelib.domain.vocabulary import MERGED, PENDING_MODERATION

DONE: Final = "done"
DECLINED: Final = "declined"
MAX_LINKED_IDEAS: Final = 50


class ReleaseNoteNotFound(NotFound):
    default_message = "release note not found"


@dataclass(frozen=True)
class LinkedIdea:
    id: str
    status: str
    hidden: bool


def refused_ideas(requested: Sequence[str], found: Mapping[str, LinkedIdea]) -> dict[str, str]:
    """Each requested idea that cannot be marked delivered, with the reason, in request order.

    Unknown ideas, and ideas the public cannot see (hidden or held), read the same: a release
    note must not reveal that an invisible idea exists.
    """
    refused: dict[str, str] = {}
    for idea_id in requested:
        idea = found.get(idea_id)
        if idea is None or idea.hidden or idea.status == PENDING_MODERATION:
            refused[idea_id] = f"Idea '{idea_id}' does not exist."
        elif idea.status == DECLINED:
            refused[idea_id] = f"Idea '{idea_id}' is declined; reopen it before announcing it as done."
        elif idea.status == MERGED:
            refused[idea_id] = f"Idea '{idea_id}' was merged into another idea; link that one instead."
    return refused
