"""E-mails of closing the loop, in the reader's language (es, en, pt): a release note that
delivers ideas the reader supported, and a paused webhook for admins."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Final

from chalicelib.clock import utc_now
from chalicelib.domain.vocabulary import DEFAULT_LANGUAGE
from chalicelib.store.ideas import get_ideas
from chalicelib.store.loop_models import ReleaseNoteModel
from chalicelib.store.models import NoticeModel, UserModel

TEXTS: Final = {
    "es": {
        "subject_changelog": "Ya está aquí: «{title}»",
        "subject_webhook_paused": "Webhook en pausa: {url}",
        "greeting": "Hola, {name}:",
        "changelog": "Acabamos de publicar «{title}». Entrega ideas que apoyaste:",
        "changelog_link": "Lee la novedad: {url}",
        "webhook_paused": (
            "Las entregas al webhook {url} fallan desde hace 24 horas, así que lo hemos puesto en pausa. "
            "Revisa el receptor y vuelve a suscribirlo en la página de webhooks."
        ),
        "footer": "Recibes este correo porque sigues alguna de estas ideas. Puedes desactivar los avisos en tu perfil.",
        "footer_admin": "Recibes este correo porque administras este portal.",
    },
    "en": {
        "subject_changelog": "Shipped: “{title}”",
        "subject_webhook_paused": "Webhook paused: {url}",
        "greeting": "Hi {name},",
        "changelog": "We just published “{title}”. It delivers ideas you supported:",
        "changelog_link": "Read the release note: {url}",
        "webhook_paused": (
            "Deliveries to the webhook {url} have failed for 24 hours, so it is paused. "
            "Check the receiver and subscribe it again on the webhooks page."
        ),
        "footer": (
            "You get this e-mail because you follow one of these ideas. You can turn notices off in your profile."
        ),
        "footer_admin": "You get this e-mail because you administer this portal.",
    },
    "pt": {
        "subject_changelog": "Já disponível: «{title}»",
        "subject_webhook_paused": "Webhook em pausa: {url}",
        "greeting": "Olá, {name}:",
        "changelog": "Acabámos de publicar «{title}». Entrega ideias que apoiou:",
        "changelog_link": "Leia a novidade: {url}",
        "webhook_paused": (
            "As entregas ao webhook {url} falham há 24 horas, por isso foi posto em pausa. "
            "Verifique o recetor e volte a subscrevê-lo na página de webhooks."
        ),
        "footer": "Recebe este e-mail porque segue uma destas ideias. Pode desativar os avisos no seu perfil.",
        "footer_admin": "Recebe este e-mail porque administra este portal.",
    },
}

KINDS: Final = ("changelog", "webhook_paused")


def compose(notice: NoticeModel, user: UserModel, sender: str, portal_url: str) -> EmailMessage:
    language = user.language if user.language in TEXTS else DEFAULT_LANGUAGE
    text = TEXTS[language]
    lines = [text["greeting"].format(name=user.name), ""]
    if notice.kind == "changelog":
        subject = text["subject_changelog"].format(title=notice.idea_title)
        lines.append(text["changelog"].format(title=notice.idea_title))
        lines += [f"- {title}" for title in _idea_titles(notice.release_note_id or notice.idea_id)]
        url = f"{portal_url.rstrip('/')}/?changelog={notice.idea_id}"
        lines += ["", text["changelog_link"].format(url=url), "", "--", text["footer"]]
    else:
        subject = text["subject_webhook_paused"].format(url=notice.idea_title)
        lines += [text["webhook_paused"].format(url=notice.idea_title), "", "--", text["footer_admin"]]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = subject
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(idstring=f"{notice.id}.{user.id}", domain="cocrea")
    message["Content-Language"] = language
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
