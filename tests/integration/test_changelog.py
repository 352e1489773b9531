"""Release notes: the ideas they deliver become done with history, one e-mail per follower per
note in their language, and a refused idea leaves nothing written. On DynamoDB Local."""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from pathlib import Path

import pytest

from chalicelib.config import get_settings
from chalicelib.local_issuer import LocalIssuer
from chalicelib.notifications.delivery import deliver_pending
from chalicelib.notifications.senders import OutboxSender
from tests.support import Api, User, assert_error, new_user


def _user(api: Api, issuer: LocalIssuer, name: str, language: str) -> User:
    user = new_user(issuer, name=name)
    assert api.patch("/me", user, {"language": language}).status == 200
    return user


def _idea(api: Api, author: User, product: str, title: str) -> str:
    reply = api.post("/ideas", author, {"title": title, "product": product, "phase": "development"})
    assert reply.status == 201, reply.body
    idea_id: str = reply.body["id"]
    return idea_id


def _outbox_for(outbox: Path, user: User) -> list[Message]:
    messages = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in outbox.glob("*.eml")
    ]
    return [message for message in messages if message["To"] == f"{user.id}@example.com"]


def _deliver(outbox: Path) -> None:
    settings = get_settings()
    deliver_pending(OutboxSender(outbox), settings.notify_sender, settings.portal_url)


