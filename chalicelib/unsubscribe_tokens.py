"""Signed one-click unsubscribe tokens: they name a person and a kind of e-mail, and expire.

A token is ``payload.signature``, both base64url: the payload is JSON ``{"u": user id, "k":
settings kind, "x": expiry (Unix seconds)}``, the signature HMAC-SHA256 over it with a key
derived from the deployment's cursor secret (``chalicelib.config.cursor_secret``) under its own
label, so a page cursor can never pass for a token nor the other way round. Nothing in it is
secret (the reader of the e-mail is the person it names); it only must not be forged or edited.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.notice_kinds import SETTING_KINDS

# Mail is read late and archived: a link keeps working for two months.
LIFETIME_SECONDS: Final = 60 * 24 * 3600
MAX_TOKEN_CHARS: Final = 1024
_LABEL: Final = b"cocrea unsubscribe token v1"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: str
    kind: str


class UnsubscribeTokens:
    def __init__(self, secret: str, clock: Callable[[], float] = time.time) -> None:
        self._key = hmac.new(secret.encode("utf-8"), _LABEL, hashlib.sha256).digest()
        self._clock = clock

    def issue(self, user_id: str, kind: str) -> str:
        payload = json.dumps(
            {"u": user_id, "k": kind, "x": int(self._clock()) + LIFETIME_SECONDS}, separators=(",", ":")
        ).encode("utf-8")
        return f"{_b64(payload)}.{_b64(self._sign(payload))}"

    def verify(self, token: str) -> Unsubscribe:
        """What a token names; 400 (``token``) for anything not issued here, edited or expired."""
        if len(token) > MAX_TOKEN_CHARS or not token.isascii() or token.count(".") != 1:
            raise _invalid()
        encoded_payload, encoded_signature = token.split(".")
        try:
            payload, signature = _unb64(encoded_payload), _unb64(encoded_signature)
        except (binascii.Error, ValueError):
            raise _invalid() from None
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise _invalid()
        claims = json.loads(payload)
        if claims["x"] < self._clock():
            raise InvalidInput(
                "the unsubscribe link has expired", {"token": ["Expired link: change your settings in your profile."]}
            )
        if claims["k"] not in SETTING_KINDS:
            raise _invalid()
        return Unsubscribe(user_id=str(claims["u"]), kind=str(claims["k"]))

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _invalid() -> InvalidInput:
    return InvalidInput("the unsubscribe link is not valid", {"token": ["Invalid or tampered link."]})
