"""E-mails of closing the loop, in the reader's language (the words are in chalicelib/texts): a
release note that delivers ideas the reader supported, and a paused webhook for its admin."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Final

from chalicelib.clock import utc_now
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from chalicelib.notifications.unsubscribe_links import add_headers, unsubscribe_links
from chalicelib.store.ideas import get_ideas
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import NoticeModel, UserModel
from chalicelib.texts import text

KINDS: Final = ("changelog", "webhook_paused")


def compose(notice: NoticeModel, user: UserModel, sender: str, portal_url: str) -> EmailMessage:
    language = user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE
    lines = [text(language, "mail.greeting", name=user.name), ""]
    if notice.kind == "changelog":
        subject = text(language, "mail.changelog.subject", title=notice.idea_title)
        lines.append(text(language, "mail.changelog.intro", title=notice.idea_title))
        lines += [f"- {title}" for title in _idea_titles(notice.release_note_id or notice.idea_id)]
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
    unsubscribe = unsubscribe_links(portal_url, user.id, notice.kind)
    lines.append(text(language, "mail.unsubscribe", url=unsubscribe.page))
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = subject
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(idstring=f"{notice.id}.{user.id}", domain="cocrea")
    message["Content-Language"] = language
    add_headers(message, unsubscribe)
    message.set_content("\n".join(lines))
    return message


def _idea_titles(note_id: str) -> list[str]:
    try:
        note = ReleaseNoteModel.get(note_id)
    except ReleaseNoteModel.DoesNotExist:
        return []
    ids = [str(idea_id) for idea_id in note.idea_ids]
    ideas = get_ideas(ids)
    return [ideas[idea_id].title for idea_id in ids if idea_id in ideas and not ideas[idea_id].hidden]
