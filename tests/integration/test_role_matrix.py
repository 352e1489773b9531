"""Every route tried by anonymous, customer, product, marketing, moderator and admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, new_user

ROLES = ("anonymous", "customer", "product", "marketing", "moderator", "admin")


@dataclass
class World:
    """Fresh items for one case, made by people other than the one trying the route."""

    product: str
    idea: str
    other_idea: str
    comment: str
    author: str


@pytest.fixture
def world(api: Api, issuer: LocalIssuer, product: str) -> World:
    author = new_user(issuer)
    idea = api.post("/ideas", author, {"title": "Matrix idea", "product": product, "phase": "design"}).body["id"]
    other = api.post("/ideas", author, {"title": "Matrix target", "product": product, "phase": "design"}).body["id"]
    comment = api.post(f"/ideas/{idea}/comments", author, {"body": "Matrix comment"}).body["id"]
    return World(product, idea, other, comment, author.id)


def hidden(api: Api, issuer: LocalIssuer, world: World) -> World:
    moderator = new_user(issuer, "moderator")
    assert api.post(f"/ideas/{world.idea}/hide", moderator, {"reason": "matrix"}).status == 200
    assert api.post(f"/comments/{world.comment}/hide", moderator, {"reason": "matrix"}).status == 200
    return world


# method, path template, body, needs hidden items, expected status per role (in ROLES order)
MATRIX: list[tuple[str, str, Any, bool, tuple[int, ...]]] = [
    ("GET", "/health", None, False, (200, 200, 200, 200, 200, 200)),
    ("GET", "/openapi.json", None, False, (200, 200, 200, 200, 200, 200)),
    ("GET", "/products", None, False, (200, 200, 200, 200, 200, 200)),
    ("POST", "/products", {"slug": "{new_slug}", "name": "New"}, False, (401, 403, 201, 403, 403, 201)),
    ("GET", "/products/{product}", None, False, (200, 200, 200, 200, 200, 200)),
    ("PATCH", "/products/{product}", {"name": "Renamed"}, False, (401, 403, 200, 403, 403, 200)),
    ("GET", "/users", None, False, (401, 403, 403, 403, 403, 200)),
    ("PUT", "/users/{author}/roles", {"roles": ["product"]}, False, (401, 403, 403, 403, 403, 200)),
    (
        "POST",
        "/ideas",
        {"title": "A new idea", "product": "{product}", "phase": "testing"},
        False,
        (401, 201, 201, 201, 201, 201),
    ),
    ("GET", "/ideas?product={product}", None, False, (200, 200, 200, 200, 200, 200)),
    ("GET", "/ideas/{idea}", None, False, (200, 200, 200, 200, 200, 200)),
    ("PATCH", "/ideas/{idea}", {"status": "planned"}, False, (401, 403, 200, 403, 403, 200)),
    ("PATCH", "/ideas/{idea}", {"title": "Not the author"}, False, (401, 403, 403, 403, 403, 403)),
    ("DELETE", "/ideas/{idea}", None, False, (405, 405, 405, 405, 405, 405)),
    ("PUT", "/ideas/{idea}/vote", None, False, (401, 200, 200, 200, 200, 200)),
    ("DELETE", "/ideas/{idea}/vote", None, False, (401, 200, 200, 200, 200, 200)),
    ("PUT", "/ideas/{idea}/follow", None, False, (401, 200, 200, 200, 200, 200)),
    ("DELETE", "/ideas/{idea}/follow", None, False, (401, 200, 200, 200, 200, 200)),
    ("PUT", "/ideas/{idea}/follow", None, True, (401, 404, 404, 404, 200, 200)),
    ("POST", "/notifications/unsubscribe", {"token": "not.signed"}, False, (400, 400, 400, 400, 400, 400)),
    ("POST", "/ideas/{idea}/merge", {"into": "{other_idea}"}, False, (401, 403, 200, 403, 403, 200)),
    ("POST", "/ideas/{idea}/hide", {"reason": "spam"}, False, (401, 403, 403, 403, 200, 200)),
    ("POST", "/ideas/{idea}/restore", None, True, (401, 403, 403, 403, 200, 200)),
    ("GET", "/ideas/{idea}", None, True, (404, 404, 404, 404, 200, 200)),
    ("GET", "/ideas/{idea}/history", None, False, (401, 403, 200, 403, 200, 200)),
    ("GET", "/ideas/{idea}/comments", None, False, (200, 200, 200, 200, 200, 200)),
    ("POST", "/ideas/{idea}/comments", {"body": "Hello"}, False, (401, 201, 201, 201, 201, 201)),
    ("DELETE", "/comments/{comment}", None, False, (405, 405, 405, 405, 405, 405)),
    ("POST", "/comments/{comment}/hide", {"reason": "rude"}, False, (401, 403, 403, 403, 200, 200)),
    ("POST", "/comments/{comment}/restore", None, True, (401, 403, 403, 403, 200, 200)),
    ("GET", "/moderation/queue", None, False, (401, 403, 403, 403, 200, 200)),
    ("GET", "/moderation/hidden", None, False, (401, 403, 403, 403, 200, 200)),
    ("GET", "/topics", None, False, (200, 200, 200, 200, 200, 200)),
    ("GET", "/topics/unknown-topic", None, False, (404, 404, 404, 404, 404, 404)),
    ("GET", "/me/feed", None, False, (401, 200, 200, 200, 200, 200)),
    ("GET", "/segments", None, False, (401, 403, 403, 200, 403, 200)),
    ("GET", "/segments/unknown/members", None, False, (401, 403, 403, 404, 403, 404)),
    ("GET", "/alerts", None, False, (401, 403, 200, 403, 200, 200)),
    ("GET", "/me", None, False, (401, 200, 200, 200, 200, 200)),
    ("PATCH", "/me", {"language": "pt"}, False, (401, 200, 200, 200, 200, 200)),
    ("GET", "/reports/summary", None, False, (401, 403, 200, 200, 403, 200)),
    ("POST", "/dev/token", {"sub": "someone", "name": "Someone"}, False, (200, 200, 200, 200, 200, 200)),
    ("GET", "/dev/jwks.json", None, False, (200, 200, 200, 200, 200, 200)),
]

CASES = [
    pytest.param(method, path, body, needs_hidden, role, expected[index], id=f"{method} {path} as {role}")
    for method, path, body, needs_hidden, expected in MATRIX
    for index, role in enumerate(ROLES)
]


def fill(template: Any, world: World, new_slug: str) -> Any:
    values = {**world.__dict__, "new_slug": new_slug}
    if isinstance(template, str):
        return template.format(**values)
    if isinstance(template, dict):
        return {key: fill(value, world, new_slug) for key, value in template.items()}
    return template


@pytest.mark.parametrize(("method", "path", "body", "needs_hidden", "role", "expected"), CASES)
def test_route_answers_each_role_as_the_contract_says(
    api: Api,
    issuer: LocalIssuer,
    world: World,
    method: str,
    path: str,
    body: Any,
    needs_hidden: bool,
    role: str,
    expected: int,
) -> None:
    if needs_hidden:
        hidden(api, issuer, world)
    user: User | None = None if role == "anonymous" else new_user(issuer, *([] if role == "customer" else [role]))
    new_slug = f"m-{world.idea[:12]}-{ROLES.index(role)}"

    reply = api.call(method, fill(path, world, new_slug), user, fill(body, world, new_slug))

    assert reply.status == expected, reply.body
