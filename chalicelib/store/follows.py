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

BATCH = 100  # keys per BatchGetItem, values per IN condition: DynamoDB's limits


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


def followed_ideas(user_id: str, ideas: Iterable[IdeaModel], voted: set[str]) -> set[str]:
    """Which of a page of ideas ``user_id`` follows: the same rule as ``followers``, in two reads
    per 100 ideas, not one per idea. An explicit choice (one strongly consistent batch read, so a
    Follow click shows on the next page); without one, authorship or a vote (``voted``, already
    read for the page); and, for what is still undecided, a comment by the person (one Query of
    their comments, filtered to those ideas: comments written before follows were recorded, such
    as the demo's, have no choice item)."""
    listed = list({idea.id: idea for idea in ideas}.values())
    keys = [(idea.id, user_id) for idea in listed]
    choices = {
        item.idea_id: bool(item.following)
        for start in range(0, len(keys), BATCH)
        for item in FollowModel.batch_get(keys[start : start + BATCH], consistent_read=True)
    }
    decided = {idea.id for idea in listed if idea.id in choices or idea.author_id == user_id or idea.id in voted}
    undecided = [idea.id for idea in listed if idea.id not in decided]
    commented = _commented(user_id, undecided)
    return {
        idea.id
        for idea in listed
        if choices.get(idea.id, idea.author_id == user_id or idea.id in voted or idea.id in commented)
    }


def _commented(user_id: str, idea_ids: list[str]) -> set[str]:
    """Which of ``idea_ids`` the person commented on (DynamoDB takes at most 100 ``IN`` values)."""
    found: set[str] = set()
    for start in range(0, len(idea_ids), BATCH):
        chunk = idea_ids[start : start + BATCH]
        found.update(
            comment.idea_id
            for comment in CommentModel.by_author.query(user_id, filter_condition=CommentModel.idea_id.is_in(*chunk))
        )
    return found


def choices_of(user_id: str) -> list[FollowModel]:
    """Every follow or unfollow the person chose, oldest first (their data export)."""
    return list(FollowModel.by_user.query(user_id))


def forget_choices(user_id: str) -> None:
    """Delete the person's follow choices (their erasure); repeatable. One DeleteItem each: the
    API's grant has no BatchWriteItem (infra/stacks/access.py), and a person has few choices."""
    for item in FollowModel.by_user.query(user_id):
        FollowModel(item.idea_id, item.user_id).delete()
