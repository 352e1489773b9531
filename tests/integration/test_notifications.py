"""Notices to followers: recorded by the request, delivered apart, once per person, retried."""

from __future__ import annotations

import email
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from chalicelib.clock import utc_now
from chalicelib.config import get_settings
from chalicelib.local_issuer import LocalIssuer
from chalicelib.notifications.delivery import deliver_pending, retry_delay
from chalicelib.notifications.senders import OutboxSender
from chalicelib.store.models import NoticeModel
from tests.support import Api, User, new_user


class BrokenMailService:
    """A mail service that is down: every send fails, as SES does when it throttles or errs."""

    def send(self, message: EmailMessage, key: str) -> None:
        raise ConnectionError("mail service unreachable")


def follower(api: Api, issuer: LocalIssuer, language: str, notifications: bool = True) -> User:
    user = new_user(issuer, name=f"Follower {language}")
    reply = api.patch("/me", user, {"language": language, "notifications": notifications})
    assert reply.status == 200
    return user


def deliver(outbox: Path, later: timedelta = timedelta(0)) -> None:
    settings = get_settings()
    deliver_pending(OutboxSender(outbox), settings.notify_sender, settings.portal_url, now=utc_now() + later)


def messages_for(outbox: Path, user: User) -> list[email.message.Message]:
    found = []
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        if message["To"] == f"{user.id}@example.com":
            found.append(message)
    return found


def body_of(message: email.message.Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def test_followers_get_one_notice_each_in_their_language(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author = follower(api, issuer, "en")
    voter = follower(api, issuer, "es")
    commenter = follower(api, issuer, "pt")
    opted_out = follower(api, issuer, "es", notifications=False)
    idea = api.post("/ideas", author, {"title": "Export to CSV", "product": product, "phase": "development"}).body
    for user in (voter, opted_out, author):
        api.put(f"/ideas/{idea['id']}/vote", user)
    api.post(f"/ideas/{idea['id']}/comments", commenter, {"body": "Yes please"})
    api.post(f"/ideas/{idea['id']}/comments", voter, {"body": "Me too"})

    reply = api.patch(f"/ideas/{idea['id']}", product_user, {"status": "planned", "response": "In the next release."})
    assert reply.status == 200
    deliver(tmp_path)
    deliver(tmp_path)  # a second run sends nothing again

    for user, subject_start, status_word in (
        (author, "News", "planned"),
        (voter, "Novedades", "planificada"),
        (commenter, "Novidades", "planeada"),
    ):
        received = messages_for(tmp_path, user)
        assert len(received) == 1, user
        assert received[0]["Subject"].startswith(subject_start)
        body = body_of(received[0])
        assert status_word in body
        assert "In the next release." in body
        assert f"/?idea={idea['id']}" in body
    assert messages_for(tmp_path, opted_out) == []
    assert all(
        m["To"] != f"{product_user.id}@example.com"
        for m in map(email.message_from_bytes, (p.read_bytes() for p in tmp_path.glob("*.eml")))
    )


def test_a_failing_mail_service_fails_nothing_and_loses_nothing(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author = follower(api, issuer, "es")
    idea = api.post("/ideas", author, {"title": "Modo oscuro", "product": product, "phase": "design"}).body
    settings = get_settings()

    assert api.patch(f"/ideas/{idea['id']}", product_user, {"status": "under_review"}).status == 200
    report = deliver_pending(BrokenMailService(), settings.notify_sender, settings.portal_url)

    assert report.failed >= 1
    notices = list(NoticeModel.scan(NoticeModel.idea_id == idea["id"]))  # a test may scan; requests never do
    assert [n.pending for n in notices] == ["yes"]
    assert messages_for(tmp_path, author) == []
    deliver(tmp_path)  # not due again yet: the failure waits behind other notices
    assert messages_for(tmp_path, author) == []

    deliver(tmp_path, later=retry_delay(1))

    received = messages_for(tmp_path, author)
    assert len(received) == 1
    assert "en revisión" in body_of(received[0])
    assert NoticeModel.get(notices[0].id, consistent_read=True).pending is None


def test_merge_tells_the_source_followers(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    author = follower(api, issuer, "en")
    source = api.post("/ideas", author, {"title": "Night mode", "product": product, "phase": "design"}).body
    target = api.post("/ideas", new_user(issuer), {"title": "Dark mode", "product": product, "phase": "design"}).body

    assert api.post(f"/ideas/{source['id']}/merge", product_user, {"into": target["id"]}).status == 200
    deliver(tmp_path)

    received = messages_for(tmp_path, author)
    assert len(received) == 1
    assert "merged" in received[0]["Subject"]
    assert f"/?idea={target['id']}" in body_of(received[0])
