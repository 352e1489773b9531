"""The one-click unsubscribe every e-mail carries (RFC 2369 ``List-Unsubscribe``, RFC 8058
``List-Unsubscribe-Post``): a portal page that confirms with ``POST /notifications/unsubscribe``."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import EmailPolicy
from functools import cache
from typing import Any, Final
from urllib.parse import quote

from chalicelib.config import cursor_secret
from chalicelib.domain.notice_kinds import setting_kind
from chalicelib.unsubscribe_tokens import UnsubscribeTokens


@cache
def _tokens() -> UnsubscribeTokens:
    # The cursor secret, read once per process (from Secrets Manager in AWS).
    return UnsubscribeTokens(cursor_secret())


def unsubscribe_url(portal_url: str, user_id: str, notice_kind: str) -> str:
    token = _tokens().issue(user_id, setting_kind(notice_kind))
    return f"{portal_url.rstrip('/')}/?view=unsubscribe&token={quote(token)}"


class _LinkKeepingPolicy(EmailPolicy):
    """``policy.default`` except that the unsubscribe link stays one plain line: folded at 78
    characters, the email package would turn the long word into RFC 2047 encoded words, which
    mail clients do not read as a URL (RFC 5322 allows 998 characters a line)."""

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> Any:
        if name.lower() == "list-unsubscribe":
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, refold_binary)  # type: ignore[misc]


_POLICY: Final = _LinkKeepingPolicy()


def add_headers(message: EmailMessage, url: str) -> None:
    """The RFC 8058 pair; every other header folds as before."""
    message.policy = _POLICY
    message["List-Unsubscribe"] = f"<{url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
