"""Finding ideas: search, duplicate hints while typing, and likely duplicate pairs.

The model ranks (``chalicelib.semantic.client``: in process locally, the semantic function in
AWS); this module reads the ranked ideas themselves and keeps only those the reader may see, so
a stale vector can never reveal a hidden, held or merged-away idea.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.errors import IdeaNotFound, InvalidInput, RateLimited
from chalicelib.domain.roles import Principal
from chalicelib.semantic.client import matcher
from chalicelib.services.visibility import listed
from chalicelib.store import duplicates as pair_store
from chalicelib.store.ideas import get_ideas
from chalicelib.store.models import DuplicatePairModel, IdeaModel
from chalicelib.store.paging import LastKey
from chalicelib.store.products import get_product, list_products
from chalicelib.store.rates import count_call

HINTS = 5
# Ranked ids asked of the model beyond what is shown, so that ideas the reader may not see or
# that other filters drop still leave a full page.
CANDIDATES_FACTOR = 3
# Calls per caller per minute: a search box and a title being typed (debounced) stay far below.
SEARCH_CALLS_PER_MINUTE = 60
SIMILAR_CALLS_PER_MINUTE = 60


@dataclass(frozen=True)
class Scored:
    idea: IdeaModel
    score: float


def now() -> float:
    """Seconds since the epoch (a function, so that a test can hold the minute still)."""
    return time.time()


def limit_rate(route: str, caller: str, per_minute: int) -> None:
    """Raise 429 when ``caller`` (a user id or a source address, stored only as a hash) has made
    ``per_minute`` calls to ``route`` this minute."""
    digest = hashlib.sha256(caller.encode()).hexdigest()[:24]
    calls, retry_after = count_call(route, digest, now())
    if calls > per_minute:
        raise RateLimited(f"too many requests; retry in {retry_after} s", retry_after)


def _products(product: str | None) -> list[str]:
    if product is not None:
        if get_product(product) is None:
            raise InvalidInput("unknown product", {"product": [f"No product with slug '{product}'."]})
        return [product]
    slugs: list[str] = []
    start: LastKey | None = None
    while True:
        page, start = list_products(100, start)
        slugs += [item.slug for item in page]
        if start is None:
            return slugs


def _visible(ranked: Iterable[tuple[str, float]], limit: int, status: str | None = None) -> list[Scored]:
    ranked = list(ranked)
    ideas = get_ideas(idea_id for idea_id, _ in ranked)
    found = [Scored(ideas[idea_id], score) for idea_id, score in ranked if idea_id in ideas]
    return [item for item in found if listed(item.idea, status)][:limit]


def search(text: str, product: str | None, phase: str | None, status: str | None, limit: int) -> list[Scored]:
    """Ideas matching ``text`` by meaning (any language) or by exact words, best first."""
    ranked = matcher().search(text, _products(product), phase, limit * CANDIDATES_FACTOR)
    return _visible(ranked, limit, status)


def similar(title: str, body: str, product: str | None) -> list[Scored]:
    """Up to five visible ideas that may be the request being written; none when nothing is close."""
    ranked = matcher().similar(title, body, _products(product), HINTS * CANDIDATES_FACTOR)
    return _visible(ranked, HINTS)


@dataclass(frozen=True)
class Pair:
    a: IdeaModel
    b: IdeaModel
    score: float


def duplicate_pairs(product: str | None, limit: int, start: LastKey | None) -> tuple[list[Pair], LastKey | None]:
    """A page of open pairs whose two ideas are both still listed, most likely first."""
    stored, position = pair_store.open_pairs(product, limit, start)
    ideas = get_ideas(idea_id for item in stored for idea_id in (item.idea_a, item.idea_b))
    return [pair for pair in (_pair(item, ideas) for item in stored) if pair is not None], position


def _pair(item: DuplicatePairModel, ideas: dict[str, IdeaModel]) -> Pair | None:
    a, b = ideas.get(item.idea_a), ideas.get(item.idea_b)
    if a is None or b is None or not listed(a) or not listed(b):
        return None
    return Pair(a, b, float(item.score))


def dismiss_pair(actor: Principal, first: str, second: str, at: str) -> None:
    """Keep the pair out of the list for good. Both ideas must exist; the order does not matter."""
    if first == second:
        raise InvalidInput("a pair needs two different ideas", {"b": ["Must differ from a."]})
    found = get_ideas([first, second])
    missing = [idea_id for idea_id in (first, second) if idea_id not in found]
    if missing:
        raise IdeaNotFound(f"idea not found: {missing[0]}")
    pair_store.dismiss(first, second, actor.id, at)
