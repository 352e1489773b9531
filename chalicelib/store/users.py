"""Users: the only items holding personal data. Created from the token's claims on first sight."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import UpdateError

from chalicelib.domain.roles import Principal
from chalicelib.store.comments import count_comments_by
from chalicelib.store.models import IdeaModel, UserModel
from chalicelib.store.transactions import save_if
from chalicelib.store.votes import count_votes_by

# Users this process already knows exist: a warm Lambda container skips the write.
_known_users: set[str] = set()


def ensure_user(principal: Principal, at: str) -> None:
    """Create the user's record from its claims unless it exists; later requests cost nothing."""
    if principal.id in _known_users:
        return
    user = UserModel(
        id=principal.id,
        name=principal.name,
        email=principal.email,
        roles=list(principal.roles),
        created_at=at,
    )
    save_if(user, UserModel.id.does_not_exist())  # False: it exists already, which is as good
    _known_users.add(principal.id)


def get_user(user_id: str) -> UserModel | None:
    try:
        return UserModel.get(user_id, consistent_read=True)
    except UserModel.DoesNotExist:
        return None


def update_user(user_id: str, changes: dict[str, Any]) -> UserModel | None:
    """Apply ``changes`` and return the whole updated user (one write, no read first);
    None when the user has no record."""
    user = UserModel(user_id)
    try:
        user.update(
            actions=[getattr(UserModel, name).set(value) for name, value in changes.items()],
            condition=UserModel.id.exists(),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return user


def activity_counts(user_id: str) -> dict[str, int]:
    """Ideas, votes and comments of a user, counted from their indexes (never drifts)."""
    return {
        "ideas": IdeaModel.author_new.count(user_id),
        "votes": count_votes_by(user_id),
        "comments": count_comments_by(user_id),
    }
