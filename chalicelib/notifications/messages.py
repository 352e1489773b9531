"""The e-mail a follower receives, in its language (es, en, pt; the words are in chalicelib/texts)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from chalicelib.clock import utc_now
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from chalicelib.store.models import NoticeModel, UserModel
from chalicelib.texts import status_name, text


def compose(notice: NoticeModel, user: UserModel, sender: str, portal_url: str) -> EmailMessage:
    """The RFC 5322 message telling ``user`` about ``notice``."""
    language = user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE
    title = notice.idea_title
    idea_id = notice.merged_into if notice.kind == "merged" and notice.merged_into else notice.idea_id
    lines = [text(language, "mail.greeting", name=user.name), ""]
    if notice.kind == "merged":
        subject = text(language, "mail.subject_merged", title=title)
        lines.append(text(language, "mail.merged", title=title))
    else:
        subject = text(language, "mail.subject_updated", title=title)
        if notice.status:
            status = status_name(language, notice.status)
            lines.append(text(language, "mail.status", title=title, status=status))
        if notice.response:
            lines += ["", text(language, "mail.response"), "", notice.response]
    url = f"{portal_url.rstrip('/')}/?idea={idea_id}"
    lines += ["", text(language, "mail.link", url=url), "", "--", text(language, "mail.footer")]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = subject
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(idstring=f"{notice.id}.{user.id}", domain="cocrea")
    message["Content-Language"] = language
    message.set_content("\n".join(lines))
    return message
