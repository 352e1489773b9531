"""Who receives a notice: the followers of its idea, of every idea of a release note (each
person once), or the recipients the notice names (admins hearing of a paused webhook)."""

from __future__ import annotations

from chalicelib.store.follows import followers
from chalicelib.store.ideas import get_idea, get_ideas
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import NoticeModel


def audience(notice: NoticeModel) -> list[str]:
    """User ids to reach, each once, never the person who caused the notice."""
    if notice.kind == "changelog":
        people = _release_note_followers(notice.release_note_id or notice.idea_id)
    elif notice.recipient_ids is not None:
        people = [str(user_id) for user_id in notice.recipient_ids]
    else:
        idea = get_idea(notice.idea_id)
        people = followers(idea.id, idea.author_id) if idea is not None else []
    return [user_id for user_id in dict.fromkeys(people) if user_id != notice.actor_id]


def _release_note_followers(note_id: str) -> list[str]:
    try:
        note = ReleaseNoteModel.get(note_id)
    except ReleaseNoteModel.DoesNotExist:
        return []
    people: list[str] = []
    for idea in get_ideas(str(idea_id) for idea_id in note.idea_ids).values():
        people += followers(idea.id, idea.author_id)
    return people
