"""Sign-in through Cognito's hosted UI (web/assets/auth.js): the authorization code flow with PKCE.

The local stage has no ``/assets/config.json``; these tests serve one whose hosted UI is
``https://auth.example.test``, and fake that domain's ``/oauth2/authorize`` (a redirect back to the
portal with a code) and ``/oauth2/token`` (an ID token that the local API accepts: a real one from
the local issuer's ``POST /dev/token``).

The page keeps the portal's real CSP. Locally it says ``connect-src 'self'`` (chalicelib/api/web.py),
which would refuse the token POST to another origin; in AWS, CloudFront's policy adds the pool's
domain to ``connect-src`` (infra/stacks/web.py). So these tests rewrite only that directive of the
served page's CSP, the same way, instead of bypassing the CSP: every other directive still holds and
the ``page`` fixture still fails on any CSP violation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Request, Route, expect

from tests.support import http_call
from tests.web.conftest import Stack, fulfil_json, ready

AUTH = "https://auth.example.test"
CLIENT_ID = "test-client-123"
CONFIG = {"auth": {"domain": AUTH, "client_id": CLIENT_ID, "scopes": ["openid", "email", "profile"]}}


def _b64url_sha256(text: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()


class HostedUi:
    """The fake hosted UI: what the portal sent it, and what it answers."""

    def __init__(self, stack: Stack, id_token: str, *, wrong_state: bool = False) -> None:
        self.stack = stack
        self.id_token = id_token
        self.wrong_state = wrong_state
        self.authorize: dict[str, str] = {}
        self.token_requests: list[dict[str, Any]] = []

    def install(self, page: Page) -> None:
        origin = self.stack.url("")
        page.route(lambda url: url.startswith(origin) and urlsplit(url).path == "/", self._portal_page)
        page.route(self.stack.url("/assets/config.json"), lambda route: route.fulfill(**fulfil_json(CONFIG)))
        page.route(f"{AUTH}/oauth2/authorize*", self._authorize)
        page.route(f"{AUTH}/oauth2/token", self._token)

    def _portal_page(self, route: Route) -> None:
        # The real page, with the pool's domain allowed in connect-src as CloudFront's CSP does.
        response = route.fetch()
        headers = dict(response.headers)
        csp = headers["content-security-policy"]
        assert "connect-src 'self'" in csp
        headers["content-security-policy"] = csp.replace("connect-src 'self'", f"connect-src 'self' {AUTH}")
        route.fulfill(response=response, headers=headers)

    def _authorize(self, route: Route, request: Request) -> None:
        query = {key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()}
        self.authorize = query
        state = "not-the-state-sent" if self.wrong_state else query["state"]
        back = self.stack.url(f"/?code=abc&state={state}")
        # Cognito answers with a 302 to the callback. Playwright does not route the target of a
        # redirect it fulfilled, so after a 302 the callback page would come with the local CSP
        # (connect-src 'self') and the token POST would be refused: this page sends the browser
        # back with a new navigation instead, which _portal_page does see.
        route.fulfill(
            status=200,
            content_type="text/html",
            body=f'<!doctype html><meta http-equiv="refresh" content="0;url={html.escape(back)}"><title>auth</title>',
        )

    def _token(self, route: Route, request: Request) -> None:
        self.token_requests.append(
            {
                "method": request.method,
                "content_type": request.headers.get("content-type", ""),
                "form": {key: values[0] for key, values in parse_qs(request.post_data or "").items()},
            }
        )
        route.fulfill(
            status=200,
            content_type="application/json",
            # A cross-origin fetch: the browser reads the answer only with CORS, as Cognito sends it.
            headers={"Access-Control-Allow-Origin": self.stack.url("")},
            body=json.dumps(
                {"id_token": self.id_token, "access_token": "x", "token_type": "Bearer", "expires_in": 3600}
            ),
        )


@pytest.fixture
def id_token(stack: Stack) -> str:
    reply = http_call(
        stack.base_url,
        "POST",
        "/dev/token",
        body={"sub": f"hosted-{uuid.uuid4().hex[:10]}", "name": "Carmen Nube", "email": "carmen@example.com"},
    )
    assert reply.status == 200, reply.body
    token: str = reply.body["token"]
    return token


def test_sign_in_goes_through_the_hosted_ui_with_pkce_and_returns_to_the_page_asked_for(
    page: Page, stack: Stack, id_token: str
) -> None:
    hosted = HostedUi(stack, id_token)
    hosted.install(page)
    next_path = f"/?product={stack.product}"

    page.goto(stack.url(f"/?view=signin&next={next_path.replace('?', '%3F').replace('=', '%3D')}"))

    expect(page.get_by_test_id("sign-out")).to_be_visible()
    expect(page.locator("#account")).to_contain_text("Carmen Nube")
    ready(page)
    # The board asked for (which adds its default filters), the code and the state gone from the URL.
    assert page.url.startswith(stack.url(next_path))
    assert "code=" not in page.url and "state=" not in page.url

    sent = hosted.authorize
    assert sent["response_type"] == "code"
    assert sent["client_id"] == CLIENT_ID
    assert sent["redirect_uri"] == stack.url("/")
    assert sent["scope"] == "openid email profile"
    assert sent["code_challenge_method"] == "S256"
    assert len(sent["code_challenge"]) == 43 and "=" not in sent["code_challenge"]
    assert len(sent["state"]) >= 16

    (exchange,) = hosted.token_requests
    assert exchange["method"] == "POST"
    assert exchange["content_type"].startswith("application/x-www-form-urlencoded")
    form = exchange["form"]
    assert form["grant_type"] == "authorization_code"
    assert form["client_id"] == CLIENT_ID
    assert form["code"] == "abc"
    assert form["redirect_uri"] == stack.url("/")
    assert _b64url_sha256(form["code_verifier"]) == sent["code_challenge"]

    assert page.evaluate("localStorage.getItem('cocrea.session')") == id_token
    assert page.evaluate("sessionStorage.getItem('cocrea.oauth')") is None  # the verifier is used once


def test_a_callback_whose_state_does_not_match_shows_an_error_and_stores_no_token(
    page: Page, stack: Stack, id_token: str
) -> None:
    hosted = HostedUi(stack, id_token, wrong_state=True)
    hosted.install(page)

    page.goto(stack.url("/?view=signin"))

    error = page.get_by_test_id("signin-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("no corresponde a esta pestaña")
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    assert hosted.authorize["state"]  # the portal did leave for the hosted UI
    assert hosted.token_requests == []  # and never traded the code
    assert page.evaluate("localStorage.getItem('cocrea.session')") is None
    assert page.url == stack.url("/?view=signin")


def test_an_error_from_the_hosted_ui_is_shown_translated(page: Page, stack: Stack, id_token: str) -> None:
    hosted = HostedUi(stack, id_token)
    hosted.install(page)

    page.goto(stack.url("/?error=access_denied&state=whatever"))

    expect(page.get_by_test_id("signin-error")).to_contain_text("no ha completado el inicio de sesión")
    assert hosted.token_requests == []
    assert page.evaluate("localStorage.getItem('cocrea.session')") is None


def test_sign_out_ends_the_hosted_ui_session_too(page: Page, stack: Stack, id_token: str) -> None:
    hosted = HostedUi(stack, id_token)
    hosted.install(page)
    logouts: list[str] = []

    def logout(route: Route, request: Request) -> None:
        logouts.append(request.url)
        route.fulfill(status=302, headers={"Location": stack.url("/")})

    page.route(f"{AUTH}/logout*", logout)
    page.goto(stack.url("/?view=signin"))
    expect(page.get_by_test_id("sign-out")).to_be_visible()

    page.get_by_test_id("sign-out").click()

    expect(page.get_by_test_id("sign-in")).to_be_visible()
    (url,) = logouts
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query == {"client_id": CLIENT_ID, "logout_uri": stack.url("/")}
    assert page.evaluate("localStorage.getItem('cocrea.session')") is None
