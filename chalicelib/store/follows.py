"""Following an idea: who gets its e-mails.

The author, voters and commenters follow unless they unfollowed; anyone may follow with the
Follow button. An explicit choice is one ``FollowModel`` item per (idea, person) and always
wins: an unfollow stops the e-mails even for a voter. Voting or commenting records a follow
only when the person has made no choice yet, so voting again never undoes an unfollow.
"""

from __future__ import annotations

from collections.abc import Iterable

from chalicelib.store.models import CommentModel, FollowModel, IdeaModel, VoteModel
from chalicelib.store.transactions import save_if


def set_following(idea_id: str, user_id: str, following: bool, at: str) -> bool:
    """Follow or unfollow (idempotent: the last choice stands)."""
    FollowModel(idea_id, user_id, following=following, at=at).save()
    return following


def follow_on_engagement(idea_id: str, user_id: str, at: str) -> None:
    """A vote or comment follows the idea unless the person already chose."""
    save_if(FollowModel(idea_id, user_id, following=True, at=at), FollowModel.user_id.does_not_exist())


def _choices(idea_id: str) -> dict[str, bool]:
    return {item.user_id: bool(item.following) for item in FollowModel.query(idea_id)}


def followers(idea_id: str, author_id: str) -> list[str]:
    """Author, voters, commenters and those who followed, minus those who unfollowed; each
    once, in a stable order."""
    choices = _choices(idea_id)
    people = [author_id]
    people += [vote.user_id for vote in VoteModel.query(idea_id)]
    people += [comment.author_id for comment in CommentModel.query(idea_id)]
    people += [user_id for user_id, following in choices.items() if following]
    return [person for person in dict.fromkeys(people) if choices.get(person, True)]


def is_following(idea: IdeaModel, user_id: str) -> bool:
    """Whether ``user_id`` gets ``idea``'s e-mails (one idea page: reads its choices and,
    without one, the person's vote and comments on it)."""
    try:
        return bool(FollowModel.get(idea.id, user_id, consistent_read=True).following)
    except FollowModel.DoesNotExist:
        pass
    if idea.author_id == user_id:
        return True
    if VoteModel.count(idea.id, VoteModel.user_id == user_id) > 0:
        return True
    return any(comment.author_id == user_id for comment in CommentModel.query(idea.id))


def followed_ideas(user_id: str, ideas: Iterable[IdeaModel], voted: set[str]) -> set[str]:
    """Which of a page of ideas the reader follows, in one batch read: an explicit choice, else
    authorship or a vote (a comment made before follows were recorded is not looked up here)."""
    listed = list(ideas)
    choices = {
        item.idea_id: bool(item.following) for item in FollowModel.batch_get([(idea.id, user_id) for idea in listed])
    }
    return {idea.id for idea in listed if choices.get(idea.id, idea.author_id == user_id or idea.id in voted)}
