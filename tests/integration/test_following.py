"""Following ideas, settings per kind of e-mail, one-click unsubscribe, and merge wording per
recipient: through the API on DynamoDB Local, e-mails read back from the .eml outbox."""

from __future__ import annotations

import email
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from chalicelib.config import cursor_secret
from chalicelib.local_issuer import LocalIssuer
from chalicelib.unsubscribe_tokens import LIFETIME_SECONDS, UnsubscribeTokens
from tests.integration.test_notifications import body_of, deliver, follower, messages_for
from tests.support import Api, User, assert_error, new_user

ALL_ON = {"updates": True, "merges": True, "release_notes": True, "webhooks": True}


def new_idea(api: Api, author: User, product: str, title: str) -> dict[str, Any]:
    reply = api.post("/ideas", author, {"title": title, "product": product, "phase": "design"})
    assert reply.status == 201
    created: dict[str, Any] = reply.body
    return created


def answer(api: Api, product_user: User, idea_id: object, status: str) -> None:
    assert api.patch(f"/ideas/{idea_id}", product_user, {"status": status}).status == 200


def token_of(message: email.message.Message) -> str:
    link = str(message["List-Unsubscribe"]).strip("<>")
    return unquote(parse_qs(urlsplit(link).query)["token"][0])


def planned_email(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, outbox: Path, language: str, title: str
) -> tuple[User, dict[str, Any], email.message.Message]:
    """An author's new idea, planned by the team: the author, the idea and the one e-mail she gets."""
    author = follower(api, issuer, language)
    idea = new_idea(api, author, product, title)
    answer(api, product_user, idea["id"], "planned")
    deliver(outbox)
    [message] = messages_for(outbox, author)
    return author, idea, message


