"""One bad notice never stops the e-mail: hostile titles make clean headers, a notice that keeps
failing is parked with its reason for an admin, and the worker moves on past failures."""

from __future__ import annotations

import email
import email.policy
import uuid
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from chalicelib.clock import to_storage, utc_now
from chalicelib.config import get_settings
from chalicelib.domain.roles import Principal
from chalicelib.local_issuer import LocalIssuer
from chalicelib.notifications.delivery import MAX_NOTICE_ATTEMPTS, deliver_pending
from chalicelib.notifications.senders import OutboxSender, Sender
from chalicelib.store.base import BaseMeta
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import NoticeModel
from chalicelib.store.notices import failed_notices, new_notice
from chalicelib.store.tables import add_missing_indexes
from tests.support import Api, User, assert_error, new_user

# Characters that end a line for some reader of a header (Python's str.splitlines, RFC 5322,
# mail clients), or that control a terminal or the direction of text.
LINE_BREAKERS = {
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "next line": "\u0085",
    "carriage return": "\r",
    "line feed": "\n",
    "CRLF and a header": "\r\nBcc: everyone@example.com",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "file separator": "\x1c",
    "group separator": "\x1d",
    "record separator": "\x1e",
    "NUL": "\x00",
    "escape": "\x1b[31m",
    "delete": "\x7f",
    "right-to-left override": "\u202e",
    "tab": "\t",
}


class FailingFor:
    """A mail service that refuses the messages of some notices, and delivers the rest."""

    def __init__(self, outbox: Path, refused: set[str]) -> None:
        self.outbox, self.refused = OutboxSender(outbox), refused

    def send(self, message: EmailMessage, key: str) -> None:
        if key.split("-", 1)[0] in self.refused:
            raise ConnectionError("550 mailbox unavailable")
        self.outbox.send(message, key)


def deliver(sender: Sender, later: timedelta = timedelta(0)) -> None:
    settings = get_settings()
    deliver_pending(sender, settings.notify_sender, settings.portal_url, now=utc_now() + later)


def followed_idea(api: Api, issuer: LocalIssuer, product: str, title: str) -> tuple[str, User]:
    author = new_user(issuer, name="Ana Autora")
    assert api.patch("/me", author, {"language": "en"}).status == 200
    reply = api.post("/ideas", author, {"title": title, "product": product, "phase": "design"})
    assert reply.status == 201, reply.body
    idea_id: str = reply.body["id"]
    return idea_id, author


def received_by(outbox: Path, user: User) -> list[email.message.EmailMessage]:
    found = []
    for path in outbox.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        if message["To"] == f"{user.id}@example.com":
            found.append(message)
    return found


@pytest.mark.parametrize("name", LINE_BREAKERS)
def test_a_hostile_title_makes_a_clean_folded_subject(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path, name: str
) -> None:
    breaker = LINE_BREAKERS[name]
    title = f"Modo oscuro {breaker} para la app del termostato inteligente, con horarios por habitación y {breaker}más"
    idea_id, author = followed_idea(api, issuer, product, title)

    assert api.patch(f"/ideas/{idea_id}", product_user, {"status": "planned"}).status == 200
    deliver(OutboxSender(tmp_path))

    received = received_by(tmp_path, author)
    assert len(received) == 1, name
    # The run delivers every due notice, other tests' too: read the author's own message.
    raw = next(
        p.read_bytes() for p in tmp_path.glob("*.eml") if f"To: {author.id}@example.com".encode() in p.read_bytes()
    )
    header_lines = raw.split(b"\n\n", 1)[0].split(b"\n")
    assert all(line.isascii() and len(line) <= 998 for line in header_lines)  # RFC 5322
    start = next(n for n, line in enumerate(header_lines) if line.startswith(b"Subject: "))
    subject_lines = [header_lines[start]]
    subject_lines += [line for line in header_lines[start + 1 :] if line[:1] in (b" ", b"\t")][:20]
    assert len(subject_lines) > 1 and all(len(line) <= 78 for line in subject_lines)  # folded
    assert not any(line.startswith(b"Bcc") for line in header_lines)
    subject = str(received[0]["Subject"])
    assert subject.startswith("News about “Modo oscuro ") and " para la app del termostato" in subject
    assert not any(char in subject for char in "\u2028\u2029\u0085\r\n\x0b\x0c\x1c\x1d\x1e\x00\x1b\x7f\u202e\t")
    assert get_idea(idea_id) is not None and get_idea(idea_id).title == title.strip()  # type: ignore[union-attr]


