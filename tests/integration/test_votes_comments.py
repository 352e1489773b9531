"""Votes (idempotent, one per user, counted exactly) and comments, against DynamoDB Local."""

from __future__ import annotations

from typing import Any

from chalicelib.local_issuer import LocalIssuer
from chalicelib.store.models import VoteModel
from tests.support import Api, User, assert_error, new_user


def new_idea(api: Api, user: User, product: str, title: str = "Battery saver mode") -> Any:
    reply = api.post("/ideas", user, {"title": title, "product": product, "phase": "development"})
    assert reply.status == 201
    return reply.body


def stored_votes(idea_id: str) -> int:
    return VoteModel.count(idea_id, consistent_read=True)


def test_vote_is_idempotent_and_counted_once(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)

    first = api.put(f"/ideas/{idea['id']}/vote", customer)
    second = api.put(f"/ideas/{idea['id']}/vote", customer)

    assert first.status == second.status == 200
    assert first.body == second.body == {"idea_id": idea["id"], "vote_count": 1, "voted": True}
    assert stored_votes(idea["id"]) == 1
    assert api.get(f"/ideas/{idea['id']}", customer).body["voted"] is True


def test_unvote_is_idempotent(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    api.put(f"/ideas/{idea['id']}/vote", customer)

    first = api.delete(f"/ideas/{idea['id']}/vote", customer)
    second = api.delete(f"/ideas/{idea['id']}/vote", customer)

    assert first.body == second.body == {"idea_id": idea["id"], "vote_count": 0, "voted": False}
    assert stored_votes(idea["id"]) == 0
    assert api.get(f"/ideas/{idea['id']}", customer).body["voted"] is False


def test_votes_of_several_users_add_up(api: Api, issuer: LocalIssuer, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    voters = [new_user(issuer) for _ in range(3)]

    counts = [api.put(f"/ideas/{idea['id']}/vote", voter).body["vote_count"] for voter in voters]
    api.delete(f"/ideas/{idea['id']}/vote", voters[0])

    assert counts == [1, 2, 3]
    assert api.get(f"/ideas/{idea['id']}").body["vote_count"] == 2 == stored_votes(idea["id"])


def test_page_tells_the_reader_which_ideas_it_voted(api: Api, customer: User, product: str) -> None:
    voted = new_idea(api, customer, product, "Voted idea")
    new_idea(api, customer, product, "Not voted idea")
    api.put(f"/ideas/{voted['id']}/vote", customer)

    items = api.get(f"/ideas?product={product}", customer).body["items"]

    assert {item["title"]: item["voted"] for item in items} == {"Voted idea": True, "Not voted idea": False}


def test_voting_needs_a_token_and_a_known_idea(api: Api, customer: User) -> None:
    assert_error(api.put("/ideas/whatever/vote"), 401, "unauthorized")
    assert_error(api.put("/ideas/does-not-exist/vote", customer), 404, "not_found")
    assert_error(api.delete("/ideas/does-not-exist/vote", customer), 404, "not_found")
    assert stored_votes("does-not-exist") == 0


def test_comments_are_listed_oldest_first_and_counted(
    api: Api, issuer: LocalIssuer, customer: User, product: str
) -> None:
    idea = new_idea(api, customer, product)
    bodies = ["First!", "  Second, with spaces  ", "Third"]
    for body in bodies:
        reply = api.post(f"/ideas/{idea['id']}/comments", new_user(issuer), {"body": body})
        assert reply.status == 201
        assert reply.body["official"] is False
        assert reply.body["idea_id"] == idea["id"]

    listed = api.get(f"/ideas/{idea['id']}/comments").body

    assert [comment["body"] for comment in listed["items"]] == ["First!", "Second, with spaces", "Third"]
    assert listed["next_cursor"] is None
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 3


def test_comments_page_with_cursor(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    for n in range(5):
        api.post(f"/ideas/{idea['id']}/comments", customer, {"body": f"comment {n}"})

    first = api.get(f"/ideas/{idea['id']}/comments?limit=2").body
    second = api.get(f"/ideas/{idea['id']}/comments?limit=2&cursor={first['next_cursor']}").body
    third = api.get(f"/ideas/{idea['id']}/comments?limit=2&cursor={second['next_cursor']}").body

    bodies = [c["body"] for page in (first, second, third) for c in page["items"]]
    assert bodies == [f"comment {n}" for n in range(5)]
    assert third["next_cursor"] is None
    other = new_idea(api, customer, product, "Another idea")
    reused = api.get(f"/ideas/{other['id']}/comments?limit=2&cursor={first['next_cursor']}")
    assert_error(reused, 400, "validation_error")


def test_comments_by_the_team_are_official(api: Api, issuer: LocalIssuer, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)

    for role in ("product", "moderator", "admin"):
        reply = api.post(f"/ideas/{idea['id']}/comments", new_user(issuer, role), {"body": f"From {role}"})
        assert reply.body["official"] is True
    assert (
        api.post(f"/ideas/{idea['id']}/comments", new_user(issuer, "marketing"), {"body": "x"}).body["official"]
        is False
    )


def test_invalid_comment_is_refused_and_not_counted(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)

    for body in ({"body": ""}, {"body": "   "}, {"body": "x" * 2001}, {}, {"body": "ok", "official": True}):
        reply = api.post(f"/ideas/{idea['id']}/comments", customer, body)
        assert_error(reply, 400, "validation_error")
    assert_error(api.post("/ideas/does-not-exist/comments", customer, {"body": "hello"}), 404, "not_found")
    assert_error(api.get("/ideas/does-not-exist/comments"), 404, "not_found")
    assert_error(api.post(f"/ideas/{idea['id']}/comments", None, {"body": "hello"}), 401, "unauthorized")
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 0
    assert api.get(f"/ideas/{idea['id']}/comments").body["items"] == []


def test_comments_are_never_deleted(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    comment = api.post(f"/ideas/{idea['id']}/comments", customer, {"body": "Keep me"}).body

    assert_error(api.delete(f"/comments/{comment['id']}", customer), 405, "method_not_allowed")
    assert [c["body"] for c in api.get(f"/ideas/{idea['id']}/comments").body["items"]] == ["Keep me"]


def test_profile_counts_activity(api: Api, customer: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    api.put(f"/ideas/{idea['id']}/vote", customer)
    api.post(f"/ideas/{idea['id']}/comments", customer, {"body": "My own idea, my own comment"})

    stats = api.get("/me", customer).body["stats"]

    assert stats == {"ideas": 1, "votes": 1, "comments": 1}


def test_unsupported_method_on_a_known_path_is_405_in_contract_shape(api: Api) -> None:
    assert_error(api.post("/health"), 405, "method_not_allowed")
