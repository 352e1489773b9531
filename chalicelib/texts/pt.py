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
    "phase.design": "Design",
    "phase.development": "Desenvolvimento",
    "phase.testing": "Testes",
    "phase.provision": "Provisionamento",
    "phase.installation": "Instalação",
    "phase.modification": "Modificação",
    "segment.engagement-champions.name": "Campeões",
    "segment.engagement-champions.description": (
        "Participaram nos últimos {recent} dias e somaram pelo menos {points} pontos (uma ideia {idea}, "
        "um comentário {comment}, um voto {vote})."
    ),
    "segment.engagement-active.name": "Ativos",
    "segment.engagement-active.description": (
        "Participaram nos últimos {lapsed} dias, sem serem campeões nem novos: quem contribui com regularidade."
    ),
    "segment.engagement-new.name": "Novos",
    "segment.engagement-new.description": (
        "Participaram pela primeira vez nos últimos {recent} dias, com menos de {points} pontos."
    ),
    "segment.engagement-lapsing.name": "Em risco",
    "segment.engagement-lapsing.description": "Sem atividade há mais de {lapsed} dias: vale a pena recuperá-los.",
    "segment.phase.name": "Cocriadores: {phase}",
    "segment.phase.description": "Participaram na fase de {phase}.",
    "segment.topic.name": "Interessados em: {label}",
    "segment.topic.description": "Entre os seus temas principais: {label}.",
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
    "mail.merged.author": "A sua ideia «{title}» foi unida a uma ideia igual; os votos dela contam lá.",
    "mail.merged.voter": "A ideia «{title}» em que votou foi unida a uma ideia igual; o seu voto conta lá.",
    "mail.merged.follower": "A ideia «{title}» que segue foi unida a uma ideia igual; a conversa continua lá.",
    "mail.unsubscribe": "Deixe de receber e-mails deste tipo com um clique: {url}",
    "mail.link": "Ver a ideia: {url}",
    "mail.footer": "Recebe este e-mail porque segue esta ideia. Pode desativar os avisos no seu perfil.",
    # Release notes and paused webhooks (e-mails), webhook messages to Slack.
    "mail.changelog.subject": "Já disponível: «{title}»",
    "mail.changelog.intro": "Acabámos de publicar «{title}». Entrega ideias que apoiou:",
    "mail.changelog.link": "Leia a novidade: {url}",
    "mail.changelog.footer": (
        "Recebe este e-mail porque segue uma destas ideias. Pode desativar os avisos no seu perfil."
    ),
    "mail.webhook_paused.subject": "Webhook em pausa: {url}",
    "mail.webhook_paused.body": (
        "As entregas ao webhook {url} falham há 24 horas, por isso foi posto em pausa. Verifique o "
        "recetor e volte a subscrevê-lo na página de webhooks."
    ),
    "mail.webhook_paused.footer": "Recebe este e-mail porque administra este portal.",
    "slack.idea.created": "Nova ideia: «{title}»",
    "slack.idea.status_changed": "«{title}» passou a {status}",
    "slack.idea.merged": "«{title}» foi unida a «{into}»",
    "slack.comment.created": "Novo comentário em «{title}»: {body}",
    "slack.changelog.published": "Novidade publicada: «{title}» ({count} ideias entregues)",
    # Error messages of the contract's error shape (chalicelib/api/error_texts.py).
    "error.validation_error": "A requisição não é válida.",
    "error.validation_error.fields": "Alguns campos não são válidos: {names}.",
    "error.unauthorized": "Entre primeiro: é preciso uma sessão válida.",
    "error.forbidden": "O seu papel não permite isto.",
    "error.not_found": "O que você procura não existe.",
    "error.method_not_allowed": "Esta ação não é permitida aqui.",
    "error.conflict": "Isto conflita com o estado atual; recarregue e tente de novo.",
    "error.payload_too_large": "A requisição é grande demais.",
    "error.rate_limited": "Requisições demais; espere um momento e tente de novo.",
    "error.unavailable": "O serviço está indisponível no momento; tente de novo em breve.",
    "error.own_admin_role": "Um administrador não pode remover o próprio papel de administrador; peça a outro.",
    "field.required": "Obrigatório.",
    "field.length": "Deve ter entre {min} e {max} caracteres.",
    "field.length_max": "No máximo {max} caracteres.",
    "field.unknown": "Campo desconhecido.",
    "field.choice": "Não é um dos valores permitidos.",
    "field.invalid": "Não é válido.",
}