def test_a_notice_that_keeps_failing_is_parked_with_its_reason(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    idea_id, author = followed_idea(api, issuer, product, "Export to CSV")
    assert api.patch(f"/ideas/{idea_id}", product_user, {"status": "planned"}).status == 200
    notice = next(n for n in NoticeModel.scan(NoticeModel.idea_id == idea_id))  # a test may scan
    sender = FailingFor(tmp_path, {notice.id})

    for attempt in range(MAX_NOTICE_ATTEMPTS):
        # Each retry is due later than the one before: run the worker when it is.
        deliver(sender, later=timedelta(days=attempt))

    parked = NoticeModel.get(notice.id, consistent_read=True)
    assert parked.pending is None and parked.failed == "yes"
    assert int(parked.attempts) == MAX_NOTICE_ATTEMPTS
    assert parked.last_error is not None and "550 mailbox unavailable" in parked.last_error
    listed, _ = failed_notices(100, None)
    assert notice.id in {item.id for item in listed}
    deliver(OutboxSender(tmp_path), later=timedelta(days=30))  # parked: never retried on its own
    assert received_by(tmp_path, author) == []


def test_the_worker_moves_past_failing_notices(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    """GIVEN more failing notices than one run reads, all older than a good one, WHEN the worker
    runs twice, THEN the good one is delivered: failures wait for their next attempt behind it."""
    idea_id, author = followed_idea(api, issuer, product, "Night mode")
    idea = get_idea(idea_id)
    assert idea is not None
    team = Principal(product_user.id, product_user.name, "", ("product",))
    start = utc_now() - timedelta(hours=1)
    poisoned = [
        new_notice("updated", idea, team, to_storage(start + timedelta(seconds=n)), status="planned") for n in range(60)
    ]
    for notice in poisoned:
        notice.save()
    good = new_notice("updated", idea, team, to_storage(start + timedelta(minutes=5)), status="done")
    good.save()
    sender = FailingFor(tmp_path, {notice.id for notice in poisoned})

    deliver(sender)
    deliver(sender)
    deliver(sender)

    received = received_by(tmp_path, author)
    assert len(received) == 1
    assert "done" in received[0].get_content()
    assert NoticeModel.get(good.id, consistent_read=True).pending is None


def test_a_store_made_before_the_new_indexes_gets_them_with_its_data(dynamodb: object) -> None:
    """``make run`` keeps its store in DATA_DIR: a notices table created by an older version
    gains the ``due`` and ``failed`` indexes at the next start, and keeps its items."""
    client = NoticeModel._get_connection().connection.client
    name = f"cocrea-test-notices-{uuid.uuid4().hex[:8]}"
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.put_item(TableName=name, Item={"id": {"S": "kept"}, "pending": {"S": "yes"}, "due": {"S": "2026"}})

    class OlderStore(NoticeModel):
        class Meta(BaseMeta):
            table_name = name

    added = add_missing_indexes(OlderStore)

    assert sorted(added) == ["due", "failed"]
    assert add_missing_indexes(OlderStore) == []
    assert [notice.id for notice in OlderStore.due_notices.query("yes")] == ["kept"]


def test_an_admin_lists_parked_notices_with_their_reason(
    api: Api, issuer: LocalIssuer, product_user: User, product: str, tmp_path: Path
) -> None:
    idea_id, _ = followed_idea(api, issuer, product, "Offline mode")
    assert api.patch(f"/ideas/{idea_id}", product_user, {"status": "planned"}).status == 200
    notice = next(n for n in NoticeModel.scan(NoticeModel.idea_id == idea_id))
    sender = FailingFor(tmp_path, {notice.id})
    for attempt in range(MAX_NOTICE_ATTEMPTS):
        deliver(sender, later=timedelta(days=attempt))
    admin = new_user(issuer, "admin", name="Alba Admin")

    listed: list[dict[str, object]] = []
    cursor = ""
    while True:
        page = api.get(f"/notifications/failed?limit=2{cursor}", admin)
        assert page.status == 200, page.body
        listed += page.body["items"]
        if page.body["next_cursor"] is None:
            break
        cursor = f"&cursor={page.body['next_cursor']}"

    mine = [item for item in listed if item["id"] == notice.id]
    assert len(mine) == 1
    assert mine[0]["idea"] == {"id": idea_id, "title": "Offline mode"}
    assert mine[0]["kind"] == "updated" and mine[0]["attempts"] == MAX_NOTICE_ATTEMPTS
    assert "550 mailbox unavailable" in str(mine[0]["reason"])
    assert str(mine[0]["failed_at"]).endswith("Z")
    for someone in (new_user(issuer), new_user(issuer, "moderator"), product_user):
        assert_error(api.get("/notifications/failed", someone), 403, "forbidden")
    assert_error(api.get("/notifications/failed"), 401, "unauthorized")
    assert_error(api.get("/notifications/failed?limit=0", admin), 400, "validation_error")
