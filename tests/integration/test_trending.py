"""``sort=trending``: votes of the last seven days, as an index order kept with each vote.

GIVEN votes of every age, WHEN a board is listed by trending, THEN the order follows the votes of
the last seven days only, follows unvotes and merges, and the DynamoDB items a request reads do
not grow with the number of votes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.clock import utc_now
from chalicelib.domain.ideas import TREND_WEIGHT, IdeaFilters
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store.ideas import list_trending
from chalicelib.store.models import IdeaModel, VoteDayModel, VoteModel
from chalicelib.store.vote_days import expire_days
from chalicelib.store.votes import add_vote, remove_vote
from devstack.backfill_trending import backfill_trend_ranks
from tests.support import Api, User, new_user


def post(api: Api, user: User, product: str, title: str, phase: str = "design") -> str:
    reply = api.post("/ideas", user, {"title": title, "product": product, "phase": phase})
    assert reply.status == 201, reply.body
    idea_id: str = reply.body["id"]
    return idea_id


def trending(api: Api, query: str) -> list[str]:
    reply = api.get(f"/ideas?sort=trending&limit=100&{query}")
    assert reply.status == 200, reply.body
    return [item["id"] for item in reply.body["items"]]


def vote_many(idea_id: str, count: int, days_ago: float, tag: str) -> None:
    at = utc_now() - timedelta(days=days_ago)
    for n in range(count):
        add_vote(idea_id, f"{tag}-{idea_id[:6]}-{n}", at)


class ItemsRead:
    """Items DynamoDB examined for the app's Query and BatchGetItem calls while counting."""

    def __init__(self) -> None:
        self.items = 0
        self.counting = False

    def __call__(self, parsed: dict[str, Any], **_: Any) -> None:
        if not self.counting:
            return
        self.items += int(parsed.get("ScannedCount", 0))
        self.items += sum(len(found) for found in parsed.get("Responses", {}).values())


@pytest.fixture
def items_read(api: Api) -> Iterator[ItemsRead]:
    counter = ItemsRead()
    clients = {id(model._get_connection().connection.client): model for model in (IdeaModel, VoteModel)}
    for model in clients.values():
        model._get_connection().connection.client.meta.events.register("after-call.dynamodb", counter)
    yield counter
    for model in clients.values():
        model._get_connection().connection.client.meta.events.unregister("after-call.dynamodb", counter)


def test_trending_counts_the_last_seven_days_only(api: Api, customer: User, product: str) -> None:
    old_favourite, recent, quiet = (post(api, customer, product, title) for title in ("Old", "Recent", "Quiet"))
    vote_many(old_favourite, 6, days_ago=9, tag="old")
    vote_many(old_favourite, 1, days_ago=1, tag="new")
    vote_many(recent, 3, days_ago=2, tag="new")

    assert trending(api, f"product={product}")[:2] == [recent, old_favourite]
    assert trending(api, f"product={product}&phase=design")[:2] == [recent, old_favourite]
    assert quiet in trending(api, f"product={product}")  # the rest follows, newest first
    assert trending(api, f"product={product}&phase=testing") == []
    everywhere = trending(api, "")
    assert everywhere.index(recent) < everywhere.index(old_favourite)


def test_an_unvote_and_a_merge_move_trending(
    api: Api, issuer: LocalIssuer, customer: User, product_user: User, product: str
) -> None:
    first, second, third = (post(api, customer, product, title) for title in ("One", "Two", "Three"))
    voters = [new_user(issuer) for _ in range(3)]
    for voter in voters:
        api.put(f"/ideas/{first}/vote", voter)
    for voter in voters[:2]:
        api.put(f"/ideas/{second}/vote", voter)
    assert trending(api, f"product={product}") == [first, second, third]  # third: no recent vote

    for voter in voters[:2]:
        api.delete(f"/ideas/{first}/vote", voter)
    assert trending(api, f"product={product}") == [second, first, third]

    for voter in [new_user(issuer) for _ in range(4)]:
        api.put(f"/ideas/{third}/vote", voter)
    assert trending(api, f"product={product}") == [third, second, first]
    assert api.post(f"/ideas/{third}/merge", product_user, {"into": first}).status == 200
    # The target gains the source's four voters, recent votes all: 1 + 4 = 5, ahead of the source's 4.
    assert trending(api, f"product={product}")[:2] == [first, third]


