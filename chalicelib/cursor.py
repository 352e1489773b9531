"""Opaque, signed page cursors.

A cursor carries DynamoDB's ``LastEvaluatedKey`` (or an offset) and a fingerprint of the query
that issued it, signed with HMAC-SHA256. A cursor that this API did not issue, that was
altered, or that belongs to another query is refused with a 400 instead of reaching DynamoDB.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from chalicelib.domain.errors import InvalidInput

_SIGNATURE_BYTES = 16


class CursorCodec:
    def __init__(self, secret: str) -> None:
        self._secret = secret.encode("utf-8")

    def encode(self, query: str, position: Any) -> str:
        payload = json.dumps({"q": query, "p": position}, separators=(",", ":"), sort_keys=True).encode()
        token = self._sign(payload) + payload
        return base64.urlsafe_b64encode(token).rstrip(b"=").decode("ascii")

    def decode(self, query: str, cursor: str) -> Any:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise _invalid() from None
        signature, payload = raw[:_SIGNATURE_BYTES], raw[_SIGNATURE_BYTES:]
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise _invalid()
        decoded = json.loads(payload)
        if decoded.get("q") != query:
            raise _invalid()
        return decoded["p"]

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def _invalid() -> InvalidInput:
    return InvalidInput("cursor was not issued for this query", {"cursor": ["Invalid or tampered cursor."]})
