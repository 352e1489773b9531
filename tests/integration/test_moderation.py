"""Moderation without destruction: hide and restore, held items in the queue, history, merge."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import Principal
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store import ideas as idea_store
from chalicelib.store.comments import create_comment
from chalicelib.store.models import VoteModel
from tests.support import Api, User, assert_error, new_user


@pytest.fixture
def moderator(issuer: LocalIssuer) -> User:
    return new_user(issuer, "moderator", name="Marta Moderadora")


def new_idea(api: Api, user: User, product: str, title: str = "Pair the hub over Bluetooth") -> Any:
    reply = api.post(
        "/ideas", user, {"title": title, "body": "Original text", "product": product, "phase": "installation"}
    )
    assert reply.status == 201
    return reply.body


def held_idea(user: User, product: str, title: str = "Held for review") -> str:
    """An idea as the moderation filter leaves it: pending, queued, not counted."""
    author = Principal(user.id, user.name, "", ("customer",))
    idea = idea_store.create_idea(
        author, title, "", product, "installation", to_storage(utc_now()), held_reason="insult"
    )
    return idea.id


def test_hidden_idea_is_404_to_the_public_and_listed_nowhere_but_kept(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product: str
) -> None:
    idea = new_idea(api, customer, product)

    hidden = api.post(f"/ideas/{idea['id']}/hide", moderator, {"reason": "Off-topic advertising"})

    assert hidden.status == 200
    assert hidden.body["hidden"] is True
    assert_error(api.get(f"/ideas/{idea['id']}"), 404, "not_found")
    assert_error(api.get(f"/ideas/{idea['id']}", new_user(issuer)), 404, "not_found")
    assert api.get(f"/ideas/{idea['id']}", moderator).body["title"] == idea["title"]
    assert api.get(f"/ideas?product={product}").body["items"] == []
    assert api.get(f"/products/{product}").body["idea_counts"]["installation"] == 0
    assert_error(api.put(f"/ideas/{idea['id']}/vote", new_user(issuer)), 404, "not_found")

    restored = api.post(f"/ideas/{idea['id']}/restore", moderator)

    assert restored.status == 200
    assert restored.body["hidden"] is False
    assert [item["id"] for item in api.get(f"/ideas?product={product}").body["items"]] == [idea["id"]]
    assert api.get(f"/products/{product}").body["idea_counts"]["installation"] == 1


def test_hiding_needs_a_reason_and_the_moderator_role(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product: str
) -> None:
    idea = new_idea(api, customer, product)

    assert_error(api.post(f"/ideas/{idea['id']}/hide", moderator, {}), 400, "validation_error")
    assert_error(api.post(f"/ideas/{idea['id']}/hide", moderator, {"reason": "  "}), 400, "validation_error")
    for role in ("customer", "product", "marketing"):
        assert_error(api.post(f"/ideas/{idea['id']}/hide", new_user(issuer, role), {"reason": "x"}), 403, "forbidden")
    assert_error(api.post(f"/ideas/{idea['id']}/hide", None, {"reason": "x"}), 401, "unauthorized")
    assert api.post(f"/ideas/{idea['id']}/hide", new_user(issuer, "admin"), {"reason": "Spam"}).status == 200
    assert_error(api.post(f"/ideas/{idea['id']}/hide", moderator, {"reason": "Again"}), 409, "conflict")
    assert_error(api.post("/ideas/unknown/hide", moderator, {"reason": "x"}), 404, "not_found")


def test_held_idea_waits_in_the_queue_visible_to_author_and_moderators(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product: str
) -> None:
    idea_id = held_idea(customer, product)

    assert_error(api.get(f"/ideas/{idea_id}"), 404, "not_found")
    assert api.get(f"/ideas/{idea_id}", customer).body["status"] == "pending_moderation"
    assert api.get(f"/products/{product}").body["idea_counts"]["installation"] == 0
    queue = api.get("/moderation/queue?limit=100", moderator).body["items"]
    entry = next(item for item in queue if item["id"] == idea_id)
    assert entry["kind"] == "idea" and entry["reason"] == "insult"
    assert entry["item"]["status"] == "pending_moderation"
    assert_error(api.get("/moderation/queue", customer), 403, "forbidden")

    approved = api.post(f"/ideas/{idea_id}/restore", moderator)

    assert approved.body["status"] == "open"
    assert api.get(f"/ideas/{idea_id}").status == 200
    assert api.get(f"/products/{product}").body["idea_counts"]["installation"] == 1
    assert idea_id not in [item["id"] for item in api.get("/moderation/queue?limit=100", moderator).body["items"]]


def test_comments_are_hidden_and_restored_with_their_count(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product: str
) -> None:
    idea = new_idea(api, customer, product)
    comment = api.post(f"/ideas/{idea['id']}/comments", customer, {"body": "Rude but readable"}).body

    assert api.post(f"/comments/{comment['id']}/hide", moderator, {"reason": "Rude"}).status == 200
    assert api.get(f"/ideas/{idea['id']}/comments").body["items"] == []
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 0
    assert_error(api.post(f"/comments/{comment['id']}/hide", moderator, {"reason": "Again"}), 409, "conflict")
    assert_error(api.post(f"/comments/{comment['id']}/restore", customer), 403, "forbidden")

    assert api.post(f"/comments/{comment['id']}/restore", moderator).status == 200
    assert [c["body"] for c in api.get(f"/ideas/{idea['id']}/comments").body["items"]] == ["Rude but readable"]
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 1
    assert_error(api.post("/comments/unknown/hide", moderator, {"reason": "x"}), 404, "not_found")


def test_held_comment_is_not_listed_until_approved(api: Api, customer: User, moderator: User, product: str) -> None:
    idea = new_idea(api, customer, product)
    stored = idea_store.get_idea(idea["id"], consistent=True)
    assert stored is not None
    author = Principal(customer.id, customer.name, "", ("customer",))
    comment = create_comment(stored, author, "Flagged words here", to_storage(utc_now()), held_reason="obscenity")

    assert api.get(f"/ideas/{idea['id']}/comments").body["items"] == []
    assert [c["id"] for c in api.get(f"/ideas/{idea['id']}/comments", customer).body["items"]] == [comment.id]
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 0
    queued = [
        item for item in api.get("/moderation/queue?limit=100", moderator).body["items"] if item["id"] == comment.id
    ]
    assert queued[0]["kind"] == "comment" and queued[0]["item"]["body"] == "Flagged words here"

    assert api.post(f"/comments/{comment.id}/restore", moderator).status == 200
    assert [c["id"] for c in api.get(f"/ideas/{idea['id']}/comments").body["items"]] == [comment.id]
    assert api.get(f"/ideas/{idea['id']}").body["comment_count"] == 1


def test_history_keeps_every_text_ever_published(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product_user: User, product: str
) -> None:
    idea = new_idea(api, customer, product, "First wording")
    api.patch(f"/ideas/{idea['id']}", customer, {"title": "Second wording", "body": "New text"})
    comment = api.post(f"/ideas/{idea['id']}/comments", customer, {"body": "A comment later hidden"}).body
    api.post(f"/comments/{comment['id']}/hide", moderator, {"reason": "Rude"})
    api.patch(f"/ideas/{idea['id']}", product_user, {"status": "planned", "response": "We will do it."})
    api.post(f"/ideas/{idea['id']}/hide", moderator, {"reason": "Duplicate"})
    api.post(f"/ideas/{idea['id']}/restore", moderator)

    history = api.get(f"/ideas/{idea['id']}/history?limit=100", moderator).body["items"]

    assert [event["action"] for event in history] == [
        "created",
        "edited",
        "commented",
        "comment_hidden",
        "status_changed",
        "responded",
        "hidden",
        "restored",
    ]
    texts = str(history)
    for text in (
        "First wording",
        "Original text",
        "Second wording",
        "New text",
        "A comment later hidden",
        "We will do it.",
    ):
        assert text in texts
    assert history[6]["reason"] == "Duplicate"
    assert history[1]["before"] == {"title": "First wording", "body": "Original text"}
    assert api.get(f"/ideas/{idea['id']}/history", product_user).status == 200
    assert_error(api.get(f"/ideas/{idea['id']}/history", customer), 403, "forbidden")
    assert_error(api.get(f"/ideas/{idea['id']}/history"), 401, "unauthorized")


def test_merge_counts_each_distinct_voter_once_and_refuses_votes_on_the_source(
    api: Api, issuer: LocalIssuer, customer: User, product_user: User, product: str
) -> None:
    source = new_idea(api, customer, product, "Dark theme please")
    target = new_idea(api, customer, product, "Dark mode for the app")
    both, only_source, only_target = new_user(issuer), new_user(issuer), new_user(issuer)
    for voter in (both, only_source):
        api.put(f"/ideas/{source['id']}/vote", voter)
    for voter in (both, only_target):
        api.put(f"/ideas/{target['id']}/vote", voter)

    merged = api.post(f"/ideas/{source['id']}/merge", product_user, {"into": target["id"]})

    assert merged.status == 200
    assert merged.body["id"] == target["id"]
    assert merged.body["vote_count"] == 3
    assert VoteModel.count(target["id"], consistent_read=True) == 3
    merged_source = api.get(f"/ideas/{source['id']}").body
    assert merged_source["status"] == "merged" and merged_source["merged_into"] == target["id"]
    assert_error(api.put(f"/ideas/{source['id']}/vote", new_user(issuer)), 409, "conflict")
    # Asking again finishes nothing new and counts nobody twice.
    again = api.post(f"/ideas/{source['id']}/merge", product_user, {"into": target["id"]})
    assert again.body["vote_count"] == 3
    history = api.get(f"/ideas/{source['id']}/history", product_user).body["items"]
    assert history[-1]["action"] == "merged"
    assert api.get(f"/ideas/{target['id']}/history", product_user).body["items"][-1]["action"] == "merge_received"


def test_merge_refusals(api: Api, issuer: LocalIssuer, customer: User, product_user: User, product: str) -> None:
    first = new_idea(api, customer, product, "Idea one")
    second = new_idea(api, customer, product, "Idea two")
    third = new_idea(api, customer, product, "Idea three")
    api.post(f"/ideas/{first['id']}/merge", product_user, {"into": second["id"]})

    assert_error(api.post(f"/ideas/{third['id']}/merge", product_user, {"into": first["id"]}), 409, "conflict")
    assert_error(api.post(f"/ideas/{third['id']}/merge", product_user, {"into": third["id"]}), 409, "conflict")
    assert_error(api.post(f"/ideas/{first['id']}/merge", product_user, {"into": third["id"]}), 409, "conflict")
    assert_error(api.post(f"/ideas/{third['id']}/merge", customer, {"into": second["id"]}), 403, "forbidden")
    assert_error(api.post(f"/ideas/{third['id']}/merge", product_user, {"into": "unknown"}), 404, "not_found")
    assert_error(api.post(f"/ideas/{third['id']}/merge", product_user, {}), 400, "validation_error")
    assert api.get(f"/ideas/{third['id']}").body["status"] == "open"


def test_flagged_posts_are_held_for_moderation_not_published(
    api: Api, issuer: LocalIssuer, customer: User, moderator: User, product: str
) -> None:
    idea = api.post(
        "/ideas", customer, {"title": "Los de soporte son unos I.D.I.O.T.A.S", "product": product, "phase": "design"}
    )
    clean = new_idea(api, customer, product, "Clean idea")
    comment = api.post(f"/ideas/{clean['id']}/comments", customer, {"body": "What a piece of sh1t"})
    edited = api.patch(f"/ideas/{clean['id']}", customer, {"body": "This app is m1erda"})

    assert idea.status == 201 and idea.body["status"] == "pending_moderation"
    assert comment.status == 201
    assert edited.status == 200 and edited.body["status"] == "pending_moderation"
    assert api.get(f"/ideas?product={product}").body["items"] == []
    assert api.get(f"/products/{product}").body["idea_counts"]["design"] == 0
    queue = {item["id"]: item for item in api.get("/moderation/queue?limit=100", moderator).body["items"]}
    assert queue[idea.body["id"]]["reason"] == "insult"
    assert queue[comment.body["id"]]["kind"] == "comment"
    assert queue[clean["id"]]["item"]["body"] == "This app is m1erda"

    assert api.post(f"/ideas/{idea.body['id']}/hide", moderator, {"reason": "Insult"}).status == 200
    assert api.post(f"/ideas/{clean['id']}/restore", moderator).body["status"] == "open"
    remaining = {item["id"] for item in api.get("/moderation/queue?limit=100", moderator).body["items"]}
    assert idea.body["id"] not in remaining and clean["id"] not in remaining
    assert [item["title"] for item in api.get(f"/ideas?product={product}").body["items"]] == ["Clean idea"]


def test_innocent_words_are_not_held(api: Api, customer: User, product: str) -> None:
    reply = api.post(
        "/ideas",
        customer,
        {
            "title": "Assessment of the Scunthorpe class",
            "body": "Computadora negra",
            "product": product,
            "phase": "design",
        },
    )

    assert reply.body["status"] == "open"
