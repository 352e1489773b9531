"""Opaque page cursors: encrypted, authenticated, bound to their query, expiring.

A cursor carries where the next page starts (DynamoDB's ``LastEvaluatedKey``, an offset, the
last listed member) and when it stops being valid, sealed with AES-256-GCM. The key is derived
from the deployment's cursor secret with HKDF, and the query the cursor belongs to (route and
filters) is the GCM associated data: it is not inside the cursor, yet a cursor presented to
another route or with other filters fails authentication exactly like a tampered one.

So a client learns nothing from a cursor (no key, id or value of an item it may not see: a
hidden idea, a member who did not consent), cannot forge or edit one, and cannot replay one on
another list or after ``lifetime`` seconds. Every refusal is a 400 naming ``cursor``.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from collections.abc import Callable
from typing import Any, Final

from chalicelib.domain.errors import InvalidInput

# The first byte of every cursor: a new format can be told apart from this one (and refused).
_VERSION: Final = b"\x01"
_NONCE_BYTES: Final = 12
# Long enough to page through any list in one sitting (the portal's ID token lasts one hour).
DEFAULT_LIFETIME_SECONDS: Final = 3600
# Far above any cursor this codec issues: longer input is refused before any decoding work.
MAX_CURSOR_CHARS: Final = 4096


class CursorCodec:
    def __init__(
        self,
        secret: str,
        lifetime: int = DEFAULT_LIFETIME_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        # Imported here, on the first listed page, so that cold starts stay free of crypto.
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cocrea page cursor v1").derive(
            secret.encode("utf-8")
        )
        self._aead = AESGCM(key)
        self._lifetime = lifetime
        self._clock = clock

    def encode(self, query: str, position: Any) -> str:
        """A cursor for ``position`` in the list that ``query`` (route and filters) names."""
        payload = json.dumps(
            {"p": position, "x": int(self._clock()) + self._lifetime}, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        nonce = os.urandom(_NONCE_BYTES)
        sealed = _VERSION + nonce + self._aead.encrypt(nonce, payload, _associated_data(query))
        return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")

    def decode(self, query: str, cursor: str) -> Any:
        """The position a cursor of ``query`` carries; 400 for anything this API did not issue
        for exactly this query, and for a cursor past its lifetime."""
        if len(cursor) > MAX_CURSOR_CHARS or not cursor.isascii():
            raise _invalid()
        try:
            sealed = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise _invalid() from None
        if len(sealed) <= 1 + _NONCE_BYTES or sealed[:1] != _VERSION:
            raise _invalid()
        from cryptography.exceptions import InvalidTag

        nonce, ciphertext = sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
        try:
            payload = json.loads(self._aead.decrypt(nonce, ciphertext, _associated_data(query)))
        except InvalidTag:
            raise _invalid() from None
        if payload["x"] < self._clock():
            raise InvalidInput(
                "the cursor has expired: start again from the first page",
                {"cursor": ["Expired cursor: request the first page again."]},
            )
        return payload["p"]


def _associated_data(query: str) -> bytes:
    return _VERSION + query.encode("utf-8")


def _invalid() -> InvalidInput:
    return InvalidInput("cursor was not issued for this query", {"cursor": ["Invalid or tampered cursor."]})
