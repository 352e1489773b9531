"""Users: the only items holding personal data. Created from the token's claims on first sight."""

from __future__ import annotations

from typing import Any, cast

from pynamodb.exceptions import UpdateError

from chalicelib.domain.roles import Principal
from chalicelib.store.comments import count_comments_by
from chalicelib.store.models import DIRECTORY, IdeaModel, UserModel, directory_key
from chalicelib.store.paging import LastKey, read_page
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
    actions = [getattr(UserModel, name).set(value) for name, value in changes.items()]
    if "name" in changes:  # the directory index follows the name
        actions.append(UserModel.name_key.set(directory_key(changes["name"], user_id)))
    try:
        user.update(
            actions=actions,
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


# ----------------------------------------------------------------------------- the directory

# Position of a directory page: which half of a ``q`` search (names first, then e-mails) and the
# DynamoDB key to resume it after.
DirectoryPosition = dict[str, Any]


def list_users(
    limit: int, role: str | None, prefix: str | None, start: DirectoryPosition | None
) -> tuple[list[UserModel], DirectoryPosition | None]:
    """A page of the user directory by name; ``role`` and a name-or-e-mail ``prefix`` narrow it.

    Two Queries, never a Scan: names starting with the prefix, then e-mails starting with it of
    people whose name does not (so nobody is listed twice). ``role`` is a filter on the query, so
    a page may hold fewer than ``limit`` items while more follow.
    """
    half = (start or {}).get("half", "name")
    last_key: LastKey | None = (start or {}).get("key")
    condition = UserModel.roles.contains(role) if role else None
    if half == "name":
        key = UserModel.name_key.startswith(prefix.strip().lower()) if prefix else None
        results = UserModel.by_name.query(
            DIRECTORY, key, filter_condition=condition, last_evaluated_key=last_key, page_size=limit + 1
        )
        items, resume = read_page(results, limit)
        if resume is not None:
            return items, {"half": "name", "key": resume}
        if not prefix:
            return items, None
        if len(items) == limit:  # the e-mail half is next; it may be empty, which costs one query
            return items, {"half": "email", "key": None}
        more, position = _email_half(prefix, condition, limit - len(items), None)
        return items + more, position
    return _email_half(prefix or "", condition, limit, last_key)


def _email_half(
    prefix: str, condition: Any, limit: int, last_key: LastKey | None
) -> tuple[list[UserModel], DirectoryPosition | None]:
    lowered = prefix.strip().lower()
    not_by_name = ~UserModel.name_key.startswith(lowered)
    condition = not_by_name if condition is None else condition & not_by_name
    results = UserModel.by_email.query(
        DIRECTORY,
        UserModel.email_key.startswith(lowered),
        filter_condition=condition,
        last_evaluated_key=last_key,
        page_size=limit + 1,
    )
    items, resume = read_page(results, limit)
    return items, ({"half": "email", "key": resume} if resume is not None else None)


def assign_roles(user_id: str, roles: list[str], at: str) -> UserModel | None:
    """Store the roles an admin chose (they replace the token's groups from now on); None when the
    user has no record (or was erased)."""
    user = UserModel(user_id)
    try:
        user.update(
            actions=[UserModel.roles.set(cast(Any, roles)), UserModel.roles_assigned_at.set(at)],
            condition=UserModel.id.exists() & UserModel.erased_at.does_not_exist(),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return user
