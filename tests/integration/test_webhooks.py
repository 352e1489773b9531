"""Webhooks on the real local stack: signed deliveries to a real HTTP receiver started here,
retries with backoff, a subscription paused after a day of failures (and admins told), and only
public events sent."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chalicelib.clock import utc_now
from chalicelib.config import get_settings
from chalicelib.local_issuer import LocalIssuer
from chalicelib.notifications.delivery import deliver_pending
from chalicelib.notifications.senders import OutboxSender
from chalicelib.webhooks.dispatch import Report, deliver_due, fan_out
from chalicelib.webhooks.transport import transport_for
from tests.support import Api, User, assert_error, new_user

ALL_EVENTS = ["idea.created", "idea.status_changed", "idea.merged", "comment.created", "changelog.published"]


@dataclass
class Receiver:
    """A real HTTP server; answers with ``statuses`` in turn (the last one repeats)."""

    statuses: list[int]
    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, headers: dict[str, str], body: bytes) -> int:
        with self._lock:
            self.received.append((headers, body))
            return self.statuses[min(len(self.received), len(self.statuses)) - 1]

    def about(self, idea_id: str) -> list[tuple[dict[str, str], dict[str, Any]]]:
        """Deliveries that mention ``idea_id`` (other tests' events may reach this receiver too)."""
        found = []
        for headers, body in self.received:
            document = json.loads(body)
            if idea_id in json.dumps(document):
                found.append((headers, document))
        return found


@contextmanager
def receiver(*statuses: int) -> Iterator[Receiver]:
    state = Receiver(list(statuses) or [200])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = state.answer({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/cocrea"
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def admin(issuer: LocalIssuer) -> User:
    return new_user(issuer, "admin", name="Ada Admin")


@pytest.fixture
def subscribe(api: Api, admin: User) -> Iterator[Any]:
    """Subscribe a URL; every subscription made is deleted after the test. Events other tests
    left pending are fanned out first, so that only this test's events reach its receiver."""
    fan_out(utc_now())
    made: list[str] = []

    def make(url: str, events: list[str], format_: str = "json") -> dict[str, Any]:
        reply = api.post("/webhooks", admin, {"url": url, "events": events, "format": format_})
        assert reply.status == 201, reply.body
        made.append(reply.body["id"])
        body: dict[str, Any] = reply.body
        return body

    yield make
    for webhook_id in made:
        api.delete(f"/webhooks/{webhook_id}", admin)


def run_worker(at_offset: timedelta = timedelta(0)) -> Report:
    """One pass of the notification worker's webhook part, as if run ``at_offset`` from now."""
    return deliver_due(transport_for(allow_private=True), utc_now() + at_offset)


def verify(secret: str, headers: dict[str, str], raw: bytes) -> bool:
    """What the README tells a receiver to do."""
    signed = f"{headers['x-cocrea-timestamp']}.".encode() + raw
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["x-cocrea-signature"])


def test_a_new_idea_reaches_a_real_receiver_signed_and_the_log_shows_it(
    api: Api, issuer: LocalIssuer, admin: User, product: str, subscribe: Any
) -> None:
    with receiver(200) as hook_server:
        hook = subscribe(hook_server.url, ["idea.created", "comment.created"])
        assert hook["secret"].startswith("whsec_") and hook["active"] is True
        listed = api.get("/webhooks", admin).body["items"]
        assert hook["id"] in [item["id"] for item in listed]
        assert all("secret" not in item for item in listed)  # shown once, at creation only

        author = new_user(issuer, name="Autora")
        idea = api.post("/ideas", author, {"title": "Webhooks please", "product": product, "phase": "design"}).body
        run_worker()

        ((headers, document),) = hook_server.about(idea["id"])
        raw = next(body for h, body in hook_server.received if h is headers)
        assert verify(hook["secret"], headers, raw)
        assert not verify("whsec_wrong", headers, raw)
        assert headers["x-cocrea-event"] == "idea.created"
        assert headers["content-type"] == "application/json"
        assert document["event"] == "idea.created"
        assert document["data"]["idea"]["id"] == idea["id"]
        assert document["data"]["idea"]["title"] == "Webhooks please"
        assert "Autora" not in raw.decode()  # events name no person
        log = api.get(f"/webhooks/{hook['id']}/deliveries", admin).body["items"]
        (entry,) = [d for d in log if d["id"] == headers["x-cocrea-delivery"]]
        assert entry["state"] == "delivered" and entry["attempts"] == 1 and entry["status_code"] == 200
        assert entry["event"] == "idea.created"


def test_a_receiver_that_fails_then_recovers_gets_the_retried_delivery_once(
    api: Api, issuer: LocalIssuer, admin: User, product: str, subscribe: Any
) -> None:
    with receiver(500, 200) as hook_server:
        hook = subscribe(hook_server.url, ["idea.created"])
        idea = api.post(
            "/ideas", new_user(issuer, name="A"), {"title": "Retry me", "product": product, "phase": "design"}
        ).body
        run_worker()
        log = api.get(f"/webhooks/{hook['id']}/deliveries", admin).body["items"]
        (pending,) = log
        assert (pending["state"], pending["attempts"], pending["status_code"]) == ("pending", 1, 500)

        run_worker()  # too early: the first retry waits 30 seconds
        assert len(hook_server.about(idea["id"])) == 1
        run_worker(timedelta(seconds=31))
        run_worker(timedelta(hours=2))  # delivered: nothing is sent again
        attempts = hook_server.about(idea["id"])
        assert len(attempts) == 2
        assert attempts[0][0]["x-cocrea-delivery"] == attempts[1][0]["x-cocrea-delivery"]
        (delivered,) = api.get(f"/webhooks/{hook['id']}/deliveries", admin).body["items"]
        assert (delivered["state"], delivered["attempts"], delivered["status_code"]) == ("delivered", 2, 200)


def test_a_subscription_failing_for_a_day_is_paused_and_its_admin_is_told(
    api: Api, issuer: LocalIssuer, admin: User, product: str, subscribe: Any, tmp_path: Path
) -> None:
    with receiver(503) as hook_server:
        hook = subscribe(hook_server.url, ["idea.created"])
        api.post("/ideas", new_user(issuer, name="A"), {"title": "Never lands", "product": product, "phase": "design"})
        for hours in (0, 1, 6, 12, 24, 25):
            run_worker(timedelta(hours=hours, seconds=1))
        (failed,) = api.get(f"/webhooks/{hook['id']}/deliveries", admin).body["items"]
        assert failed["state"] == "failed" and failed["status_code"] == 503
        (listed,) = [item for item in api.get("/webhooks", admin).body["items"] if item["id"] == hook["id"]]
        assert listed["active"] is False
        sent_before = len(hook_server.received)
        api.post("/ideas", new_user(issuer, name="B"), {"title": "After pause", "product": product, "phase": "design"})
        run_worker(timedelta(hours=26))
        assert len(hook_server.received) == sent_before  # a paused subscription gets nothing

    settings = get_settings()
    # The pause was recorded as of the worker's (shifted) clock, so its e-mail is due then.
    deliver_pending(
        OutboxSender(tmp_path), settings.notify_sender, settings.portal_url, utc_now() + timedelta(hours=27)
    )
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in tmp_path.glob("*.eml")]
    (told,) = [m for m in mails if m["To"] == f"{admin.id}@example.com"]
    assert told["Subject"] == f"Webhook en pausa: {hook_server.url}"


def test_only_public_events_are_sent_and_slack_gets_text(
    api: Api, issuer: LocalIssuer, admin: User, product_user: User, product: str, subscribe: Any
) -> None:
    with receiver(200) as hook_server:
        subscribe(hook_server.url, ALL_EVENTS, "slack")
        author = new_user(issuer, name="A")
        held = api.post(
            "/ideas", author, {"title": "Eres un idiota", "body": "idiota", "product": product, "phase": "design"}
        ).body
        assert held["status"] == "pending_moderation"
        shown = api.post("/ideas", author, {"title": "Public idea", "product": product, "phase": "design"}).body
        assert api.patch(f"/ideas/{shown['id']}", product_user, {"status": "planned"}).status == 200
        run_worker()
        assert hook_server.about(held["id"]) == []
        texts = [json.loads(body)["text"] for _, body in hook_server.received if b"Public idea" in body]
        assert sorted(texts) == ["Nueva idea: «Public idea»", "«Public idea» ha pasado a planificada"]


def test_bad_subscriptions_are_refused_with_nothing_written(api: Api, issuer: LocalIssuer, admin: User) -> None:
    before = len(api.get("/webhooks", admin).body["items"])
    good = {"url": "https://example.com/hook", "events": ["idea.created"]}
    for body in (
        {**good, "events": ["idea.deleted"]},
        {**good, "events": []},
        {**good, "events": "idea.created"},
        {**good, "url": "ftp://example.com/hook"},
        {**good, "url": "not a url"},
        {**good, "url": "javascript:alert(1)"},
        {**good, "url": "https://" + "a" * 2100 + ".com/"},
        {**good, "format": "xml"},
        {**good, "secret": "mine"},
        {"url": "https://example.com/hook"},
    ):
        assert_error(api.post("/webhooks", admin, body), 400, "validation_error")
    assert_error(api.post("/webhooks", new_user(issuer, "product", name="P"), good), 403, "forbidden")
    assert_error(api.get("/webhooks", new_user(issuer, name="C")), 403, "forbidden")
    assert_error(api.get("/webhooks"), 401, "unauthorized")
    assert len(api.get("/webhooks", admin).body["items"]) == before
    assert_error(api.delete("/webhooks/" + "0" * 32, admin), 404, "not_found")
    assert_error(api.get("/webhooks/" + "0" * 32 + "/deliveries", admin), 404, "not_found")


def test_a_deleted_subscription_answers_204_and_is_gone(api: Api, admin: User, subscribe: Any) -> None:
    hook = subscribe("https://example.com/hook", ["idea.created"])
    reply = api.delete(f"/webhooks/{hook['id']}", admin, parse=False)
    assert reply.status == 204
    assert hook["id"] not in [item["id"] for item in api.get("/webhooks", admin).body["items"]]
    assert_error(api.get(f"/webhooks/{hook['id']}/deliveries", admin), 404, "not_found")
