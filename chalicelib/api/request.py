"""Reading a request: its JSON body and query through a schema, and its signed-in user."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalice.app import Request

from chalicelib.clock import to_storage, utc_now
from chalicelib.config import get_settings
from chalicelib.cursor import CursorCodec
from chalicelib.domain.errors import InvalidInput, Unauthenticated
from chalicelib.domain.roles import Principal
from chalicelib.store.users import ensure_user

if TYPE_CHECKING:
    from marshmallow import Schema


def load_body(request: Request, schema: Schema) -> dict[str, Any]:
    """The body as ``schema`` loads it; 400 naming the field for anything wrong."""
    raw = request.raw_body
    if not raw:
        raise InvalidInput("a JSON body is required", {"_body": ["Missing body."]})
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput("the body is not valid JSON", {"_body": ["Not valid JSON."]}) from None
    if not isinstance(document, dict):
        raise InvalidInput("the body must be a JSON object", {"_body": ["Not a JSON object."]})
    return _load(schema, document)


def load_query(request: Request, schema: Schema) -> dict[str, Any]:
    params = dict(request.query_params or {})
    return _load(schema, params)


def _load(schema: Schema, document: dict[str, Any]) -> dict[str, Any]:
    from marshmallow import ValidationError as SchemaError

    try:
        loaded: dict[str, Any] = schema.load(document)
    except SchemaError as error:
        fields = _flatten(error.normalized_messages())
        names = ", ".join(sorted(fields))
        raise InvalidInput(f"invalid fields: {names}", fields) from None
    return loaded


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Marshmallow nests messages for nested fields; the contract maps a field name to strings."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(message) for message in messages]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


# ----------------------------------------------------------------------------- identity

_verifier: Any = None


def _token_verifier() -> Any:
    """Built on first use so that the JWT and crypto libraries stay out of the cold start."""
    global _verifier
    if _verifier is None:
        from chalicelib.auth import RemoteKeySource, StaticKeySource, TokenVerifier

        settings = get_settings()
        keys: Any
        if settings.is_local:
            keys = StaticKeySource(local_issuer().jwks())
        else:
            keys = RemoteKeySource(settings.required("jwks_url"))
        _verifier = TokenVerifier(keys, settings.required("jwt_issuer"), settings.required("jwt_audience"))
    return _verifier


@lru_cache(maxsize=1)
def local_issuer() -> Any:
    from chalicelib.local_issuer import LocalIssuer

    settings = get_settings()
    return LocalIssuer(settings.data_dir, settings.required("jwt_issuer"), settings.required("jwt_audience"))


def reader(request: Request) -> Principal | None:
    """The signed-in user, or None for an anonymous read. A bad token is a 401, never ignored."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    principal: Principal = _token_verifier().verify(token)
    ensure_user(principal, to_storage(utc_now()))
    return principal


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header; None when there is no header."""
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def cursor_codec() -> CursorCodec:
    return CursorCodec(get_settings().required("cursor_secret"))


def start_position(query: dict[str, Any], fingerprint: str) -> Any:
    """Where a page starts: decoded from ``cursor`` (bound to this query), or None for the first."""
    cursor = query.get("cursor")
    return cursor_codec().decode(fingerprint, cursor) if cursor else None


def next_cursor(fingerprint: str, position: Any) -> str | None:
    return cursor_codec().encode(fingerprint, position) if position is not None else None
