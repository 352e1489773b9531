"""Which ideas and comments a reader may see."""

from __future__ import annotations

from typing import Final

from chalicelib.domain.errors import CommentNotFound, IdeaNotFound
from chalicelib.domain.roles import MODERATOR, Principal
from chalicelib.domain.vocabulary import PENDING_MODERATION
from chalicelib.store import ideas as idea_store
from chalicelib.store import moderation
from chalicelib.store.models import CommentModel, IdeaModel

# Ids are 32 hex characters; anything far longer cannot be one and must not reach DynamoDB,
# which refuses keys over 2 KB with an error that is not the client's "not found".
MAX_ID_LENGTH: Final = 64


def visible_idea(idea_id: str, viewer: Principal | None) -> IdeaModel:
    """The idea if this reader may see it: hidden or held ideas exist only for their author
    and for moderators; for everyone else they are indistinguishable from unknown ids."""
    idea = idea_store.get_idea(idea_id) if len(idea_id) <= MAX_ID_LENGTH else None
    if idea is None:
        raise IdeaNotFound()
    if idea.hidden or idea.status == PENDING_MODERATION:
        allowed = viewer is not None and (viewer.id == idea.author_id or viewer.has_any(MODERATOR))
        if not allowed:
            raise IdeaNotFound()
    return idea


def existing_comment(comment_id: str) -> CommentModel:
    """A comment by id, whatever its state (moderators act on hidden and held ones too)."""
    comment = moderation.get_comment(comment_id) if len(comment_id) <= MAX_ID_LENGTH else None
    if comment is None:
        raise CommentNotFound()
    return comment