def test_follow_and_unfollow_decide_who_gets_the_emails(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author, voter, onlooker = (follower(api, issuer, "en") for _ in range(3))
    idea = new_idea(api, author, product, "Keyboard shortcuts")
    path = f"/ideas/{idea['id']}"
    assert api.get(path, onlooker).body["following"] is False
    assert api.get(path, author).body["following"] is True
    assert "following" not in api.get(path).body  # signed out: no such field

    assert api.put(f"{path}/vote", voter).status == 200
    assert api.get(path, voter).body["following"] is True  # voting follows
    for _ in range(2):  # idempotent
        reply = api.put(f"{path}/follow", onlooker)
        assert (reply.status, reply.body) == (200, {"idea_id": idea["id"], "following": True})
    for _ in range(2):
        reply = api.delete(f"{path}/follow", voter)
        assert (reply.status, reply.body) == (200, {"idea_id": idea["id"], "following": False})
    assert api.put(f"{path}/vote", voter).status == 200  # voting again does not undo the unfollow
    assert api.get(path, voter).body["following"] is False
    listed = api.get(f"/ideas?product={product}", onlooker).body["items"]
    assert [item["following"] for item in listed] == [True]

    answer(api, product_user, idea["id"], "planned")
    deliver(tmp_path)
    assert len(messages_for(tmp_path, onlooker)) == 1
    assert len(messages_for(tmp_path, author)) == 1
    assert messages_for(tmp_path, voter) == []  # unfollowed: no e-mail even as a voter


def test_follow_needs_sign_in_and_a_visible_idea(api: Api, issuer: LocalIssuer, product: str) -> None:
    user = new_user(issuer)
    assert_error(api.put("/ideas/none/follow"), 401, "unauthorized")
    assert_error(api.put("/ideas/does-not-exist/follow", user), 404, "not_found")
    assert_error(api.delete("/ideas/" + "x" * 300 + "/follow", user), 404, "not_found")


def test_settings_per_kind_and_the_old_boolean(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author = follower(api, issuer, "es")
    assert api.get("/me", author).body["notifications"] == ALL_ON
    reply = api.patch("/me", author, {"notifications": {"updates": False}})
    assert reply.status == 200
    assert reply.body["notifications"] == ALL_ON | {"updates": False}
    idea = new_idea(api, author, product, "Modo compacto")
    answer(api, product_user, idea["id"], "planned")
    target = new_idea(api, new_user(issuer), product, "Vista densa")
    assert api.post(f"/ideas/{idea['id']}/merge", product_user, {"into": target["id"]}).status == 200
    deliver(tmp_path)
    received = messages_for(tmp_path, author)
    assert ["se ha unido" in body_of(m) for m in received] == [True]  # the merge only, not the answer

    assert api.patch("/me", author, {"notifications": False}).body["notifications"] == dict.fromkeys(ALL_ON, False)
    assert api.patch("/me", author, {"notifications": True}).body["notifications"] == ALL_ON
    for bad in ({"updates": "no"}, {"sms": True}, "yes", 1, None):
        assert_error(api.patch("/me", author, {"notifications": bad, "name": "Changed"}), 400, "validation_error")
    assert api.get("/me", author).body["name"] != "Changed"  # nothing half-written


def test_one_click_unsubscribe_from_the_email(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author, idea, message = planned_email(api, issuer, product_user, product, tmp_path, "pt", "Exportar PDF")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(message["List-Unsubscribe"])
    assert link.startswith("<") and link.endswith(">") and "/notifications/unsubscribe?token=" in link
    token = token_of(message)
    # The text links to the portal page (a person confirms there), with the same token.
    page_link = link.strip("<>").replace("/notifications/unsubscribe?", "/?view=unsubscribe&")
    assert page_link in body_of(message).replace("\n", "")

    for _ in range(2):  # a second click changes nothing and still confirms
        reply = api.post("/notifications/unsubscribe", None, {"token": token})
        assert (reply.status, reply.body) == (200, {"unsubscribed": "updates"})
    assert api.get("/me", author).body["notifications"] == ALL_ON | {"updates": False}
    answer(api, product_user, idea["id"], "in_progress")
    deliver(tmp_path)
    assert len(messages_for(tmp_path, author)) == 1  # no second e-mail of that kind


def one_click(api: Api, link: str, content_type: str, body: bytes) -> Any:
    """What a mail client's "Unsubscribe" button sends (RFC 8058 §3.1): a POST to the header's
    link, no cookie, no sign-in, the form field List-Unsubscribe=One-Click."""
    parts = urlsplit(link.strip("<>"))
    return api.post(f"{parts.path}?{parts.query}", None, raw_body=body, headers={"content-type": content_type})


MULTIPART = (
    b'--b0undary\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b0undary--\r\n'
)


def test_a_mail_clients_one_click_post_unsubscribes(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author, _, message = planned_email(api, issuer, product_user, product, tmp_path, "es", "Exportar a Excel")
    link, token = str(message["List-Unsubscribe"]), token_of(message)
    tampered = link.replace(token, token[:-2] + ("BB" if token.endswith("AA") else "AA"))

    # Refused, and nothing changed: a tampered link, another field value, a malformed body.
    for bad_link, content_type, body in (
        (tampered, "application/x-www-form-urlencoded", b"List-Unsubscribe=One-Click"),
        (link, "application/x-www-form-urlencoded", b"List-Unsubscribe=Yes"),
        (link, "application/x-www-form-urlencoded", b"%ZZ=&&=="),
        (link, "multipart/form-data; boundary=b0undary", b"not multipart at all"),
        (link.split("?")[0] + ">", "application/x-www-form-urlencoded", b"List-Unsubscribe=One-Click"),
    ):
        assert_error(one_click(api, bad_link, content_type, body), 400, "validation_error")
    assert api.get("/me", author).body["notifications"] == ALL_ON

    reply = one_click(api, link, "application/x-www-form-urlencoded", b"List-Unsubscribe=One-Click")
    assert (reply.status, reply.body) == (200, {"unsubscribed": "updates"})
    reply = one_click(api, link, "multipart/form-data; boundary=b0undary", MULTIPART)  # the other encoding
    assert (reply.status, reply.body) == (200, {"unsubscribed": "updates"})
    assert api.get("/me", author).body["notifications"] == ALL_ON | {"updates": False}


def test_bad_and_expired_unsubscribe_tokens(api: Api, issuer: LocalIssuer) -> None:
    user = new_user(issuer)
    tokens = UnsubscribeTokens(cursor_secret())
    good = tokens.issue(user.id, "updates")
    payload, signature = good.split(".")
    other_kind = tokens.issue(user.id, "merges").split(".")[0]
    expired = UnsubscribeTokens(cursor_secret(), clock=lambda: time.time() - LIFETIME_SECONDS - 5).issue(
        user.id, "updates"
    )
    forged = UnsubscribeTokens("another secret").issue(user.id, "updates")
    for bad in (f"{other_kind}.{signature}", forged, expired, "x", "a.b.c", "é.é", "", payload):
        reply = api.post("/notifications/unsubscribe", None, {"token": bad})
        assert_error(reply, 400, "validation_error")
    assert_error(api.post("/notifications/unsubscribe", None, {}), 400, "validation_error")
    assert api.get("/me", user).body["notifications"] == ALL_ON


def test_merge_wording_per_recipient(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author, voter, watcher = (follower(api, issuer, "en") for _ in range(3))
    source = new_idea(api, author, product, "Night mode")
    target = new_idea(api, new_user(issuer), product, "Dark mode")
    assert api.put(f"/ideas/{source['id']}/vote", voter).status == 200
    assert api.put(f"/ideas/{source['id']}/follow", watcher).status == 200
    assert api.post(f"/ideas/{source['id']}/merge", product_user, {"into": target["id"]}).status == 200
    deliver(tmp_path)

    bodies = {}
    for who, user in (("author", author), ("voter", voter), ("watcher", watcher)):
        [message] = messages_for(tmp_path, user)
        bodies[who] = body_of(message)
    assert "Your idea “Night mode” was merged" in bodies["author"]
    assert "you voted for" in bodies["voter"] and "your vote counts there" in bodies["voter"]
    assert "you follow was merged" in bodies["watcher"]
    assert "your vote" not in bodies["author"] + bodies["watcher"]