def test_a_trending_page_reads_as_many_items_at_ten_times_the_votes(
    api: Api, customer: User, product: str, items_read: ItemsRead
) -> None:
    ideas = [post(api, customer, product, f"Idea {n}") for n in range(4)]
    for position, idea_id in enumerate(ideas):
        vote_many(idea_id, 3 + position, days_ago=position, tag="base")
    trending(api, f"product={product}")  # warm: topic view, table descriptions

    items_read.counting = True
    trending(api, f"product={product}")
    before = items_read.items
    items_read.counting = False
    for position, idea_id in enumerate(ideas):
        vote_many(idea_id, 10 * (3 + position), days_ago=position, tag="more")
    items_read.items, items_read.counting = 0, True
    order = trending(api, f"product={product}")
    after = items_read.items

    assert order[:4] == list(reversed(ideas))
    assert after == before


def test_unvoting_a_vote_that_does_not_exist_changes_nothing(api: Api, customer: User, product: str) -> None:
    idea_id = post(api, customer, product, "Lonely")
    vote_many(idea_id, 2, days_ago=0, tag="pair")

    remove_vote(idea_id, "never-voted")
    remove_vote(idea_id, f"pair-{idea_id[:6]}-0")
    remove_vote(idea_id, f"pair-{idea_id[:6]}-0")

    assert api.get(f"/ideas/{idea_id}").body["vote_count"] == 1
    assert trending(api, f"product={product}")[0] == idea_id


def test_a_day_leaving_the_window_is_taken_off_once(api: Api, customer: User, product: str) -> None:
    fading, steady = post(api, customer, product, "Fading"), post(api, customer, product, "Steady")
    vote_many(fading, 5, days_ago=6, tag="week-old")  # the last day of the window
    vote_many(steady, 2, days_ago=0, tag="today")
    assert trending(api, f"product={product}")[:2] == [fading, steady]

    two_days_later = utc_now() + timedelta(days=2)
    first = expire_days(two_days_later)
    again = expire_days(two_days_later)

    assert first >= 1 and again == 0
    assert int(IdeaModel.get(fading, consistent_read=True).trend_rank) == int(
        IdeaModel.get(fading, consistent_read=True).top_score
    )
    ranked, _ = list_trending(IdeaFilters(product=product), 10, None)
    assert [idea.id for idea in ranked] == [steady]


def test_a_vote_on_a_day_swept_meanwhile_counts_but_not_as_recent(api: Api, customer: User, product: str) -> None:
    idea_id = post(api, customer, product, "Late vote")
    today = utc_now().date().isoformat()
    VoteDayModel(today, idea_id, votes=0, swept=True).save()  # as if the sweep ran on a skewed clock

    outcome = add_vote(idea_id, "late-voter", utc_now())

    idea = IdeaModel.get(idea_id, consistent_read=True)
    assert outcome.vote_count == 1 and int(idea.vote_count) == 1
    assert int(idea.trend_rank) == int(idea.top_score)  # not counted twice: the day is gone
    assert int(VoteDayModel.get(today, idea_id, consistent_read=True).votes) == 0


def test_ideas_of_an_older_store_get_their_rank_once(api: Api, customer: User, product: str) -> None:
    """A store written before ``trend_rank``: ideas without it, no day counters."""
    idea_id = post(api, customer, product, "From an older version")
    vote_many(idea_id, 3, days_ago=1, tag="recent")
    vote_many(idea_id, 2, days_ago=10, tag="old")
    IdeaModel(idea_id).update(actions=[IdeaModel.trend_rank.remove()])
    for counter in VoteDayModel.scan(VoteDayModel.idea_id == idea_id):  # a test may scan
        counter.delete()

    first = backfill_trend_ranks(utc_now())
    again = backfill_trend_ranks(utc_now())

    idea = IdeaModel.get(idea_id, consistent_read=True)
    assert first >= 1 and again == 0
    assert int(idea.trend_rank) == int(idea.top_score) + 3 * TREND_WEIGHT
    day = (utc_now() - timedelta(days=1)).date().isoformat()
    assert int(VoteDayModel.get(day, idea_id, consistent_read=True).votes) == 3
    assert trending(api, f"product={product}")[0] == idea_id
