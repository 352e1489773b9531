"""A path no route declares, through the served API: the contract's 404 for API paths (what the
gateway responses of infra/stacks/api.py make API Gateway answer), and on the local stage the
portal's page for any other page path (what CloudFront answers from the portal's bucket)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from chalicelib.api.gateway_answers import GATEWAY_ANSWERS
from tests.contract import assert_conforms
from tests.support import assert_error, http_call


def raw_get(base_url: str, path: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(base_url + path, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/ideas/some-id/no-such-thing"),
        ("GET", "/ideas/a/b/c/d"),
        ("POST", "/no-such-route"),
        ("DELETE", "/me/nothing"),
        ("GET", "/topics/x/y"),
    ],
)
def test_an_unknown_api_path_is_the_contracts_not_found(served_api: str, method: str, path: str) -> None:
    reply = http_call(served_api, method, path, body={} if method == "POST" else None)
    assert_error(reply, 404, "not_found")  # http_call also checks the body against the Error schema
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_a_token_does_not_change_the_answer(served_api: str) -> None:
    # chalice local, like API Gateway, words its 403 differently when an Authorization header is sent.
    assert_error(http_call(served_api, "GET", "/ideas/a/b/c", token="not-even-a-jwt"), 404, "not_found")


def test_a_known_path_with_an_unknown_method_is_still_405(served_api: str) -> None:
    assert_error(http_call(served_api, "PATCH", "/products"), 405, "method_not_allowed")


@pytest.mark.parametrize("path", ["/no/such/page", "/ideas-old-link", "/portal?view=topics"])
def test_an_unknown_page_path_is_the_portal_which_says_not_found(served_api: str, path: str) -> None:
    status, content_type, body = raw_get(served_api, path)
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    assert b'<script type="module" src="/assets/app.js">' in body  # web/assets/routes.js shows "not found"


def test_every_gateway_answer_is_in_the_contracts_shape() -> None:
    for response_type, answer in GATEWAY_ANSWERS.items():
        assert_conforms("GET", f"/gateway/{response_type}", answer.status, json.loads(answer.body()))
        assert json.loads(answer.body())["error"]["code"] == answer.code
