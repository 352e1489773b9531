"""API.md's Idea carries ``voted`` and ``following`` for a signed-in reader on every route that
shows ideas, with the stored truth, in a constant number of reads per reply. (Presence is also
checked on every reply of the integration suite: tests/contract.py ``assert_reader_marks``.)
On DynamoDB Local."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store.comments import create_comment
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import all_models
from tests.integration.test_moderation import held_idea
from tests.integration.test_topics_api import PublishedRun
from tests.integration.test_topics_api import published as published  # the fixture, re-exported
from tests.support import Api, User, new_user


def post(api: Api, author: User, product: str, title: str) -> dict[str, Any]:
    reply = api.post("/ideas", author, {"title": title, "product": product, "phase": "design"})
    assert reply.status == 201, reply.body
    created: dict[str, Any] = reply.body
    return created


def marks(idea: dict[str, Any]) -> tuple[bool, bool]:
    return idea["voted"], idea["following"]


def test_edits_answers_moderation_and_merges_mark_the_readers_vote_and_follow(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    author, moderator = new_user(issuer, name="Ana Autora"), new_user(issuer, "moderator", name="Mo Derador")
    created = post(api, author, product, "Dark mode")
    idea = created["id"]
    assert marks(created) == (False, True)  # POST: one's own idea is followed

    assert api.delete(f"/ideas/{idea}/follow", author).status == 200
    edited = api.patch(f"/ideas/{idea}", author, {"title": "Dark mode, please"}).body
    assert marks(edited) == (False, False)  # PATCH by the author: the unfollow wins over authorship

    assert api.put(f"/ideas/{idea}/vote", product_user).status == 200
    answered = api.patch(f"/ideas/{idea}", product_user, {"status": "planned", "response": "Soon."}).body
    assert marks(answered) == (True, True)  # PATCH by the team: voting followed

    assert api.put(f"/ideas/{idea}/follow", moderator).status == 200
    hidden = api.post(f"/ideas/{idea}/hide", moderator, {"reason": "Checking it"}).body
    assert marks(hidden) == (False, True) and hidden["hidden"] is True
    (entry,) = api.get(f"/moderation/hidden?product={product}&kind=idea", moderator).body["items"]
    assert marks(entry["item"]) == (False, True)
    restored = api.post(f"/ideas/{idea}/restore", moderator).body
    assert marks(restored) == (False, True) and restored["hidden"] is False

    held = held_idea(author, product, "Held for review")
    queued = [e["item"] for e in api.get("/moderation/queue?limit=100", moderator).body["items"] if e["id"] == held]
    assert [marks(item) for item in queued] == [(False, False)]

    duplicate = post(api, new_user(issuer), product, "Night mode")["id"]
    target = api.post(f"/ideas/{duplicate}/merge", product_user, {"into": idea}).body
    assert target["id"] == idea and marks(target) == (True, True)


def test_topic_pages_and_the_feed_mark_the_readers_vote_and_follow(api: Api, published: PublishedRun) -> None:
    fan, followed, voted = published.fan, published.battery_ideas[1], published.battery_ideas[2]
    assert api.put(f"/ideas/{followed}/follow", fan).status == 200
    assert api.put(f"/ideas/{voted}/vote", fan).status == 200

    topic = api.get(f"/topics/{published.battery}?limit=10", fan).body["ideas"]
    assert {item["id"]: marks(item) for item in topic} == {
        published.battery_ideas[0]: (False, False),
        followed: (False, True),
        voted: (True, True),
    }
    feed = {item["id"]: marks(item) for item in api.get("/me/feed?limit=50", fan).body["items"]}
    assert feed[followed] == (False, True)
    assert feed[published.battery_ideas[0]] == (False, False)
    assert voted not in feed  # the feed offers what the reader has not voted yet


def test_a_comment_from_before_follows_were_recorded_follows_in_lists_as_on_the_page(
    api: Api, issuer: LocalIssuer, product: str
) -> None:
    # GIVEN a comment stored without a follow choice, as the demo data and older stores hold them
    author, commenter = new_user(issuer), new_user(issuer, name="Cora Comenta")
    idea_id = post(api, author, product, "Offline maps")["id"]
    stored = get_idea(idea_id)
    assert stored is not None
    create_comment(stored, Principal(commenter.id, commenter.name, "", ("customer",)), "Yes!", to_storage(utc_now()))

    # THEN the list and the page agree with who gets the e-mails: the commenter follows
    listed = api.get(f"/ideas?product={product}", commenter).body["items"]
    assert [item["following"] for item in listed] == [True]
    assert api.get(f"/ideas/{idea_id}", commenter).body["following"] is True
    # AND an unfollow still wins
    assert api.delete(f"/ideas/{idea_id}/follow", commenter).status == 200
    assert [item["following"] for item in api.get(f"/ideas?product={product}", commenter).body["items"]] == [False]
    assert api.get(f"/ideas/{idea_id}", commenter).body["following"] is False


@contextmanager
def dynamodb_calls() -> Iterator[Counter[str]]:
    """The DynamoDB operations the app issues inside the block, by name (botocore's own hook)."""
    calls: Counter[str] = Counter()

    def record(event_name: str, **_: Any) -> None:
        calls[event_name.rsplit(".", 1)[-1]] += 1

    clients = {id(client): client for client in (m._get_connection().connection.client for m in all_models())}
    for client in clients.values():
        client.meta.events.register("provide-client-params.dynamodb", record)
    try:
        yield calls
    finally:
        for client in clients.values():
            client.meta.events.unregister("provide-client-params.dynamodb", record)


def test_the_marks_cost_the_same_reads_for_a_page_of_two_ideas_as_for_a_page_of_twenty(
    api: Api, issuer: LocalIssuer, product: str
) -> None:
    author, reader = new_user(issuer), new_user(issuer, name="Rita Reader")
    ids = [post(api, author, product, f"Idea number {n}")["id"] for n in range(20)]
    for idea_id in ids[::3]:
        assert api.put(f"/ideas/{idea_id}/vote", reader).status == 200
    assert api.get("/me", reader).status == 200  # the reader's record exists before counting

    def page(limit: int) -> tuple[Counter[str], list[dict[str, Any]]]:
        with dynamodb_calls() as calls:
            items = api.get(f"/ideas?product={product}&sort=new&limit={limit}", reader).body["items"]
        return calls, items

    small, two = page(2)
    large, twenty = page(20)
    assert len(two) == 2 and len(twenty) == 20
    assert large == small and large["BatchGetItem"] >= 2  # votes and follows: one batch each, whatever the page
    assert {item["id"] for item in twenty if item["voted"]} == set(ids[::3])
    assert {item["id"] for item in twenty if item["following"]} == set(ids[::3])  # voting followed
