"""The unsubscribe links every e-mail carries, both with the same signed token.

- In the text, for a person: the portal page, which turns the kind of e-mail off with
  ``POST /notifications/unsubscribe`` and says so (a link opened by a mail scanner changes nothing).
- In the headers, for the mail client (RFC 2369 ``List-Unsubscribe``, RFC 8058
  ``List-Unsubscribe-Post``): the API route itself, token in the query string, where a client's
  "Unsubscribe" button POSTs the form field ``List-Unsubscribe=One-Click`` with no cookie or
  sign-in. The portal serves the API on its own origin (CloudFront locally and in AWS alike).
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class UnsubscribeLinks:
    page: str  # the portal page, in the e-mail's text
    one_click: str  # the POST target of List-Unsubscribe


def unsubscribe_links(portal_url: str, user_id: str, notice_kind: str) -> UnsubscribeLinks:
    token = quote(_tokens().issue(user_id, setting_kind(notice_kind)), safe="")
    portal = portal_url.rstrip("/")
    return UnsubscribeLinks(
        page=f"{portal}/?view=unsubscribe&token={token}",
        one_click=f"{portal}/notifications/unsubscribe?token={token}",
    )


class _LinkKeepingPolicy(EmailPolicy):
    """``policy.default`` except that the unsubscribe link stays one plain line: folded at 78
    characters, the email package would turn the long word into RFC 2047 encoded words, which
    mail clients do not read as a URL (RFC 5322 allows 998 characters a line)."""

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> Any:
        if name.lower() == "list-unsubscribe":
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, refold_binary)  # type: ignore[misc]


_POLICY: Final = _LinkKeepingPolicy()


def add_headers(message: EmailMessage, links: UnsubscribeLinks) -> None:
    """The RFC 8058 pair; every other header folds as before."""
    message.policy = _POLICY
    message["List-Unsubscribe"] = f"<{links.one_click}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
