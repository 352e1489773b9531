"""Textos en español (las mismas claves que en.py y pt.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final = {
    "alert.surge.what": "ideas, votos y comentarios nuevos",
    "alert.backlash.what": "publicaciones retenidas por moderación",
    "alert.where.board": "{product} / {phase}",
    "alert.where.topic": "el tema «{label}»",
    "alert.emerging": (
        "{count} ideas y votos nuevos en {where} en los últimos 7 días, {ratio} veces su semana habitual ({usual})."
    ),
    "alert.message": "{count} {what} en {where} en las últimas 24 horas, {ratio} veces lo habitual ({usual}).",
    "status.open": "abierta",
    "status.under_review": "en revisión",
    "status.planned": "planificada",
    "status.in_progress": "en curso",
    "status.done": "hecha",
    "status.declined": "descartada",
    "mail.subject_updated": "Novedades sobre «{title}»",
    "mail.subject_merged": "«{title}» se ha unido a otra idea",
    "mail.greeting": "Hola, {name}:",
    "mail.status": "La idea «{title}» ahora está {status}.",
    "mail.response": "El equipo ha respondido:",
    "mail.merged": "La idea «{title}» se ha unido a otra idea igual; tu voto cuenta allí.",
    "mail.link": "Ver la idea: {url}",
    "mail.footer": "Recibes este correo porque sigues esta idea. Puedes desactivar los avisos en tu perfil.",
}
