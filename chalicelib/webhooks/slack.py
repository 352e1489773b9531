"""The one-line Slack message of each public event, in the subscribing admin's language."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.webhooks import CHANGELOG_PUBLISHED, COMMENT_CREATED
from chalicelib.texts import status_name, text

MAX_COMMENT_CHARACTERS = 200


def slack_text(event: str, data: dict[str, Any], language: str) -> str:
    key = f"slack.{event}"
    if event == CHANGELOG_PUBLISHED:
        note = data["release_note"]
        return text(language, key, title=note["title"], count=len(note["ideas"]))
    if event == COMMENT_CREATED:
        body = data["comment"]["body"]
        if len(body) > MAX_COMMENT_CHARACTERS:
            body = body[: MAX_COMMENT_CHARACTERS - 1] + "…"
        return text(language, key, title=data["idea"]["title"], body=body)
    status = status_name(language, data.get("after", ""))
    return text(language, key, title=data["idea"]["title"], status=status, into=data.get("into", {}).get("title", ""))
