"""Page cursors on the real stack: they reveal nothing, fit only the route and filters that issued
them, expire, and segment members are paged over consenting customers only."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from chalicelib.api.request import cursor_codec
from chalicelib.cursor import DEFAULT_LIFETIME_SECONDS
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store import topics as topic_store
from tests.integration.published import publish_segment
from tests.support import Api, User, assert_error, new_user


def revealed(cursor: str) -> bytes:
    """Everything a client can read out of a cursor without the secret."""
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))


def every_page(api: Api, path: str, user: User | None = None) -> Iterator[dict[str, object]]:
    separator = "&" if "?" in path else "?"
    cursor = None
    while True:
        reply = api.get(path + (f"{separator}cursor={cursor}" if cursor else ""), user)
        assert reply.status == 200, reply.body
        yield reply.body
        cursor = reply.body["next_cursor"]
        if cursor is None:
            return


@dataclass
class Segment:
    path: str
    marketing: User
    listed: list[str]  # user ids marketing may see, in listing order
    unlisted: list[str]  # members who must never show: no consent, or staff


@pytest.fixture
def segment(api: Api, issuer: LocalIssuer) -> Iterator[Segment]:
    """Members interleaved in key order: consenting customers between people never to be listed."""
    listed: list[str] = []
    unlisted: list[str] = []
    for index in range(9):
        kind = ("consenting", "refusing", "staff")[index % 3]
        user = user_with_id(issuer, f"m{index:02d}-{uuid.uuid4().hex[:8]}", "moderator" if kind == "staff" else None)
        assert api.patch("/me", user, {"marketing_consent": kind != "refusing"}).status == 200
        (listed if kind == "consenting" else unlisted).append(user.id)
    path = publish_segment(listed + unlisted)
    yield Segment(path, new_user(issuer, "marketing"), sorted(listed), unlisted)
    topic_store.forget_cached_view()


def user_with_id(issuer: LocalIssuer, user_id: str, group: str | None) -> User:
    """A user whose id fixes its place in the segment's key order."""
    groups = [group] if group else []
    return User(user_id, f"Member {user_id}", groups, issuer.issue(user_id, f"Member {user_id}", groups=groups))


def test_member_pages_hold_only_consenting_customers_and_their_cursors_reveal_no_one(
    api: Api, segment: Segment
) -> None:
    pages = list(every_page(api, segment.path + "?limit=1", segment.marketing))

    assert [item["user_id"] for page in pages for item in page["items"]] == segment.listed  # type: ignore[attr-defined]
    # Every page is full: a short page would tell that someone was left out.
    assert [len(page["items"]) for page in pages] == [1, 1, 1]  # type: ignore[arg-type]
    for page in pages[:-1]:
        cursor = revealed(str(page["next_cursor"]))
        for user_id in segment.listed + segment.unlisted:
            assert user_id.encode() not in cursor
            assert user_id.split("-", 1)[0].encode() not in cursor


def test_member_export_holds_only_consenting_customers(api: Api, segment: Segment) -> None:
    exported = api.call("GET", segment.path + "?format=csv", segment.marketing, parse=False).body

    for user_id in segment.listed:
        assert user_id in exported
    for user_id in segment.unlisted:
        assert user_id not in exported


def test_idea_cursors_reveal_no_key_of_any_idea(api: Api, issuer: LocalIssuer, customer: User, product: str) -> None:
    moderator = new_user(issuer, "moderator")
    ids = [
        api.post("/ideas", customer, {"title": f"Opaque {n}", "product": product, "phase": "design"}).body["id"]
        for n in range(5)
    ]
    for idea_id in ids[1::2]:
        assert api.post(f"/ideas/{idea_id}/hide", moderator, {"reason": "test"}).status == 200

    for sort in ("top", "new", "trending"):
        for page in every_page(api, f"/ideas?product={product}&sort={sort}&limit=1"):
            if page["next_cursor"]:
                cursor = revealed(str(page["next_cursor"]))
                assert product.encode() not in cursor
                for idea_id in ids:
                    assert idea_id.encode() not in cursor


def test_cursor_is_refused_on_every_other_route_and_filter(
    api: Api, issuer: LocalIssuer, customer: User, product: str
) -> None:
    ideas = [
        api.post("/ideas", customer, {"title": f"Replay {n}", "product": product, "phase": "testing"}).body["id"]
        for n in range(3)
    ]
    for n in range(3):
        api.post(f"/ideas/{ideas[0]}/comments", customer, {"body": f"Comment {n}"})
    cursor = api.get(f"/ideas?product={product}&limit=1").body["next_cursor"]
    comments_cursor = api.get(f"/ideas/{ideas[0]}/comments?limit=1").body["next_cursor"]
    assert cursor and comments_cursor
    moderator = new_user(issuer, "moderator")

    for path, user in (
        (f"/ideas?product={product}&phase=testing&limit=1", None),
        (f"/ideas?product={product}&sort=new&limit=1", None),
        ("/ideas?limit=1", None),
        (f"/ideas/{ideas[0]}/comments?limit=1", None),
        ("/products?limit=1", None),
        ("/alerts?limit=1", new_user(issuer, "product")),
        ("/moderation/queue?limit=1", moderator),
        (f"/ideas/{ideas[0]}/history?limit=1", moderator),
    ):
        assert_error(api.get(f"{path}&cursor={cursor}", user), 400, "validation_error")
    # The comments of one idea are not the comments of another.
    assert_error(api.get(f"/ideas/{ideas[1]}/comments?limit=1&cursor={comments_cursor}"), 400, "validation_error")
    assert api.get(f"/ideas/{ideas[0]}/comments?limit=1&cursor={comments_cursor}").status == 200


def test_expired_cursor_is_a_400(api: Api, customer: User, product: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(2):
        api.post("/ideas", customer, {"title": f"Expiring {n}", "product": product, "phase": "design"})
    cursor = api.get(f"/ideas?product={product}&limit=1").body["next_cursor"]
    assert api.get(f"/ideas?product={product}&limit=1&cursor={cursor}").status == 200

    later = time.time() + DEFAULT_LIFETIME_SECONDS + 1
    monkeypatch.setattr(cursor_codec(), "_clock", lambda: later)
    reply = api.get(f"/ideas?product={product}&limit=1&cursor={cursor}")

    assert_error(reply, 400, "validation_error")
    assert reply.body["error"]["fields"]["cursor"]
    assert "expired" in reply.body["error"]["message"]
