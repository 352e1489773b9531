"""Every answer carries the security headers of chalicelib/security_headers.py; the portal's page
keeps its own policy."""

from __future__ import annotations

import pytest

from chalicelib import security_headers
from tests.support import Api, User


@pytest.mark.parametrize("path", ["/health", "/ideas/unknown-idea", "/openapi.json"])
def test_api_answers_carry_the_security_headers(api: Api, path: str) -> None:
    reply = api.get(path)

    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["strict-transport-security"] == security_headers.STRICT_TRANSPORT_SECURITY
    assert reply.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert reply.headers["x-frame-options"] == "DENY"


def test_errors_chalice_answers_itself_carry_them_too(api: Api, customer: User) -> None:
    reply = api.call("PUT", "/health", customer)

    assert reply.status == 405
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_the_portal_page_keeps_its_own_policy(api: Api) -> None:
    reply = api.get("/", parse=False)

    assert reply.status == 200
    policy = reply.headers["content-security-policy"]
    assert policy == security_headers.portal_content_security_policy()
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert reply.headers["strict-transport-security"] == security_headers.STRICT_TRANSPORT_SECURITY
