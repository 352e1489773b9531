"""Admin user management: the directory and the roles an admin assigns.

Roles reach a request through the token's ``cognito:groups``. Assigning roles therefore stores
them on the user (what ``GET /users`` lists) and changes where tokens get their groups: in AWS
the person's Cognito groups, locally the dev issuer, which reads the stored roles
(``/dev/token``). Either way the change takes effect with the person's next token.
"""

from __future__ import annotations

from chalicelib.config import get_settings
from chalicelib.domain.errors import InvalidInput, OwnAdminRole, UserNotFound
from chalicelib.domain.roles import ADMIN, CUSTOMER, ROLES, Principal
from chalicelib.store import users as user_store
from chalicelib.store.models import UserModel


def assigned_roles(requested: list[str]) -> list[str]:
    """The roles to store: known ones only, in the canonical order, ``customer`` always kept."""
    unknown = sorted({role for role in requested if role not in ROLES})
    if unknown:
        raise InvalidInput(f"unknown roles: {', '.join(unknown)}", {"roles": [f"Unknown role: {r}." for r in unknown]})
    chosen = set(requested) | {CUSTOMER}
    return [role for role in ROLES if role in chosen]


def change_roles(admin: Principal, user_id: str, requested: list[str], at: str) -> UserModel:
    roles = assigned_roles(requested)
    if user_id == admin.id and ADMIN not in roles:
        raise OwnAdminRole(
            "an admin cannot remove their own admin role; ask another admin",
            {"roles": ["You cannot remove your own admin role."]},
        )
    before = user_store.get_user(user_id)
    if before is None or before.erased_at is not None:
        raise UserNotFound(f"no user '{user_id}'")
    settings = get_settings()
    if not settings.is_local:
        _set_cognito_groups(settings.required("user_pool_id"), user_id, roles)
    user = user_store.assign_roles(user_id, roles, at)
    if user is None:  # erased between the read and the write
        raise UserNotFound(f"no user '{user_id}'")
    return user


def _set_cognito_groups(pool_id: str, user_id: str, roles: list[str]) -> None:
    """Make the pool's role groups exactly ``roles``: what the person's next ID token carries.

    Every role group is set, not only those that changed in the store, so that a pool which
    drifted (a group changed in the console) is corrected too; both calls are idempotent, so a
    retry after a failure half-way converges. Groups that are not roles are left alone.
    """
    import boto3

    client = boto3.client("cognito-idp")
    # The pool signs in by e-mail, so each user's username is its ``sub``: the user id.
    for role in ROLES:
        if role in roles:
            client.admin_add_user_to_group(UserPoolId=pool_id, Username=user_id, GroupName=role)
        else:
            client.admin_remove_user_from_group(UserPoolId=pool_id, Username=user_id, GroupName=role)


def stored_groups(user_id: str) -> list[str] | None:
    """The roles an admin assigned to ``user_id``, for the local issuer; None if never assigned."""
    user = user_store.get_user(user_id)
    if user is None or user.roles_assigned_at is None or user.erased_at is not None:
        return None
    return list(user.roles)
