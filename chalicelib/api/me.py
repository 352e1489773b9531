"""The signed-in user's own profile."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.request import load_body, signed_in
from chalicelib.api.routing import endpoint
from chalicelib.errors import NotFoundError
from chalicelib.store.users import activity_counts, get_user, update_user

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/me", "GET")
def my_profile() -> dict[str, Any]:
    principal = signed_in(blueprint.current_request)
    user = get_user(principal.id)
    if user is None:
        raise NotFoundError("user record missing")
    return render.me(user, principal, activity_counts(principal.id))


@endpoint(blueprint, "/me", "PATCH")
def change_my_profile() -> dict[str, Any]:
    from chalicelib.schemas import MePatchSchema

    request = blueprint.current_request
    principal = signed_in(request)
    changes = load_body(request, MePatchSchema())
    user = update_user(principal.id, changes) if changes else get_user(principal.id)
    if user is None:
        raise NotFoundError("user record missing")
    return render.me(user, principal, activity_counts(principal.id))
