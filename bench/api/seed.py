"""The seeded world the routes are measured on: products, users, ideas, votes, comments."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bench.api.common import PAGE_LIMIT

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.
from chalicelib.clock import parse_stored, to_storage, utc_now
from chalicelib.config import LOCAL_AUDIENCE, LOCAL_ISSUER
from chalicelib.domain.roles import Principal
from chalicelib.domain.vocabulary import PHASES
from chalicelib.local_issuer import LocalIssuer

if TYPE_CHECKING:
    from chalicelib.store.models import IdeaModel

WORDS = ("export", "dashboard", "offline", "sync", "invoices", "webhook", "search", "report", "sensor", "billing")
IDEA_BODY = "Let us export every report to CSV and schedule it weekly, so that the team stops copying tables. " * 3
PRODUCTS = ("bench-board", "bench-mobile", "bench-sensors", "bench-billing", "bench-install")
PRODUCT_DESCRIPTION = "A board made by the benchmark, with a description of realistic length."
COMMENT_BODY = "Same here: we need this before the next audit, it would save us a day every month."

# ----------------------------------------------------------------------------- seeded data


@dataclass(frozen=True)
class BenchUser:
    """A user with a token really signed by the local issuer."""

    id: str
    name: str
    headers: dict[str, str]


@dataclass(frozen=True)
class World:
    """What the seed wrote and what the cases act on."""

    product: str
    ideas: list[str]
    authored: list[str]
    discussed: str
    votes: int
    comments: int
    reader: BenchUser
    author: BenchUser
    poster: BenchUser
    product_manager: BenchUser
    route_voters: list[BenchUser]
    bare_voters: list[str]

    def describe(self) -> str:
        """A line that says how much data the routes run against."""
        return (
            f"Seeded through the store: {len(PRODUCTS)} products, {len(self.ideas)} ideas on '{self.product}' "
            f"(created over 60 days), {self.votes} votes, {self.comments} comments."
        )


def new_user(issuer: LocalIssuer, subject: str, name: str, *groups: str) -> BenchUser:
    """A user and its bearer headers."""
    token = issuer.issue(subject, name, groups=list(groups))
    return BenchUser(subject, name, {"authorization": f"Bearer {token}", "content-type": "application/json"})


def sentence(rng: random.Random, words: int) -> str:
    """Filler text of ``words`` words, so that items have a realistic size."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def seed(rng: random.Random, data_dir: str, idea_count: int, voters_needed: int) -> World:
    """One product board with ``idea_count`` ideas, votes spread over their lives, and comments.

    Written through the store's own functions (transactions, counters, history). The first
    ``PAGE_LIMIT`` ideas belong to the author, whose edits are measured; the first idea gets a
    page and a half of comments; the reader votes for a quarter of the ideas and comments on
    some, so that its ``voted`` batch reads and its profile counts find items.
    """
    from chalicelib.store import ideas as idea_store
    from chalicelib.store.products import create_product

    issuer = LocalIssuer(data_dir, LOCAL_ISSUER, LOCAL_AUDIENCE)
    now = utc_now()
    for slug in PRODUCTS:
        create_product(slug, slug.replace("-", " ").title(), PRODUCT_DESCRIPTION, to_storage(now - timedelta(days=90)))
    reader = new_user(issuer, "bench-reader", "Rita Reader")
    author = new_user(issuer, "bench-author", "Arturo Autor")
    customers = [Principal(f"bench-customer-{n:02}", f"Customer {n}", "", ("customer",)) for n in range(60)]
    writers = [Principal(author.id, author.name, "", ("customer",)), *customers[:10]]
    commenters = [*customers, Principal(reader.id, reader.name, "", ("customer",))]
    ideas: list[str] = []
    authored: list[str] = []
    votes = comments = 0
    for position in range(idea_count):
        writer = writers[0] if position < PAGE_LIMIT else rng.choice(writers)
        created = now - timedelta(days=rng.uniform(0, 60))
        phase = PHASES[position % len(PHASES)]
        idea = idea_store.create_idea(
            writer, sentence(rng, 8), sentence(rng, 50), PRODUCTS[0], phase, to_storage(created)
        )
        ideas.append(idea.id)
        if writer.id == author.id:
            authored.append(idea.id)
        voters = rng.sample([customer.id for customer in customers], min(len(customers), int(rng.paretovariate(1.0))))
        votes += add_votes(rng, idea, [*voters, reader.id] if position % 4 == 0 else voters)
        comments += add_comments(rng, idea, commenters, 30 if position == 0 else rng.randint(0, 3))
    return World(
        product=PRODUCTS[0],
        ideas=ideas,
        authored=authored,
        discussed=ideas[0],
        votes=votes,
        comments=comments,
        reader=reader,
        author=author,
        poster=new_user(issuer, "bench-poster", "Paula Poster"),
        product_manager=new_user(issuer, "bench-product", "Pedro Producto", "product"),
        route_voters=[new_user(issuer, f"bench-route-voter-{n}", f"Route Voter {n}") for n in range(voters_needed)],
        bare_voters=[f"bench-bare-voter-{n}" for n in range(voters_needed)],
    )


def moment_since(rng: random.Random, created: str) -> datetime:
    """A random moment between ``created`` (a stored timestamp) and now."""
    start = parse_stored(created)
    return start + (utc_now() - start) * rng.random()


def add_votes(rng: random.Random, idea: IdeaModel, voters: list[str]) -> int:
    """Each voter votes for ``idea`` at a random moment of its life; returns the number of votes."""
    from chalicelib.store.votes import add_vote

    for voter in voters:
        add_vote(idea.id, voter, moment_since(rng, idea.created_at))
    return len(voters)


def add_comments(rng: random.Random, idea: IdeaModel, commenters: list[Principal], count: int) -> int:
    """``count`` comments on ``idea`` by random commenters; returns ``count``."""
    from chalicelib.store.comments import create_comment

    for _ in range(count):
        at = to_storage(moment_since(rng, idea.created_at))
        create_comment(idea, rng.choice(commenters), sentence(rng, 25), at)
    return count
