"""Who reads a reply of ideas, and what they did to those ideas: the marks every Idea carries
for a signed-in reader (API.md: ``voted`` and ``following``, both only when signed in).

``render.idea`` takes a ``Reader`` and nothing else about the reader, and ``reader_of`` (or
``author_of_new_idea``, where both marks are known without reading) builds one with both marks,
so no route can render an idea to a signed-in reader without them. Each mark costs one batch
read per reply, never one per idea.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.roles import Principal
from chalicelib.store.follows import followed_ideas
from chalicelib.store.models import IdeaModel
from chalicelib.store.votes import voted_ideas


class UnreadIdea(LookupError):
    """An idea rendered with a ``Reader`` built for other ideas: a programming error, since its
    marks were never read (it would show ``voted`` and ``following`` false whatever is stored)."""


@dataclass(frozen=True)
class Reader:
    principal: Principal
    looked_up: frozenset[str]  # the ideas whose marks were read
    voted: frozenset[str]
    followed: frozenset[str]

    def marks(self, idea_id: str) -> dict[str, bool]:
        if idea_id not in self.looked_up:
            raise UnreadIdea(f"the reader's marks of idea {idea_id} were not read")
        return {"voted": idea_id in self.voted, "following": idea_id in self.followed}


def reader_of(
    principal: Principal | None, ideas: Iterable[IdeaModel], voted: Iterable[str] | None = None
) -> Reader | None:
    """The reader of a reply showing ``ideas`` (None when signed out). ``voted``: the ideas the
    reader voted among these, when the caller has already read them (the feed reads its
    candidates' votes to pick among them); otherwise one batch read here."""
    if principal is None:
        return None
    listed = list({idea.id: idea for idea in ideas}.values())
    ids = {idea.id for idea in listed}
    if voted is None:
        voted = voted_ideas(principal.id, ids) if ids else set()
    votes = set(voted) & ids
    followed = followed_ideas(principal.id, listed, votes) if listed else set()
    return Reader(principal, frozenset(ids), frozenset(votes), frozenset(followed))


def author_of_new_idea(principal: Principal, idea: IdeaModel) -> Reader:
    """The author of an idea just posted: nobody has voted it yet and no choice about it can
    exist, so the author follows it (store/follows.py) — known without a read."""
    return Reader(principal, frozenset({idea.id}), frozenset(), frozenset({idea.id}))
