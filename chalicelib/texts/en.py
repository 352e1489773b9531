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
    "mail.merged": "The idea “{title}” was merged into a matching idea; your vote counts there.",
    "mail.link": "See the idea: {url}",
    "mail.footer": "You get this e-mail because you follow this idea. You can turn notices off in your profile.",
}
