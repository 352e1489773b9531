"""The signed-in user's own profile."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.routing import SIGNED_IN, Call, endpoint
from chalicelib.domain.errors import UserNotFound
from chalicelib.store.users import activity_counts, get_user, update_user

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/me",
    "GET",
    summary="The signed-in user's profile",
    access=SIGNED_IN,
    response="MeSchema",
    errors=(404,),
    tag="me",
)
def my_profile(call: Call) -> dict[str, Any]:
    principal = call.user
    user = get_user(principal.id)
    if user is None:
        raise UserNotFound()
    return render.me(user, principal, activity_counts(principal.id))


@endpoint(
    blueprint,
    "/me",
    "PATCH",
    summary="Change name, consent, notifications or language",
    access=SIGNED_IN,
    body="MePatchSchema",
    response="MeSchema",
    errors=(400, 404),
    tag="me",
)
def change_my_profile(call: Call) -> dict[str, Any]:
    principal, changes = call.user, call.body
    user = update_user(principal.id, changes) if changes else get_user(principal.id)
    if user is None:
        raise UserNotFound()
    return render.me(user, principal, activity_counts(principal.id))
