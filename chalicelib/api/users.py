"""Admin user management: the user directory and the roles of each person."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import Call, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import ADMIN
from chalicelib.services import users
from chalicelib.store.users import list_users

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/users",
    "GET",
    summary="A page of users by name; filter by role or by a name or e-mail prefix",
    access=(ADMIN,),
    query="UserListQuerySchema",
    response="UserPageSchema",
    errors=(400, 403),
    tag="users",
)
def users_page(call: Call) -> dict[str, Any]:
    query = call.query
    role, prefix = query.get("role"), query.get("q")
    fingerprint = f"users:{role or ''}:{(prefix or '').lower()}"
    items, position = list_users(query["limit"], role, prefix, start_position(query, fingerprint))
    return render.page([render.user(item) for item in items], next_cursor(fingerprint, position))


@endpoint(
    blueprint,
    "/users/{user_id}/roles",
    "PUT",
    summary="Set a user's roles (customer is always kept; an admin cannot drop their own admin role)",
    access=(ADMIN,),
    body="UserRolesSchema",
    response="UserSchema",
    errors=(400, 403, 404),
    tag="users",
)
def set_user_roles(call: Call, user_id: str) -> dict[str, Any]:
    user = users.change_roles(call.user, user_id, call.body["roles"], to_storage(utc_now()))
    return render.user(user)
