"""Helpers shared by the integration tests: users with real tokens, and a JSON client whose
every reply is checked against the OpenAPI document (tests/contract.py)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from chalice.test import Client

from chalicelib.local_issuer import LocalIssuer
from tests.contract import assert_conforms


@dataclass
class User:
    """A signed-in user of the tests; its token is really signed by the local issuer."""

    id: str
    name: str
    groups: list[str]
    token: str = field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}


def new_user(issuer: LocalIssuer, *groups: str, name: str = "Test User") -> User:
    subject = f"user-{uuid.uuid4().hex[:12]}"
    return User(subject, name, list(groups), issuer.issue(subject, name, groups=list(groups)))


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


class Api:
    """``chalice.test.Client`` with JSON in and out."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def call(
        self,
        method: str,
        path: str,
        user: User | None = None,
        json_body: Any = None,
        raw_body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        parse: bool = True,
    ) -> Reply:
        all_headers = {"content-type": "application/json", **(user.headers if user else {}), **(headers or {})}
        body = raw_body if raw_body is not None else (json.dumps(json_body) if json_body is not None else b"")
        response = getattr(self._client.http, method.lower())(path, headers=all_headers, body=body)
        decoded = json.loads(response.body) if response.body and parse else response.body.decode()
        headers = {k.lower(): v for k, v in response.headers.items()}
        if parse:
            signed_in = any(name.lower() == "authorization" for name in all_headers)
            assert_conforms(method, path, response.status_code, decoded, headers.get("content-type", ""), signed_in)
        return Reply(response.status_code, decoded, headers)

    def get(self, path: str, user: User | None = None, **kwargs: Any) -> Reply:
        return self.call("GET", path, user, **kwargs)

    def post(self, path: str, user: User | None = None, json_body: Any = None, **kwargs: Any) -> Reply:
        return self.call("POST", path, user, json_body, **kwargs)

    def patch(self, path: str, user: User | None = None, json_body: Any = None, **kwargs: Any) -> Reply:
        return self.call("PATCH", path, user, json_body, **kwargs)

    def put(self, path: str, user: User | None = None, **kwargs: Any) -> Reply:
        return self.call("PUT", path, user, **kwargs)

    def delete(self, path: str, user: User | None = None, **kwargs: Any) -> Reply:
        return self.call("DELETE", path, user, **kwargs)


def http_call(
    base_url: str,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    timeout: float = 30,
    headers: dict[str, str] | None = None,
) -> Reply:
    """A real HTTP request to a served API (``chalice local``)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=headers or {})
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            reply = Reply(response.status, json.loads(raw) if raw else None, dict(response.headers))
    except urllib.error.HTTPError as error:
        raw = error.read()
        reply = Reply(error.code, json.loads(raw) if raw else None, dict(error.headers))
    assert_conforms(method, path, reply.status, reply.body, reply.headers.get("Content-Type", ""), bool(token))
    return reply


def assert_error(reply: Reply, status: int, code: str) -> None:
    """The contract's error shape, with the right status and code."""
    assert reply.status == status, reply.body
    assert set(reply.body) == {"error"}, reply.body
    assert reply.body["error"]["code"] == code
    assert isinstance(reply.body["error"]["message"], str) and reply.body["error"]["message"]
    if code == "validation_error":
        assert isinstance(reply.body["error"]["fields"], dict)
    else:
        assert "fields" not in reply.body["error"]


def wait_until(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@dataclass
class JwksServer:
    """A JWKS served over real HTTP, as Cognito serves a user pool's keys."""

    jwks: dict[str, Any]
    url: str = ""
    requests: int = 0
    failing: bool = False  # answer 503, as an issuer does during an outage
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def served(self) -> dict[str, Any] | None:
        with self._lock:
            self.requests += 1
            return None if self.failing else self.jwks


@contextmanager
def serve_jwks(jwks: dict[str, Any]) -> Iterator[JwksServer]:
    state = JwksServer(jwks)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            jwks = state.served()
            body = json.dumps(jwks if jwks is not None else {"message": "unavailable"}).encode()
            self.send_response(200 if jwks is not None else 503)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        state.url = f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
