"""A person's own data: the export (GDPR art. 15 and 20) and the erasure (art. 17)."""

from __future__ import annotations

import contextlib
from typing import Any

from chalicelib.config import get_settings
from chalicelib.domain.errors import UserNotFound
from chalicelib.store import personal_data
from chalicelib.store.users import get_user


def export_my_data(user_id: str) -> dict[str, Any]:
    user = get_user(user_id)
    if user is None:
        raise UserNotFound()
    return personal_data.export(user)


def erase_me(user_id: str, at: str) -> None:
    """Erase the person's data from the store and, in AWS, their Cognito account; repeatable."""
    personal_data.erase(user_id, at)
    settings = get_settings()
    if not settings.is_local:
        _delete_cognito_user(settings.required("user_pool_id"), user_id)


def _delete_cognito_user(pool_id: str, user_id: str) -> None:
    import boto3

    client = boto3.client("cognito-idp")
    # Already deleted by an earlier, interrupted erasure: nothing left to do.
    with contextlib.suppress(client.exceptions.UserNotFoundException):
        # The pool signs in by e-mail, so each user's username is its ``sub``: the user id.
        client.admin_delete_user(UserPoolId=pool_id, Username=user_id)
