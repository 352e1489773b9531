"""Demo data for the local stack, from ``devstack/demo_data.json``; only into an empty store.

Everything goes through the same store functions as the API (transactions, counters, history),
back-dated by each item's ``days_ago`` so that ``new`` and ``trending`` look like a live portal.
The demo has over a thousand ideas (``devstack/generate_demo.py``): they are written by a few
threads at once, each idea with its own votes and comments, which DynamoDB Local serves in a
fraction of the time one writer would take (every idea is independent of the others).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal, roles_from_groups
from chalicelib.domain.vocabulary import OPEN
from chalicelib.store import ideas as idea_store
from chalicelib.store.comments import create_comment
from chalicelib.store.models import ProductModel, UserModel
from chalicelib.store.notices import mark_delivered, pending_notices
from chalicelib.store.products import create_product
from chalicelib.store.votes import add_vote
from devstack.product_translations import PRODUCT_TRANSLATIONS

DEMO_DATA = Path(__file__).with_name("demo_data.json")
WRITERS = 8


def load_demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    return data


def store_is_empty() -> bool:
    return next(iter(ProductModel.in_order.query("product", limit=1)), None) is None


def seed_demo_data() -> dict[str, int] | None:
    """Load the demo data unless the store already has products; returns what was loaded."""
    if not store_is_empty():
        return None
    return write_demo_data()


def write_demo_data() -> dict[str, int]:
    """Write the demo data into the store as it is (the web tests add it beside their own boards)."""
    data = load_demo_data()
    now = utc_now()

    def moment(days_ago: int, minutes: int = 0) -> str:
        return to_storage(now - timedelta(days=days_ago, minutes=minutes))

    people: dict[str, Principal] = {}
    for user in data["users"]:
        principal = Principal(
            id=user["sub"], name=user["name"], email=user["email"], roles=roles_from_groups(user["groups"])
        )
        people[principal.id] = principal
        UserModel(
            id=principal.id,
            name=principal.name,
            email=principal.email,
            roles=list(principal.roles),
            language=user["language"],
            marketing_consent=user["marketing_consent"],
            created_at=moment(150),
        ).save()
    for product in data["products"]:
        create_product(
            product["slug"],
            product["name"],
            product["description"],
            moment(150),
            PRODUCT_TRANSLATIONS.get(product["slug"]),
        )

    counts = Counter({"users": len(people), "products": len(data["products"])})
    with ThreadPoolExecutor(WRITERS) as pool:
        for written in pool.map(lambda entry: _seed_idea(entry, people, now), data["ideas"]):
            counts.update(written)
    # The demo's answers happened "in the past": their notices count as delivered, so the
    # outbox shows only what happens after start-up.
    while notices := pending_notices(limit=1000):
        for notice in notices:
            mark_delivered(notice)
    return dict(counts)


def _seed_idea(entry: dict[str, Any], people: dict[str, Principal], now: datetime) -> Counter[str]:
    """One demo idea with its votes, comments and answer; returns what was written."""

    def moment(days_ago: int, minutes: int = 0) -> str:
        return to_storage(now - timedelta(days=days_ago, minutes=minutes))

    written = Counter({"ideas": 1})
    idea = idea_store.create_idea(
        people[entry["author"]], entry["title"], entry["body"], entry["product"], entry["phase"],
        moment(entry["days_ago"]),
    )  # fmt: skip
    spread = random.Random(entry["key"])  # noqa: S311 - the same demo on every machine, not crypto
    for voter in entry["voters"]:
        # Votes spread between the idea's creation and now, as on a living portal.
        add_vote(idea.id, voter, now - timedelta(hours=spread.uniform(1, 24 * entry["days_ago"] + 1)))
        written["votes"] += 1
    for comment in entry["comments"]:
        create_comment(idea, people[comment["author"]], comment["body"], moment(comment["days_ago"], 1))
        written["comments"] += 1
    response = entry.get("response")
    if entry["status"] != OPEN or response:
        idea = idea_store.get_idea(idea.id, consistent=True) or idea
        responder = people[response["author"]] if response else people[entry["author"]]
        idea_store.answer(
            idea,
            responder,
            entry["status"] if entry["status"] != OPEN else None,
            response["body"] if response else None,
            moment(response["days_ago"] if response else 0, 2),
        )
    return written
