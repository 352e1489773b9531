"""GET /moderation/hidden: what moderators hid, newest first, until it is restored."""

from __future__ import annotations

import uuid

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, assert_error, new_user


def test_hidden_ideas_and_comments_are_listed_newest_first_until_restored(
    api: Api, issuer: LocalIssuer, customer: User, product: str
) -> None:
    moderator = new_user(issuer, "moderator", name="Mara Moderadora")
    idea = api.post("/ideas", customer, {"title": "Se ocultará", "product": product, "phase": "design"}).body
    comment = api.post(f"/ideas/{idea['id']}/comments", customer, {"body": "También se ocultará"}).body
    assert api.post(f"/comments/{comment['id']}/hide", moderator, {"reason": "spam"}).status == 200
    assert api.post(f"/ideas/{idea['id']}/hide", moderator, {"reason": "fuera de tema"}).status == 200

    listed = api.get(f"/moderation/hidden?product={product}", moderator)

    assert listed.status == 200, listed.body
    assert [(entry["kind"], entry["id"]) for entry in listed.body["items"]] == [
        ("idea", idea["id"]),
        ("comment", comment["id"]),
    ]
    first = listed.body["items"][0]
    assert first["reason"] == "fuera de tema"
    assert first["hidden_by"] == {"id": moderator.id, "name": "Mara Moderadora"}
    assert first["item"]["hidden"] is True and first["item"]["title"] == "Se ocultará"
    assert first["hidden_at"].endswith("Z")
    assert listed.body["items"][1]["item"]["body"] == "También se ocultará"
    only_comments = api.get(f"/moderation/hidden?product={product}&kind=comment", moderator).body["items"]
    assert [entry["id"] for entry in only_comments] == [comment["id"]]

    assert api.post(f"/ideas/{idea['id']}/restore", moderator).status == 200
    assert api.post(f"/comments/{comment['id']}/restore", moderator).status == 200
    assert api.get(f"/moderation/hidden?product={product}", moderator).body["items"] == []


def test_the_hidden_list_pages_through_everything_once(api: Api, issuer: LocalIssuer, customer: User) -> None:
    moderator = new_user(issuer, "moderator")
    slug = f"h-{uuid.uuid4().hex[:10]}"
    assert api.post("/products", new_user(issuer, "product"), {"slug": slug, "name": "Hidden"}).status == 201
    hidden = []
    for number in range(5):
        body = {"title": f"Oculta {number}", "product": slug, "phase": "testing"}
        idea_id = api.post("/ideas", customer, body).body["id"]
        assert api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "r"}).status == 200
        hidden.append(idea_id)
    seen: list[str] = []
    cursor = ""
    while True:
        page = api.get(f"/moderation/hidden?product={slug}&limit=2{cursor}", moderator).body
        seen += [entry["id"] for entry in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == list(reversed(hidden))


def test_only_moderators_see_the_hidden_list_and_bad_filters_are_refused(
    api: Api, issuer: LocalIssuer, customer: User
) -> None:
    moderator = new_user(issuer, "moderator")
    assert_error(api.get("/moderation/hidden"), 401, "unauthorized")
    assert_error(api.get("/moderation/hidden", customer), 403, "forbidden")
    assert_error(api.get("/moderation/hidden", new_user(issuer, "product")), 403, "forbidden")
    assert_error(api.get("/moderation/hidden?kind=vote", moderator), 400, "validation_error")
    assert_error(api.get("/moderation/hidden?product=Not%20A%20Slug", moderator), 400, "validation_error")
    assert_error(api.get("/moderation/hidden?cursor=forged", moderator), 400, "validation_error")
