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
    "mail.merged.author": "Tu idea «{title}» se ha unido a otra idea igual; sus votos cuentan allí.",
    "mail.merged.voter": "La idea «{title}» que votaste se ha unido a otra idea igual; tu voto cuenta allí.",
    "mail.merged.follower": "La idea «{title}» que sigues se ha unido a otra idea igual; la conversación sigue allí.",
    "mail.unsubscribe": "Deja de recibir correos de este tipo con un clic: {url}",
    "mail.link": "Ver la idea: {url}",
    "mail.footer": "Recibes este correo porque sigues esta idea. Puedes desactivar los avisos en tu perfil.",
    # Release notes and paused webhooks (e-mails), webhook messages to Slack.
    "mail.changelog.subject": "Ya está aquí: «{title}»",
    "mail.changelog.intro": "Acabamos de publicar «{title}». Entrega ideas que apoyaste:",
    "mail.changelog.link": "Lee la novedad: {url}",
    "mail.changelog.footer": (
        "Recibes este correo porque sigues alguna de estas ideas. Puedes desactivar los avisos en tu perfil."
    ),
    "mail.webhook_paused.subject": "Webhook en pausa: {url}",
    "mail.webhook_paused.body": (
        "Las entregas al webhook {url} fallan desde hace 24 horas, así que lo hemos puesto en pausa. "
        "Revisa el receptor y vuelve a suscribirlo en la página de webhooks."
    ),
    "mail.webhook_paused.footer": "Recibes este correo porque administras este portal.",
    "slack.idea.created": "Nueva idea: «{title}»",
    "slack.idea.status_changed": "«{title}» ha pasado a {status}",
    "slack.idea.merged": "«{title}» se ha unido a «{into}»",
    "slack.comment.created": "Nuevo comentario en «{title}»: {body}",
    "slack.changelog.published": "Novedad publicada: «{title}» ({count} ideas entregadas)",
    # Error messages of the contract's error shape (chalicelib/api/error_texts.py).
    "error.validation_error": "La petición no es válida.",
    "error.validation_error.fields": "Algunos campos no son válidos: {names}.",
    "error.unauthorized": "Inicia sesión primero: hace falta una sesión válida.",
    "error.forbidden": "Tu rol no permite hacer esto.",
    "error.not_found": "Lo que buscas no existe.",
    "error.method_not_allowed": "Esta acción no está permitida aquí.",
    "error.conflict": "Esto choca con el estado actual; recarga y vuelve a intentarlo.",
    "error.payload_too_large": "La petición es demasiado grande.",
    "error.rate_limited": "Demasiadas peticiones; espera un momento y vuelve a intentarlo.",
    "error.unavailable": "El servicio no está disponible ahora; inténtalo de nuevo en breve.",
    "error.own_admin_role": "Un administrador no puede quitarse su propio rol de administrador; pídeselo a otro.",
    "field.required": "Obligatorio.",
    "field.length": "Debe tener entre {min} y {max} caracteres.",
    "field.length_max": "Como máximo {max} caracteres.",
    "field.unknown": "Campo desconocido.",
    "field.choice": "No es uno de los valores permitidos.",
    "field.invalid": "No es válido.",
}
