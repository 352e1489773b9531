"""E-mails of closing the loop, in the reader's language (the words are in chalicelib/texts): a
release note that delivers ideas the reader supported, and a paused webhook for its admin."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Final

from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from chalicelib.notifications.messages import SUBJECT_TITLE_CHARS, envelope, one_line
from chalicelib.store.ideas import get_ideas
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import NoticeModel, UserModel
from chalicelib.texts import text

KINDS: Final = ("changelog", "webhook_paused")


def compose(notice: NoticeModel, user: UserModel, sender: str, portal_url: str) -> EmailMessage:
    language = user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE
    lines = [text(language, "mail.greeting", name=one_line(user.name)), ""]
    if notice.kind == "changelog":
        subject = text(language, "mail.changelog.subject", title=one_line(notice.idea_title, SUBJECT_TITLE_CHARS))
        lines.append(text(language, "mail.changelog.intro", title=one_line(notice.idea_title)))
        lines += [f"- {one_line(title)}" for title in _idea_titles(notice.release_note_id or notice.idea_id)]
        url = f"{portal_url.rstrip('/')}/?changelog={notice.idea_id}"
        lines += ["", text(language, "mail.changelog.link", url=url), "", "--", text(language, "mail.changelog.footer")]
    else:
        subject = text(language, "mail.webhook_paused.subject", url=notice.idea_title)
        lines += [
            text(language, "mail.webhook_paused.body", url=notice.idea_title),
            "",
            "--",
            text(language, "mail.webhook_paused.footer"),
        ]
    return envelope(notice, user, sender, portal_url, language, subject, lines)


def _idea_titles(note_id: str) -> list[str]:
    try:
        note = ReleaseNoteModel.get(note_id)
    except ReleaseNoteModel.DoesNotExist:
        return []
    ids = [str(idea_id) for idea_id in note.idea_ids]
    ideas = get_ideas(ids)
    return [ideas[idea_id].title for idea_id in ids if idea_id in ideas and not ideas[idea_id].hidden]
