"""Posting, reading, listing (filters, sorts, paging) and editing ideas, against DynamoDB Local."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, assert_error, new_user


def post_idea(api: Api, user: User, product: str, title: str = "Dark mode for the app", **extra: Any) -> Any:
    reply = api.post("/ideas", user, {"title": title, "product": product, "phase": "design", **extra})
    assert reply.status == 201, reply.body
    return reply.body


def test_posted_idea_is_returned_stored_and_counted_on_its_board(api: Api, customer: User, product: str) -> None:
    reply = api.post(
        "/ideas",
        customer,
        {"title": "  Offline mode  ", "body": "Keep working without network", "product": product, "phase": "testing"},
    )

    assert reply.status == 201
    idea = reply.body
    assert reply.headers["location"] == f"/ideas/{idea['id']}"
    assert idea["title"] == "Offline mode"  # trimmed
    assert idea["status"] == "open"
    assert idea["vote_count"] == 0 and idea["comment_count"] == 0
    assert idea["author"] == {"id": customer.id, "name": customer.name}
    assert idea["topic"] is None and idea["response"] is None and idea["merged_into"] is None
    assert idea["voted"] is False
    assert "hidden" not in idea
    assert api.get(f"/ideas/{idea['id']}").body["title"] == "Offline mode"
    assert api.get(f"/products/{product}").body["idea_counts"]["testing"] == 1


def test_anonymous_reader_gets_no_voted_flag(api: Api, customer: User, product: str) -> None:
    idea = post_idea(api, customer, product)

    reply = api.get(f"/ideas/{idea['id']}")

    assert reply.status == 200
    assert "voted" not in reply.body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "ab", "phase": "design"}, "title"),
        ({"title": "   ab   ", "phase": "design"}, "title"),
        ({"title": "x" * 141, "phase": "design"}, "title"),
        ({"title": "Valid title", "phase": "design", "body": "y" * 5001}, "body"),
        ({"title": "Valid title", "phase": "launch"}, "phase"),
        ({"title": "Valid title"}, "phase"),
        ({"phase": "design"}, "title"),
        ({"title": 42, "phase": "design"}, "title"),
        ({"title": "Valid title", "phase": "design", "votes": 100}, "votes"),
    ],
)
def test_invalid_idea_is_refused_naming_the_field(
    api: Api, customer: User, product: str, body: dict[str, Any], field: str
) -> None:
    reply = api.post("/ideas", customer, {"product": product, **body})

    assert_error(reply, 400, "validation_error")
    assert field in reply.body["error"]["fields"]
    assert api.get(f"/products/{product}").body["idea_counts"]["design"] == 0


def test_unknown_product_is_a_validation_error_and_stores_nothing(api: Api, customer: User) -> None:
    reply = api.post("/ideas", customer, {"title": "Valid title", "product": "no-such-product", "phase": "design"})

    assert_error(reply, 400, "validation_error")
    assert "product" in reply.body["error"]["fields"]
    assert api.get("/ideas?author=me", customer).body["items"] == []


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', ""])
def test_body_that_is_not_a_json_object_is_refused(api: Api, customer: User, raw: str) -> None:
    assert_error(api.post("/ideas", customer, raw_body=raw), 400, "validation_error")


def test_body_over_64_kib_is_refused(api: Api, customer: User, product: str) -> None:
    body = json.dumps({"title": "Big one", "phase": "design", "product": product, "body": "x" * 70_000})

    assert_error(api.post("/ideas", customer, raw_body=body), 413, "payload_too_large")


def test_posting_needs_a_token(api: Api, product: str) -> None:
    reply = api.post("/ideas", None, {"title": "Valid title", "product": product, "phase": "design"})

    assert_error(reply, 401, "unauthorized")


def test_unknown_idea_is_404(api: Api) -> None:
    assert_error(api.get("/ideas/does-not-exist"), 404, "not_found")
    assert_error(api.get("/ideas/" + "x" * 3000), 404, "not_found")


def test_ideas_are_never_deleted(api: Api, customer: User, product: str) -> None:
    idea = post_idea(api, customer, product)

    assert_error(api.delete(f"/ideas/{idea['id']}", customer), 405, "method_not_allowed")
    assert api.get(f"/ideas/{idea['id']}").status == 200


def board(api: Api, query: str, user: User | None = None) -> list[str]:
    reply = api.get(f"/ideas?{query}", user)
    assert reply.status == 200, reply.body
    return [item["title"] for item in reply.body["items"]]


def test_sorts_top_new_and_trending(api: Api, issuer: LocalIssuer, customer: User, product: str) -> None:
    old = post_idea(api, customer, product, "First idea posted")
    middle = post_idea(api, customer, product, "Second idea posted")
    post_idea(api, customer, product, "Third idea posted")
    for _ in range(2):
        api.put(f"/ideas/{old['id']}/vote", new_user(issuer))
    api.put(f"/ideas/{middle['id']}/vote", new_user(issuer))

    assert board(api, f"product={product}&sort=new") == ["Third idea posted", "Second idea posted", "First idea posted"]
    assert board(api, f"product={product}&sort=top") == ["First idea posted", "Second idea posted", "Third idea posted"]
    assert board(api, f"product={product}") == board(api, f"product={product}&sort=top")
    # Trending: ideas with votes this week first (most first), then the others, newest first.
    assert board(api, f"product={product}&sort=trending") == [
        "First idea posted",
        "Second idea posted",
        "Third idea posted",
    ]


def test_filters_by_phase_status_and_author(api: Api, issuer: LocalIssuer, customer: User, product: str) -> None:
    other = new_user(issuer)
    post_idea(api, customer, product, "Mine in design")
    api.post("/ideas", other, {"title": "Theirs in testing", "product": product, "phase": "testing"})

    assert board(api, f"product={product}&phase=testing") == ["Theirs in testing"]
    assert board(api, f"product={product}&author=me", customer) == ["Mine in design"]
    assert board(api, "author=me", other) == ["Theirs in testing"]
    assert board(api, f"product={product}&status=planned") == []
    assert sorted(board(api, f"product={product}&status=open")) == ["Mine in design", "Theirs in testing"]
    assert_error(api.get("/ideas?author=me"), 401, "unauthorized")


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "limit=abc", "sort=best", "phase=launch", "status=gone", "author=someone", "colour=red"],
)
def test_invalid_list_query_is_refused(api: Api, query: str) -> None:
    assert_error(api.get(f"/ideas?{query}"), 400, "validation_error")


@pytest.mark.parametrize("sort", ["top", "new", "trending"])
def test_cursor_paging_visits_every_idea_once(
    api: Api, issuer: LocalIssuer, customer: User, product: str, sort: str
) -> None:
    titles = {f"Paged idea number {n}" for n in range(7)}
    for title in sorted(titles):
        post_idea(api, customer, product, title)
    idea_ids = [item["id"] for item in api.get(f"/ideas?product={product}&limit=100").body["items"]]
    for idea_id in idea_ids[:3]:
        api.put(f"/ideas/{idea_id}/vote", new_user(issuer))

    seen: list[str] = []
    cursor = None
    while True:
        query = f"product={product}&sort={sort}&limit=3" + (f"&cursor={cursor}" if cursor else "")
        reply = api.get(f"/ideas?{query}")
        assert reply.status == 200
        assert len(reply.body["items"]) <= 3
        seen += [item["title"] for item in reply.body["items"]]
        cursor = reply.body["next_cursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(titles)


def test_tampered_or_foreign_cursor_is_a_400(api: Api, customer: User, product: str) -> None:
    for n in range(3):
        post_idea(api, customer, product, f"Cursor idea {n}")
    cursor = api.get(f"/ideas?product={product}&limit=1").body["next_cursor"]
    assert cursor

    tampered = cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")
    for bad in (tampered, "garbage", "e30", cursor + "x"):
        assert_error(api.get(f"/ideas?product={product}&limit=1&cursor={bad}"), 400, "validation_error")
    # A cursor of one query is refused by another.
    assert_error(api.get(f"/ideas?product={product}&sort=new&limit=1&cursor={cursor}"), 400, "validation_error")


def test_author_edits_while_open_and_history_keeps_previous_text(
    api: Api, issuer: LocalIssuer, customer: User, product_user: User, product: str
) -> None:
    idea = post_idea(api, customer, product, "Original title", body="Original body")

    reply = api.patch(f"/ideas/{idea['id']}", customer, {"title": "Better title"})

    assert reply.status == 200
    assert reply.body["title"] == "Better title" and reply.body["body"] == "Original body"
    assert_error(api.patch(f"/ideas/{idea['id']}", new_user(issuer), {"title": "Hijacked"}), 403, "forbidden")
    assert_error(api.patch(f"/ideas/{idea['id']}", customer, {"status": "done"}), 403, "forbidden")
    assert_error(api.patch(f"/ideas/{idea['id']}", customer, {"title": "x"}), 400, "validation_error")
    assert_error(api.patch(f"/ideas/{idea['id']}", customer, {}), 400, "validation_error")
    assert api.get(f"/ideas/{idea['id']}").body["title"] == "Better title"

    from chalicelib.store.models import HistoryModel

    events = list(HistoryModel.query(idea["id"]))
    assert [event.action for event in events] == ["created", "edited"]
    assert events[1].before is not None and events[1].before["title"] == "Original title"


def test_product_team_sets_status_and_answers_then_author_can_no_longer_edit(
    api: Api, customer: User, product_user: User, product: str
) -> None:
    idea = post_idea(api, customer, product)

    reply = api.patch(f"/ideas/{idea['id']}", product_user, {"status": "planned", "response": "Coming in March."})

    assert reply.status == 200
    assert reply.body["status"] == "planned"
    assert reply.body["response"]["body"] == "Coming in March."
    assert reply.body["response"]["author"]["id"] == product_user.id
    assert_error(api.patch(f"/ideas/{idea['id']}", customer, {"title": "Too late now"}), 403, "forbidden")
    assert_error(api.patch(f"/ideas/{idea['id']}", product_user, {"status": "merged"}), 400, "validation_error")
    assert board(api, f"product={product}&status=planned") == [idea["title"]]
