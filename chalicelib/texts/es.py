"""Textos en español (las mismas claves que en.py y pt.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final = {
    "alert.surge.what": "ideas, votos y comentarios nuevos",
    "alert.backlash.what": "publicaciones retenidas por moderación",
    "alert.where.board": "{product} / {phase}",
    "alert.where.topic": "el tema «{label}»",
    "alert.message": "{count} {what} en {where} en las últimas 24 horas, {ratio} veces lo habitual ({usual}).",
    "phase.design": "Diseño",
    "phase.development": "Desarrollo",
    "phase.testing": "Pruebas",
    "phase.provision": "Aprovisionamiento",
    "phase.installation": "Instalación",
    "phase.modification": "Modificación",
    "segment.engagement-champions.name": "Campeones",
    "segment.engagement-champions.description": (
        "Participaron en los últimos {recent} días y sumaron al menos {points} puntos (una idea {idea}, "
        "un comentario {comment}, un voto {vote})."
    ),
    "segment.engagement-active.name": "Activos",
    "segment.engagement-active.description": (
        "Participaron en los últimos {lapsed} días, sin ser campeones ni nuevos: quienes contribuyen con regularidad."
    ),
    "segment.engagement-new.name": "Nuevos",
    "segment.engagement-new.description": (
        "Participaron por primera vez en los últimos {recent} días, con menos de {points} puntos."
    ),
    "segment.engagement-lapsing.name": "En riesgo",
    "segment.engagement-lapsing.description": (
        "Sin actividad desde hace más de {lapsed} días: vale la pena recuperarlos."
    ),
    "segment.phase.name": "Cocreadores: {phase}",
    "segment.phase.description": "Participaron en la fase de {phase}.",
    "segment.topic.name": "Interesados en: {label}",
    "segment.topic.description": "Entre sus temas principales: {label}.",
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
