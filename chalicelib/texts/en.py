"""English texts (keys shared with es.py and pt.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final = {
    # Alerts (GET /alerts): what happened, where, against what baseline.
    "alert.surge.what": "new ideas, votes and comments",
    "alert.backlash.what": "posts held by moderation",
    "alert.where.board": "{product} / {phase}",
    "alert.where.topic": "topic “{label}”",
    "alert.emerging": (
        "{count} new ideas and votes in {where} in the last 7 days, {ratio} times its usual week ({usual})."
    ),
    "alert.message": "{count} {what} in {where} in the last 24 hours, {ratio} times the usual {usual}.",
    # Idea statuses, as a sentence names them.
    "phase.design": "Design",
    "phase.development": "Development",
    "phase.testing": "Testing",
    "phase.provision": "Provision",
    "phase.installation": "Installation",
    "phase.modification": "Modification",
    "segment.engagement-champions.name": "Champions",
    "segment.engagement-champions.description": (
        "Took part in the last {recent} days and earned at least {points} points (an idea {idea}, a "
        "comment {comment}, a vote {vote})."
    ),
    "segment.engagement-active.name": "Active",
    "segment.engagement-active.description": (
        "Took part in the last {lapsed} days, neither a champion nor new: the regular contributors."
    ),
    "segment.engagement-new.name": "New",
    "segment.engagement-new.description": "First took part in the last {recent} days, with fewer than {points} points.",
    "segment.engagement-lapsing.name": "Lapsing",
    "segment.engagement-lapsing.description": "No activity for more than {lapsed} days: worth winning back.",
    "segment.phase.name": "Co-creators: {phase}",
    "segment.phase.description": "Took part in the {phase} phase.",
    "segment.topic.name": "Interested in: {label}",
    "segment.topic.description": "Among their top topics: {label}.",
    "status.open": "open",
    "status.under_review": "under review",
    "status.planned": "planned",
    "status.in_progress": "in progress",
    "status.done": "done",
    "status.declined": "declined",
    # E-mail to followers of an idea.
    "mail.subject_updated": "News about “{title}”",
    "mail.subject_merged": "“{title}” was merged into another idea",
    "mail.greeting": "Hi {name},",
    "mail.status": "The idea “{title}” is now {status}.",
    "mail.response": "The team answered:",
    "mail.merged.author": "Your idea “{title}” was merged into a matching idea; its votes count there.",
    "mail.merged.voter": "The idea “{title}” you voted for was merged into a matching idea; your vote counts there.",
    "mail.merged.follower": "The idea “{title}” you follow was merged into a matching idea; talk goes on there.",
    "mail.unsubscribe": "Stop e-mails of this kind with one click: {url}",
    "mail.link": "See the idea: {url}",
    "mail.footer": "You get this e-mail because you follow this idea. You can turn notices off in your profile.",
    # Release notes and paused webhooks (e-mails), webhook messages to Slack.
    "mail.changelog.subject": "Shipped: “{title}”",
    "mail.changelog.intro": "We just published “{title}”. It delivers ideas you supported:",
    "mail.changelog.link": "Read the release note: {url}",
    "mail.changelog.footer": (
        "You get this e-mail because you follow one of these ideas. You can turn notices off in your profile."
    ),
    "mail.webhook_paused.subject": "Webhook paused: {url}",
    "mail.webhook_paused.body": (
        "Deliveries to the webhook {url} have failed for 24 hours, so it is paused. Check the receiver "
        "and subscribe it again on the webhooks page."
    ),
    "mail.webhook_paused.footer": "You get this e-mail because you administer this portal.",
    "slack.idea.created": "New idea: “{title}”",
    "slack.idea.status_changed": "“{title}” is now {status}",
    "slack.idea.merged": "“{title}” was merged into “{into}”",
    "slack.comment.created": "New comment on “{title}”: {body}",
    "slack.changelog.published": "Release note published: “{title}” ({count} ideas delivered)",
    # Error messages of the contract's error shape (chalicelib/api/error_texts.py).
    "error.validation_error": "The request is not valid.",
    "error.validation_error.fields": "Some fields are not valid: {names}.",
    "error.unauthorized": "Sign in first: this needs a valid session.",
    "error.forbidden": "Your role does not allow this.",
    "error.not_found": "What you asked for does not exist.",
    "error.method_not_allowed": "This action is not allowed here.",
    "error.conflict": "This conflicts with the current state; reload and try again.",
    "error.payload_too_large": "The request is too large.",
    "error.rate_limited": "Too many requests; wait a moment and try again.",
    "error.unavailable": "The service is temporarily unavailable; try again shortly.",
    "error.own_admin_role": "An admin cannot remove their own admin role; ask another admin.",
    "field.required": "Required.",
    "field.length": "Must be between {min} and {max} characters.",
    "field.length_max": "At most {max} characters.",
    "field.unknown": "Unknown field.",
    "field.choice": "Not one of the allowed values.",
    "field.invalid": "Not valid.",
}
