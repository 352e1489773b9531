"""The signed-in user's own profile."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.routing import PUBLIC, SIGNED_IN, Call, endpoint
from chalicelib.domain.errors import UserNotFound
from chalicelib.services import following
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
    principal, changes = call.user, dict(call.body)
    if "notifications" in changes:
        following.change_notifications(principal.id, changes.pop("notifications"))
    user = update_user(principal.id, changes) if changes else get_user(principal.id)
    if user is None:
        raise UserNotFound()
    return render.me(user, principal, activity_counts(principal.id))


@endpoint(
    blueprint,
    "/ideas/{idea_id}/follow",
    "PUT",
    summary="Follow an idea: get its e-mails (idempotent)",
    access=SIGNED_IN,
    response="FollowResultSchema",
    errors=(404,),
    tag="me",
)
def follow_idea(call: Call, idea_id: str) -> dict[str, Any]:
    return {"idea_id": idea_id, "following": following.follow(idea_id, call.user, True)}


@endpoint(
    blueprint,
    "/ideas/{idea_id}/follow",
    "DELETE",
    summary="Unfollow an idea: no more of its e-mails, even as its voter (idempotent)",
    access=SIGNED_IN,
    response="FollowResultSchema",
    errors=(404,),
    tag="me",
)
def unfollow_idea(call: Call, idea_id: str) -> dict[str, Any]:
    return {"idea_id": idea_id, "following": following.follow(idea_id, call.user, False)}


@endpoint(
    blueprint,
    "/notifications/unsubscribe",
    "POST",
    summary="One-click unsubscribe from a kind of e-mail, with the signed token of its link",
    access=PUBLIC,
    body="UnsubscribeSchema",
    form_body=True,
    response="UnsubscribedSchema",
    errors=(400,),
    tag="notifications",
)
def unsubscribe(call: Call) -> dict[str, Any]:
    return {"unsubscribed": following.unsubscribe(call.body["token"])}
