"""Admin user management: GET /users and PUT /users/{id}/roles on DynamoDB Local."""

from __future__ import annotations

import uuid
from typing import Any

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, assert_error, new_user


def signed_in(api: Api, issuer: LocalIssuer, *groups: str, name: str) -> User:
    """A user whose record exists: the API creates it on the first signed-in request."""
    user = new_user(issuer, *groups, name=name)
    assert api.get("/me", user).status == 200
    return user


def all_pages(api: Api, admin: User, query: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(50):
        page = api.get(f"/users?limit={limit}&{query}{cursor}", admin)
        assert page.status == 200, page.body
        items += page.body["items"]
        if page.body["next_cursor"] is None:
            return items
        cursor = f"&cursor={page.body['next_cursor']}"
    raise AssertionError("the pages never ended")


def test_search_by_name_or_email_prefix_pages_each_user_once(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    tag = f"zq{uuid.uuid4().hex[:6]}"
    # Names start with the tag, or only the e-mail does (the token's e-mail is sub@example...),
    # so the search runs both halves; one person matches by both and must appear once.
    by_name = [signed_in(api, issuer, name=f"{tag.upper()} Person {i}") for i in range(4)]
    other = signed_in(api, issuer, "moderator", name="Someone Else")
    found = all_pages(api, admin, f"q={tag}", limit=2)
    assert sorted(item["id"] for item in found) == sorted(user.id for user in by_name)
    assert len({item["id"] for item in found}) == len(found)
    assert set(found[0]) == {"id", "name", "email", "roles", "created_at"}

    email_prefix = other.id[:12]  # the issuer gives every test user the e-mail <sub>@...
    found = all_pages(api, admin, f"q={email_prefix.upper()}", limit=1)
    assert [item["id"] for item in found] == [other.id]
    assert found[0]["roles"] == ["moderator"]


def test_role_filter_lists_only_holders_of_the_role(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    tag = f"rf{uuid.uuid4().hex[:6]}"
    marketers = {signed_in(api, issuer, "marketing", name=f"{tag} M{i}").id for i in range(3)}
    signed_in(api, issuer, name=f"{tag} C")
    found = all_pages(api, admin, f"q={tag}&role=marketing", limit=1)
    assert {item["id"] for item in found} == marketers
    assert all("marketing" in item["roles"] for item in found)


def test_assigned_roles_are_stored_listed_and_in_the_next_token(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    person = signed_in(api, issuer, name=f"Pr{uuid.uuid4().hex[:6]} Promoted")
    assert api.get("/moderation/queue", person).status == 403

    reply = api.put(f"/users/{person.id}/roles", admin, json_body={"roles": ["moderator"]})
    assert reply.status == 200, reply.body
    assert reply.body["id"] == person.id
    assert reply.body["roles"] == ["customer", "moderator"]  # customer always kept
    listed = api.get(f"/users?q={person.name.split()[0]}", admin).body["items"]
    assert [item["roles"] for item in listed] == [["customer", "moderator"]]

    # The dev issuer puts the stored roles in the next token, whatever groups are asked for.
    token = api.post("/dev/token", json_body={"sub": person.id, "name": person.name, "groups": []}).body["token"]
    renewed = User(person.id, person.name, [], token)
    assert api.get("/moderation/queue", renewed).status == 200
    assert api.get("/me", renewed).body["roles"] == ["customer", "moderator"]

    # Taking a role away works the same way.
    assert api.put(f"/users/{person.id}/roles", admin, json_body={"roles": []}).body["roles"] == ["customer"]
    token = api.post("/dev/token", json_body={"sub": person.id, "name": person.name}).body["token"]
    assert api.get("/moderation/queue", User(person.id, person.name, [], token)).status == 403


def test_an_admin_cannot_remove_their_own_admin_role(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    reply = api.put(f"/users/{admin.id}/roles", admin, json_body={"roles": ["moderator"]})
    assert_error(reply, 400, "validation_error")
    assert "roles" in reply.body["error"]["fields"]
    assert "admin" in reply.body["error"]["message"]
    # Nothing was written, and keeping the role is allowed.
    assert api.get("/me", admin).body["roles"] == ["admin"]
    kept = api.put(f"/users/{admin.id}/roles", admin, json_body={"roles": ["admin", "product"]})
    assert kept.body["roles"] == ["customer", "product", "admin"]


def test_unhappy_paths_write_nothing(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    person = signed_in(api, issuer, name=f"Untouched {uuid.uuid4().hex[:6]}")
    path = f"/users/{person.id}/roles"
    assert_error(api.put(path, admin, json_body={"roles": ["owner"]}), 400, "validation_error")
    assert_error(api.put(path, admin, json_body={"roles": "admin"}), 400, "validation_error")
    assert_error(api.put(path, admin, json_body={}), 400, "validation_error")
    assert_error(api.put(path, admin, json_body={"roles": [], "extra": 1}), 400, "validation_error")
    assert_error(api.put("/users/nobody-here/roles", admin, json_body={"roles": []}), 404, "not_found")
    assert_error(api.get("/users?role=owner", admin), 400, "validation_error")
    assert_error(api.get("/users?cursor=forged", admin), 400, "validation_error")
    assert_error(api.put(path, new_user(issuer, "moderator"), json_body={"roles": ["admin"]}), 403, "forbidden")
    assert api.get("/me", person).body["roles"] == ["customer"]


def test_a_cursor_is_bound_to_its_filters(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    tag = f"cb{uuid.uuid4().hex[:6]}"
    for i in range(3):
        signed_in(api, issuer, name=f"{tag} {i}")
    cursor = api.get(f"/users?q={tag}&limit=1", admin).body["next_cursor"]
    assert cursor
    assert_error(api.get(f"/users?q={tag}x&limit=1&cursor={cursor}", admin), 400, "validation_error")


def test_an_erased_person_is_not_listed(api: Api, issuer: LocalIssuer) -> None:
    admin = signed_in(api, issuer, "admin", name="Admin")
    tag = f"er{uuid.uuid4().hex[:6]}"
    person = signed_in(api, issuer, name=f"{tag} Gone")
    assert len(api.get(f"/users?q={tag}", admin).body["items"]) == 1
    assert api.post("/me/erase", person, {"confirm": "erase"}).status == 200
    assert api.get(f"/users?q={tag}", admin).body["items"] == []
    assert_error(api.put(f"/users/{person.id}/roles", admin, json_body={"roles": []}), 404, "not_found")
