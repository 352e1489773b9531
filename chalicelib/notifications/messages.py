"""The e-mail a follower receives, in its language (es, en, pt)."""

from __future__ import annotations

import unicodedata
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Final

from chalicelib.clock import utc_now
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE
from chalicelib.store.models import NoticeModel, UserModel

STATUS_NAMES: Final = {
    "es": {
        "open": "abierta", "under_review": "en revisión", "planned": "planificada",
        "in_progress": "en curso", "done": "hecha", "declined": "descartada",
    },
    "en": {
        "open": "open", "under_review": "under review", "planned": "planned",
        "in_progress": "in progress", "done": "done", "declined": "declined",
    },
    "pt": {
        "open": "aberta", "under_review": "em análise", "planned": "planeada",
        "in_progress": "em curso", "done": "concluída", "declined": "recusada",
    },
}  # fmt: skip

TEXTS: Final = {
    "es": {
        "subject_updated": "Novedades sobre «{title}»",
        "subject_merged": "«{title}» se ha unido a otra idea",
        "greeting": "Hola, {name}:",
        "status": "La idea «{title}» ahora está {status}.",
        "response": "El equipo ha respondido:",
        "merged": "La idea «{title}» se ha unido a otra idea igual; tu voto cuenta allí.",
        "link": "Ver la idea: {url}",
        "footer": "Recibes este correo porque sigues esta idea. Puedes desactivar los avisos en tu perfil.",
    },
    "en": {
        "subject_updated": "News about “{title}”",
        "subject_merged": "“{title}” was merged into another idea",
        "greeting": "Hi {name},",
        "status": "The idea “{title}” is now {status}.",
        "response": "The team answered:",
        "merged": "The idea “{title}” was merged into a matching idea; your vote counts there.",
        "link": "See the idea: {url}",
        "footer": "You get this e-mail because you follow this idea. You can turn notices off in your profile.",
    },
    "pt": {
        "subject_updated": "Novidades sobre «{title}»",
        "subject_merged": "«{title}» foi unida a outra ideia",
        "greeting": "Olá, {name}:",
        "status": "A ideia «{title}» está agora {status}.",
        "response": "A equipa respondeu:",
        "merged": "A ideia «{title}» foi unida a uma ideia igual; o seu voto conta lá.",
        "link": "Ver a ideia: {url}",
        "footer": "Recebe este e-mail porque segue esta ideia. Pode desativar os avisos no seu perfil.",
    },
}


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
    language = user.language if user.language in TEXTS else DEFAULT_LANGUAGE
    text = TEXTS[language]
    idea_id = notice.merged_into if notice.kind == "merged" and notice.merged_into else notice.idea_id
    title, short_title = one_line(notice.idea_title), one_line(notice.idea_title, SUBJECT_TITLE_CHARS)
    lines = [text["greeting"].format(name=one_line(user.name)), ""]
    if notice.kind == "merged":
        subject = text["subject_merged"].format(title=short_title)
        lines.append(text["merged"].format(title=title))
    else:
        subject = text["subject_updated"].format(title=short_title)
        if notice.status:
            status = STATUS_NAMES[language].get(notice.status, notice.status)
            lines.append(text["status"].format(title=title, status=status))
        if notice.response:
            lines += ["", text["response"], "", notice.response]
    lines += ["", text["link"].format(url=f"{portal_url.rstrip('/')}/?idea={idea_id}"), "", "--", text["footer"]]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = subject
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(idstring=f"{notice.id}.{user.id}", domain="cocrea")
    message["Content-Language"] = language
    message.set_content("\n".join(lines))
    return message
