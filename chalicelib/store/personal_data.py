"""Everything stored about one person: reading it all (export) and erasing it (erasure).

Erasure keeps what the community built: ideas, comments and votes stay, under "former member";
the history keeps each event without the person's name. Only the user item held the e-mail and
the consents; it stays as a tombstone without them, so an old token cannot recreate the person.
Their follow choices are deleted.
Every step is idempotent, so an erasure cut off half-way is finished by asking again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chalicelib.clock import to_api
from chalicelib.domain.notice_kinds import enabled_kinds
from chalicelib.domain.personal_data import FORMER_MEMBER
from chalicelib.store.follows import choices_of, forget_choices
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import (
    CommentModel,
    DeliveryModel,
    HistoryModel,
    IdeaModel,
    NoticeModel,
    UserModel,
    VoteModel,
)

BATCH = 100


def _chunks(keys: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(keys), BATCH):
        yield keys[start : start + BATCH]


def _comments_of(user_id: str) -> list[CommentModel]:
    keys = [(c.idea_id, c.position) for c in CommentModel.by_author.query(user_id)]
    return [comment for chunk in _chunks(keys) for comment in CommentModel.batch_get(chunk)]


def export(user: UserModel) -> dict[str, Any]:
    """The contract's ``{"profile", "consents", "ideas", "comments", "votes", "notifications"}``."""
    ideas = sorted(IdeaModel.author_new.query(user.id), key=lambda idea: idea.created_at)
    comments = sorted(_comments_of(user.id), key=lambda comment: comment.created_at)
    votes = sorted(VoteModel.by_user.query(user.id), key=lambda vote: vote.created_at)
    deliveries = list(DeliveryModel.by_user.query(user.id))
    notices = {
        notice.id: notice
        for chunk in _chunks(list({d.notice_id for d in deliveries}))
        for notice in NoticeModel.batch_get(chunk)
    }
    return {
        "profile": {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "roles": list(user.roles or []),
            "language": user.language,
            "created_at": to_api(user.created_at),
        },
        "consents": {
            "marketing_consent": bool(user.marketing_consent),
            "notifications": enabled_kinds(user.notifications, user.muted),  # one switch per kind of e-mail
            # Follow and unfollow are choices of the same kind as the switches above, made idea by
            # idea: which e-mails the person agreed to get. So they sit with the consents, while
            # "notifications" stays the log of what was sent. Only explicit choices are stored
            # (Follow, Unfollow, a first vote or comment); following one's own idea is a rule.
            "follows": [
                {"idea_id": choice.idea_id, "following": bool(choice.following), "at": to_api(choice.at)}
                for choice in choices_of(user.id)
            ],
        },
        "ideas": [
            {
                "id": idea.id,
                "title": idea.title,
                "body": idea.body,
                "product": idea.product,
                "phase": idea.phase,
                "status": idea.status,
                "vote_count": int(idea.vote_count),
                "hidden": bool(idea.hidden),
                "created_at": to_api(idea.created_at),
                "updated_at": to_api(idea.updated_at),
            }
            for idea in ideas
        ],
        "comments": [
            {
                "id": comment.id,
                "idea_id": comment.idea_id,
                "body": comment.body,
                "status": comment.status,
                "hidden": bool(comment.hidden),
                "created_at": to_api(comment.created_at),
            }
            for comment in comments
        ],
        "votes": [{"idea_id": vote.idea_id, "created_at": to_api(vote.created_at)} for vote in votes],
        "notifications": [
            {
                "kind": notices[d.notice_id].kind if d.notice_id in notices else None,
                "about": notices[d.notice_id].idea_title if d.notice_id in notices else None,
                "state": d.state,
                "at": to_api(d.claimed_at),
            }
            for d in sorted(deliveries, key=lambda delivery: delivery.claimed_at)
        ],
    }


def erase(user_id: str, at: str) -> None:
    """Remove the person's name, e-mail and profile from every table; keep their contributions."""
    UserModel(user_id).update(
        actions=[
            UserModel.name.set(""),
            UserModel.email.set(""),
            UserModel.language.remove(),
            UserModel.marketing_consent.set(False),
            UserModel.notifications.set(False),
            UserModel.erased_at.set(UserModel.erased_at | at),
            UserModel.directory.remove(),  # out of GET /users
            UserModel.name_key.remove(),
            UserModel.email_key.remove(),
        ]
    )
    for idea in IdeaModel.author_new.query(user_id):
        if idea.author_name != FORMER_MEMBER:
            idea.update(actions=[IdeaModel.author_name.set(FORMER_MEMBER)])
    for comment in _comments_of(user_id):
        if comment.author_name != FORMER_MEMBER:
            comment.update(actions=[CommentModel.author_name.set(FORMER_MEMBER)])
    responded: set[str] = set()
    for key in HistoryModel.by_actor.query(user_id):
        event = HistoryModel(key.item_id, key.position)
        event.update(actions=[HistoryModel.actor_name.set(FORMER_MEMBER)])
        responded.add(key.item_id)
    # Official answers carry their author's name on the idea itself.
    for chunk in _chunks(sorted(responded)):
        for idea in IdeaModel.batch_get(chunk):
            if idea.response is not None and idea.response.author_id == user_id:
                idea.response.author_name = FORMER_MEMBER
                idea.update(actions=[IdeaModel.response.set(idea.response)])
    for note in ReleaseNoteModel.by_author.query(user_id):
        ReleaseNoteModel(note.id).update(actions=[ReleaseNoteModel.author_name.set(FORMER_MEMBER)])
    # Which ideas the person chose to follow or not says what interests them, and no e-mail goes
    # to them again: nothing left to decide. Their votes stay (counted), as the contract says.
    forget_choices(user_id)
