"""Following ideas and choosing which e-mails to get: the Follow button, the profile's switches
per kind, and the one-click unsubscribe of every e-mail."""

from __future__ import annotations

from chalicelib.clock import to_storage, utc_now
from chalicelib.config import cursor_secret
from chalicelib.domain.errors import UserNotFound
from chalicelib.domain.notice_kinds import SETTING_KINDS, enabled_kinds
from chalicelib.domain.roles import Principal
from chalicelib.services.visibility import visible_idea
from chalicelib.store.follows import follow_on_engagement, set_following
from chalicelib.store.models import UserModel
from chalicelib.store.users import get_user
from chalicelib.unsubscribe_tokens import UnsubscribeTokens


def follow(idea_id: str, reader: Principal, following: bool) -> bool:
    """Follow or unfollow an idea the reader may see (404 otherwise, like reading it)."""
    idea = visible_idea(idea_id, reader)
    return set_following(idea.id, reader.id, following, to_storage(utc_now()))


def engaged(idea_id: str, user_id: str) -> None:
    """After a vote or a comment: follow unless the person already chose."""
    follow_on_engagement(idea_id, user_id, to_storage(utc_now()))


def change_notifications(user_id: str, requested: bool | dict[str, bool]) -> None:
    """A boolean turns every kind on or off (the single switch before settings per kind); an
    object changes the kinds it names and keeps the others."""
    user = get_user(user_id)
    if user is None:
        raise UserNotFound()
    if isinstance(requested, bool):
        master, muted = requested, set()
    else:
        settings = enabled_kinds(user.notifications, user.muted) | requested
        master, muted = True, {kind for kind in SETTING_KINDS if not settings[kind]}
    # DynamoDB stores no empty set: "nothing muted" is the attribute's absence.
    muting = UserModel.muted.set(muted) if muted else UserModel.muted.remove()
    user.update(actions=[UserModel.notifications.set(master), muting])


def unsubscribe(token: str) -> str:
    """Turn off the kind of e-mail a signed link names; the kind."""
    claim = UnsubscribeTokens(cursor_secret()).verify(token)
    user = get_user(claim.user_id)
    if user is not None and user.erased_at is None:  # an erased person gets no mail anyway
        user.update(actions=[UserModel.muted.add({claim.kind})])
    return claim.kind