def test_a_release_note_delivers_its_ideas_and_tells_each_supporter_once_in_their_language(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    # GIVEN two ideas by different authors, a voter of both and a commenter of one
    author_en = _user(api, issuer, "Ann Author", "en")
    author_es = _user(api, issuer, "Eva Autora", "es")
    voter_pt = _user(api, issuer, "Vasco Votante", "pt")
    commenter = _user(api, issuer, "Clara Comenta", "es")
    first = _idea(api, author_en, product, "Dark mode for the app")
    second = _idea(api, author_es, product, "Exportar el consumo")
    assert api.patch(f"/ideas/{second}", product_user, {"status": "planned"}).status == 200
    for idea_id in (first, second):
        assert api.put(f"/ideas/{idea_id}/vote", voter_pt).status == 200
    assert api.post(f"/ideas/{first}/comments", commenter, {"body": "Yes, please"}).status == 201
    _deliver(tmp_path / "before")  # the "planned" notice goes elsewhere: this test counts the note's

    # WHEN the product team publishes a note delivering both
    reply = api.post(
        "/changelog",
        product_user,
        {"title": "Release 2.0", "body": "## New\n- **Dark mode**\n- CSV export", "product": product,
         "ideas": [first, second]},
    )  # fmt: skip

    # THEN the note is public, both ideas are done, and each change is in the idea's history
    assert reply.status == 201, reply.body
    note = reply.body
    assert note["title"] == "Release 2.0" and note["product"] == product
    assert note["author"] == {"id": product_user.id, "name": product_user.name}
    assert [(i["id"], i["status"]) for i in note["ideas"]] == [(first, "done"), (second, "done")]
    assert api.get(f"/changelog/{note['id']}").body == note
    listed = api.get(f"/changelog?product={product}").body
    assert [item["id"] for item in listed["items"]] == [note["id"]]
    for idea_id, before in ((first, "open"), (second, "planned")):
        assert api.get(f"/ideas/{idea_id}").body["status"] == "done"
        history = api.get(f"/ideas/{idea_id}/history", product_user).body["items"]
        (change,) = [e for e in history if e["action"] == "status_changed" and e["after"]["status"] == "done"]
        assert change["actor"] == {"id": product_user.id, "name": product_user.name}
        assert change["before"] == {"status": before}
        assert change["after"]["release_note"] == note["id"]

    # AND each supporter gets exactly one e-mail for the note, in their language; not its author
    _deliver(tmp_path)
    _deliver(tmp_path)  # a second run sends nothing again
    for user, subject in (
        (author_en, "Shipped: “Release 2.0”"),
        (author_es, "Ya está aquí: «Release 2.0»"),
        (voter_pt, "Já disponível: «Release 2.0»"),
        (commenter, "Ya está aquí: «Release 2.0»"),
    ):
        received = _outbox_for(tmp_path, user)
        assert [message["Subject"] for message in received] == [subject], user.name
    voter_mail = _outbox_for(tmp_path, voter_pt)[0].get_payload(decode=True)
    assert isinstance(voter_mail, bytes)
    assert "Dark mode for the app" in voter_mail.decode() and "Exportar el consumo" in voter_mail.decode()
    assert f"/?changelog={note['id']}" in voter_mail.decode()
    assert _outbox_for(tmp_path, product_user) == []
    assert len(list(tmp_path.glob("*.eml"))) == 4


@pytest.mark.parametrize("refusal", ["declined", "merged", "unknown", "hidden"])
def test_a_declined_merged_unknown_or_hidden_idea_refuses_the_whole_note(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, refusal: str
) -> None:
    author = new_user(issuer, name="Autor")
    fine = _idea(api, author, product, "An idea that is fine")
    bad = _idea(api, author, product, f"An idea that is {refusal}")
    if refusal == "declined":
        assert api.patch(f"/ideas/{bad}", product_user, {"status": "declined"}).status == 200
    elif refusal == "merged":
        assert api.post(f"/ideas/{bad}/merge", product_user, {"into": fine}).status == 200
    elif refusal == "hidden":
        moderator = new_user(issuer, "moderator", name="Mod")
        assert api.post(f"/ideas/{bad}/hide", moderator, {"reason": "spam"}).status == 200
    else:
        bad = "0" * 32

    reply = api.post("/changelog", product_user, {"title": "Refused", "product": product, "ideas": [fine, bad]})

    assert_error(reply, 400, "validation_error")
    assert any(bad in message for message in reply.body["error"]["fields"]["ideas"])
    assert api.get(f"/ideas/{fine}").body["status"] == "open"
    history = api.get(f"/ideas/{fine}/history", product_user).body["items"]
    assert [e for e in history if e["action"] == "status_changed"] == []
    assert api.get(f"/changelog?product={product}").body["items"] == []


def test_bad_release_notes_are_refused_in_the_contract_shape_with_nothing_written(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    idea = _idea(api, new_user(issuer, name="Autor"), product, "Linked idea")
    good = {"title": "A title", "body": "", "product": product, "ideas": [idea]}
    for body in (
        {**good, "title": "ab"},
        {**good, "title": "x" * 141},
        {**good, "body": "x" * 20001},
        {**good, "ideas": [idea] * 51},
        {**good, "ideas": "not a list"},
        {**good, "product": "no-such-product"},
        {**good, "product": "Not A Slug"},
        {**good, "extra": True},
        {"title": "No product"},
    ):
        assert_error(api.post("/changelog", product_user, body), 400, "validation_error")
    assert_error(api.post("/changelog", new_user(issuer, name="Cliente"), good), 403, "forbidden")
    assert_error(api.post("/changelog", None, good), 401, "unauthorized")
    assert api.get(f"/changelog?product={product}").body["items"] == []
    assert api.get(f"/ideas/{idea}").body["status"] == "open"
    assert_error(api.get("/changelog/" + "f" * 32), 404, "not_found")
    assert_error(api.get("/changelog?limit=0"), 400, "validation_error")


def test_fifty_ideas_in_one_note_all_become_done(
    api: Api, issuer: LocalIssuer, product_user: User, product: str
) -> None:
    """More than one DynamoDB transaction holds: the note is listed only once every idea is done."""
    author = new_user(issuer, name="Prolífica")
    ideas = [_idea(api, author, product, f"Idea number {n}") for n in range(50)]
    reply = api.post("/changelog", product_user, {"title": "Big release", "product": product, "ideas": ideas})
    assert reply.status == 201, reply.body
    assert {i["status"] for i in reply.body["ideas"]} == {"done"}
    assert len(api.get(f"/ideas?product={product}&status=done&limit=100").body["items"]) == 50
    (listed,) = api.get(f"/changelog?product={product}").body["items"]
    assert len(listed["ideas"]) == 50


def test_a_release_note_with_line_breaks_in_its_title_is_still_mailed_with_a_clean_subject(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    # Every e-mail goes through notifications/messages.envelope: a title that ends a header line
    # for some reader (U+2028, CRLF with a header after it) neither blocks the note's e-mail nor
    # adds a header.
    author = _user(api, issuer, "Lina\u2028Autora", "en")
    idea_id = _idea(api, author, product, "Modo oscuro\u2028en el móvil")
    title = "Release\u2028 2.1\r\nBcc: everyone@example.com"
    reply = api.post("/changelog", product_user, {"title": title, "body": "- Modo oscuro", "product": product,
                                                   "ideas": [idea_id]})  # fmt: skip
    assert reply.status == 201, reply.body

    _deliver(tmp_path)
    [message] = _outbox_for(tmp_path, author)
    assert message["Subject"] == "Shipped: “Release 2.1 Bcc: everyone@example.com”"
    assert message["Bcc"] is None
    text = message.get_payload(decode=True)
    assert isinstance(text, bytes)
    assert "Lina Autora" in text.decode()  # the greeting, on one line
    assert "\u2028" not in text.decode() and "- Modo oscuro en el móvil" in text.decode()
