"""Textos em português (as mesmas chaves que en.py e es.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final = {
    "alert.surge.what": "ideias, votos e comentários novos",
    "alert.backlash.what": "publicações retidas pela moderação",
    "alert.where.board": "{product} / {phase}",
    "alert.where.topic": "o tema «{label}»",
    "alert.emerging": (
        "{count} ideias e votos novos em {where} nos últimos 7 dias, {ratio} vezes a sua semana habitual ({usual})."
    ),
    "alert.message": "{count} {what} em {where} nas últimas 24 horas, {ratio} vezes o habitual ({usual}).",
    "status.open": "aberta",
    "status.under_review": "em análise",
    "status.planned": "planeada",
    "status.in_progress": "em curso",
    "status.done": "concluída",
    "status.declined": "recusada",
    "mail.subject_updated": "Novidades sobre «{title}»",
    "mail.subject_merged": "«{title}» foi unida a outra ideia",
    "mail.greeting": "Olá, {name}:",
    "mail.status": "A ideia «{title}» está agora {status}.",
    "mail.response": "A equipa respondeu:",
    "mail.merged": "A ideia «{title}» foi unida a uma ideia igual; o seu voto conta lá.",
    "mail.link": "Ver a ideia: {url}",
    "mail.footer": "Recebe este e-mail porque segue esta ideia. Pode desativar os avisos no seu perfil.",
}
