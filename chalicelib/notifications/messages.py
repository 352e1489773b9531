"""The e-mail a follower receives, in its language (es, en, pt; the words are in chalicelib/texts)."""

from __future__ import annotations

import unicodedata
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Final

from chalicelib.clock import utc_now
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from chalicelib.notifications.unsubscribe_links import add_headers, unsubscribe_links
from chalicelib.store.ideas import get_idea
from chalicelib.store.models import NoticeModel, UserModel, VoteModel
from chalicelib.texts import status_name, text

# Longest title a subject carries; the idea's own limit is 140, a subject wants less.
SUBJECT_TITLE_CHARS: Final = 100
# Categories that must never reach a header: controls (C0, C1, DEL), line and paragraph
# separators, format characters (bidi overrides that reverse what a reader sees, invisible
# joiners), and code points that are not characters.
_NOT_IN_A_LINE: Final = frozenset({"Cc", "Zl", "Zp", "Cf", "Cs", "Co", "Cn"})


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` as one clean line for a header or a sentence: every control, separator and
    format character becomes a space, runs of white space one space, cut at ``limit``.

    Python's email package refuses a header with any character that ``str.splitlines`` breaks
    on (U+2028 among them), and a mail client may break or reorder on the rest: a title that
    carried one would make its notice impossible to send.
    """
    spaced = "".join(" " if unicodedata.category(char) in _NOT_IN_A_LINE else char for char in text)
    line = " ".join(spaced.split())
    if limit is not None and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def compose(notice: NoticeModel, user: UserModel, sender: str, portal_url: str) -> EmailMessage:
    """The RFC 5322 message telling ``user`` about ``notice``; the long header lines are folded
    by the email package (``policy.default``: 78 characters, non-ASCII as encoded words)."""
    language = user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE
    title, short_title = one_line(notice.idea_title), one_line(notice.idea_title, SUBJECT_TITLE_CHARS)
    idea_id = notice.merged_into if notice.kind == "merged" and notice.merged_into else notice.idea_id
    lines = [text(language, "mail.greeting", name=one_line(user.name)), ""]
    if notice.kind == "merged":
        subject = text(language, "mail.subject_merged", title=short_title)
        lines.append(text(language, f"mail.merged.{merge_reason(notice.idea_id, user.id)}", title=title))
    else:
        subject = text(language, "mail.subject_updated", title=short_title)
        if notice.status:
            status = status_name(language, notice.status)
            lines.append(text(language, "mail.status", title=title, status=status))
        if notice.response:
            lines += ["", text(language, "mail.response"), "", notice.response]
    url = f"{portal_url.rstrip('/')}/?idea={idea_id}"
    lines += ["", text(language, "mail.link", url=url), "", "--", text(language, "mail.footer")]
    return envelope(notice, user, sender, portal_url, language, subject, lines)


def envelope(
    notice: NoticeModel, user: UserModel, sender: str, portal_url: str, language: str, subject: str, lines: list[str]
) -> EmailMessage:
    """Every e-mail's message around its text: the unsubscribe line and headers for its kind,
    the addresses, the subject as one clean line, a Message-ID unique per notice and person."""
    unsubscribe = unsubscribe_links(portal_url, user.id, notice.kind)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(idstring=f"{notice.id}.{user.id}", domain="cocrea")
    message["Content-Language"] = language
    add_headers(message, unsubscribe)
    message.set_content("\n".join([*lines, text(language, "mail.unsubscribe", url=unsubscribe.page)]))
    return message


def merge_reason(idea_id: str, user_id: str) -> str:
    """Why ``user_id`` hears of a merge of ``idea_id``: ``author``, ``voter`` (the source keeps
    its vote items after a merge) or ``follower``."""
    idea = get_idea(idea_id)
    if idea is not None and idea.author_id == user_id:
        return "author"
    if VoteModel.count(idea_id, VoteModel.user_id == user_id) > 0:
        return "voter"
    return "follower"
