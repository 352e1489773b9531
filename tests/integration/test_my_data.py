"""A person's own data: the export lists everything stored about them; the erasure leaves no
trace of their name or e-mail in any table, keeps their contributions, and is never undone by
an old token. On DynamoDB Local, checked table by table."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from typing import Any

from chalicelib.config import get_settings
from chalicelib.local_issuer import LocalIssuer
from chalicelib.notifications.delivery import deliver_pending
from chalicelib.notifications.senders import OutboxSender
from chalicelib.store.models import FollowModel, all_models
from chalicelib.webhooks.dispatch import fan_out
from tests.support import Api, User, assert_error, new_user


def _deliver(outbox: Path) -> list[email.message.Message]:
    settings = get_settings()
    deliver_pending(OutboxSender(outbox), settings.notify_sender, settings.portal_url)
    return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in outbox.glob("*.eml")]


def _tables_mentioning(*needles: str) -> dict[str, list[dict[str, Any]]]:
    """Every item of every table whose stored attributes contain one of ``needles``."""
    found: dict[str, list[dict[str, Any]]] = {}
    for model in all_models():
        for item in model.scan():
            # The stored form (DynamoDB JSON): every attribute type, string sets included.
            stored = item.serialize()
            text = json.dumps(stored, default=str, ensure_ascii=False)
            if any(needle in text for needle in needles):
                found.setdefault(model.Meta.table_name, []).append(stored)
    return found


def test_the_export_lists_profile_consents_ideas_comments_votes_and_notices(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    person = new_user(issuer, name="Paula Exporta")
    assert api.patch("/me", person, {"marketing_consent": True, "language": "pt"}).status == 200
    idea = api.post("/ideas", person, {"title": "Mine", "body": "My body", "product": product, "phase": "testing"}).body
    other = api.post("/ideas", product_user, {"title": "Theirs", "product": product, "phase": "design"}).body
    api.put(f"/ideas/{other['id']}/vote", person)
    api.post(f"/ideas/{other['id']}/comments", person, {"body": "I agree"})
    third = api.post("/ideas", product_user, {"title": "Another", "product": product, "phase": "design"}).body
    assert api.put(f"/ideas/{third['id']}/follow", person).status == 200
    assert api.delete(f"/ideas/{third['id']}/follow", person).status == 200  # the last choice stands
    api.patch(f"/ideas/{idea['id']}", product_user, {"status": "planned"})
    _deliver(tmp_path)

    reply = api.get("/me/export", person)

    assert reply.status == 200
    data = reply.body
    assert set(data) == {"profile", "consents", "ideas", "comments", "votes", "notifications"}
    assert data["profile"]["name"] == "Paula Exporta"
    assert data["profile"]["email"] == f"{person.id}@example.com"
    assert data["profile"]["language"] == "pt"
    every_kind = {"updates": True, "merges": True, "release_notes": True, "webhooks": True}
    follows = data["consents"].pop("follows")
    assert data["consents"] == {"marketing_consent": True, "notifications": every_kind}
    # Every stored follow choice, with when: voting followed ``other``; ``third`` was unfollowed.
    assert {(f["idea_id"], f["following"]) for f in follows} == {(other["id"], True), (third["id"], False)}
    assert all(f["at"].endswith("Z") for f in follows) and len(follows) == 2
    assert [(i["id"], i["title"], i["body"]) for i in data["ideas"]] == [(idea["id"], "Mine", "My body")]
    assert [(c["idea_id"], c["body"]) for c in data["comments"]] == [(other["id"], "I agree")]
    assert [v["idea_id"] for v in data["votes"]] == [other["id"]]
    assert [(n["kind"], n["about"], n["state"]) for n in data["notifications"]] == [("updated", "Mine", "sent")]
    assert_error(api.get("/me/export"), 401, "unauthorized")


def test_erasure_leaves_no_name_or_email_in_any_table_and_keeps_contributions(
    api: Api, issuer: LocalIssuer, product: str, tmp_path: Path
) -> None:
    # GIVEN a customer who posted, voted, commented; and a product person who answered and published
    name, staff_name = "Zacarías Borrable", "Fermina Staffborrable"
    person = new_user(issuer, name=name)
    staff = new_user(issuer, "product", name=staff_name)
    api.patch("/me", person, {"language": "es", "marketing_consent": True})
    idea = api.post("/ideas", person, {"title": "Keep my idea", "product": product, "phase": "design"}).body
    other = api.post("/ideas", staff, {"title": "Staff idea", "product": product, "phase": "design"}).body
    unfollowed = api.post("/ideas", staff, {"title": "Not for me", "product": product, "phase": "design"}).body
    assert api.delete(f"/ideas/{unfollowed['id']}/follow", person).status == 200
    assert api.put(f"/ideas/{other['id']}/vote", person).status == 200
    assert api.put(f"/ideas/{idea['id']}/vote", person).status == 200
    assert api.post(f"/ideas/{other['id']}/comments", person, {"body": "Nice one"}).status == 201
    assert api.patch(f"/ideas/{idea['id']}", staff, {"status": "planned", "response": "Soon."}).status == 200
    note = api.post("/changelog", staff, {"title": "Shipped", "product": product, "ideas": [other["id"]]}).body
    _deliver(tmp_path / "before")
    fan_out_now()
    emails = (f"{person.id}@example.com", f"{staff.id}@example.com")
    assert _tables_mentioning(name, staff_name, *emails)  # the scan does find them before
    assert len(api.get("/me/export", person).body["consents"]["follows"]) == 3  # two votes and an unfollow

    # WHEN both erase themselves (twice: it is idempotent)
    for user in (person, staff, person):
        reply = api.post("/me/erase", user, {"confirm": "erase"})
        assert reply.status == 200 and reply.body == {"erased": True}

    # THEN no table names them or holds their e-mail
    assert _tables_mentioning(name, staff_name, *emails) == {}
    # AND their follow choices are gone (which ideas interested them), checked in the table itself
    assert [f for f in FollowModel.scan() if f.user_id == person.id] == []
    assert api.get("/me/export", person).body["consents"]["follows"] == []
    # AND their contributions stay, under "former member", and their votes still count
    kept = api.get(f"/ideas/{idea['id']}").body
    assert kept["author"] == {"id": person.id, "name": "former member"}
    assert kept["vote_count"] == 1
    assert kept["response"]["author"] == {"id": staff.id, "name": "former member"}
    assert api.get(f"/ideas/{other['id']}").body["vote_count"] == 1
    (comment,) = api.get(f"/ideas/{other['id']}/comments").body["items"]
    assert comment["author"]["name"] == "former member" and comment["body"] == "Nice one"
    assert api.get(f"/changelog/{note['id']}").body["author"]["name"] == "former member"
    moderator = new_user(issuer, "moderator", name="Mod")
    history = api.get(f"/ideas/{idea['id']}/history", moderator).body["items"]
    assert {event["action"] for event in history} >= {"created", "status_changed", "responded"}
    assert {event["actor"]["name"] for event in history} == {"former member"}
    # AND an old token neither brings the person back nor gets them e-mail again
    me = api.get("/me", person).body
    assert (me["name"], me["email"], me["marketing_consent"]) == ("", "", False)
    assert not any(me["notifications"].values())  # every kind of e-mail off
    other_staff = new_user(issuer, "product", name="Otra")
    assert api.patch(f"/ideas/{idea['id']}", other_staff, {"status": "in_progress"}).status == 200
    assert [m for m in _deliver(tmp_path) if m["To"] in emails] == []


def fan_out_now() -> None:
    """Webhook events of this test leave the outbox table, as the worker would make them."""
    from chalicelib.clock import utc_now

    fan_out(utc_now())


def test_erasure_needs_the_exact_confirmation_and_erases_nothing_otherwise(api: Api, issuer: LocalIssuer) -> None:
    person = new_user(issuer, name="Casi Borrada")
    api.get("/me", person)
    for body in ({"confirm": "yes"}, {"confirm": "ERASE"}, {}, {"confirm": "erase", "also": 1}, {"confirm": None}):
        assert_error(api.post("/me/erase", person, body), 400, "validation_error")
    assert_error(api.post("/me/erase", person, raw_body="erase"), 400, "validation_error")
    assert_error(api.post("/me/erase", None, {"confirm": "erase"}), 401, "unauthorized")
    assert api.get("/me", person).body["name"] == "Casi Borrada"
