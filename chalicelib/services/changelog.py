"""Release notes: publishing one (its ideas become ``done``), and reading them with live statuses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chalicelib.domain.changelog import LinkedIdea, refused_ideas
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.roles import Principal
from chalicelib.store.changelog import get_note, list_notes, publish
from chalicelib.store.ideas import get_ideas
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import IdeaModel, ProductModel
from chalicelib.store.paging import LastKey


@dataclass(frozen=True)
class ReleaseNote:
    """A note with the ideas it delivers, as they are now (a hidden idea is left out)."""

    note: ReleaseNoteModel
    ideas: list[IdeaModel]


def publish_release_note(
    author: Principal, title: str, body: str, product: str, idea_ids: Sequence[str], at: str
) -> ReleaseNote:
    """400 naming every idea that cannot be announced, or an unknown product; nothing is written then."""
    wanted = list(dict.fromkeys(idea_ids))
    try:
        ProductModel.get(product)
    except ProductModel.DoesNotExist:
        raise InvalidInput("unknown product", {"product": [f"No product with slug '{product}'."]}) from None
    found = get_ideas(wanted)
    linked = {idea.id: LinkedIdea(idea.id, idea.status, bool(idea.hidden)) for idea in found.values()}
    refused = refused_ideas(wanted, linked)
    if refused:
        names = ", ".join(refused)
        raise InvalidInput(f"these ideas cannot be announced: {names}", {"ideas": list(refused.values())})
    ideas = [found[idea_id] for idea_id in wanted]
    note = publish(author, title, body, product, ideas, at)
    for idea in ideas:
        idea.status = "done"
    return ReleaseNote(note, ideas)


def _with_ideas(notes: list[ReleaseNoteModel]) -> list[ReleaseNote]:
    found = get_ideas(str(idea_id) for note in notes for idea_id in note.idea_ids)
    return [
        ReleaseNote(
            note,
            [
                found[str(idea_id)]
                for idea_id in note.idea_ids
                if str(idea_id) in found and not found[str(idea_id)].hidden
            ],
        )
        for note in notes
    ]


def release_notes_page(
    product: str | None, limit: int, start: LastKey | None
) -> tuple[list[ReleaseNote], LastKey | None]:
    notes, last_key = list_notes(product, limit, start)
    return _with_ideas(notes), last_key


def release_note(note_id: str) -> ReleaseNote | None:
    note = get_note(note_id) if len(note_id) <= 64 else None
    return _with_ideas([note])[0] if note is not None else None
