"""Reading a request: its JSON body and query through a schema, and its signed-in user."""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl

from chalice.app import Request

from chalicelib import strict_json
from chalicelib.clock import to_storage, utc_now
from chalicelib.config import cursor_secret, get_settings
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
    document = _parse(raw)
    if not isinstance(document, dict):
        raise InvalidInput("the body must be a JSON object", {"_body": ["Not a JSON object."]})
    return _load(schema, document)


FORM_TYPES: Final = ("application/x-www-form-urlencoded", "multipart/form-data")


def is_form(request: Request) -> bool:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    return content_type in FORM_TYPES


def load_form_body(request: Request, schema: Schema) -> dict[str, Any]:
    """An HTML form's fields joined to the query string's (the form's win), as ``schema`` loads
    them; a field sent twice counts once, the first time."""
    fields = dict(request.query_params or {})
    fields.update(_form_fields(request.headers.get("content-type") or "", request.raw_body or b""))
    return _load(schema, fields)


def _form_fields(content_type: str, body: bytes | str) -> dict[str, str]:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    try:
        if content_type.lower().startswith("multipart/"):
            return _multipart_fields(content_type, raw)
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(raw))
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput("the form body is malformed", {"_body": ["Malformed form data."]}) from None
    return {name: value for name, value in reversed(pairs)}


def _multipart_fields(content_type: str, raw: bytes) -> dict[str, str]:
    from email.parser import BytesParser  # only a mail client's one-click POST needs it
    from email.policy import HTTP

    header = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(header + raw)
    if not message.is_multipart() or message.defects:
        raise ValueError("not a multipart body")
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes) and name not in fields:
            fields[name] = payload.decode("utf-8")
    return fields


def no_body(request: Request) -> dict[str, Any]:
    """For a route that takes no body: one sent anyway is ignored, but only if it is well-formed
    JSON; a malformed one is the same 400 as on any other route."""
    if request.raw_body:
        _parse(request.raw_body)
    return {}


def _parse(raw: bytes | str) -> Any:
    try:
        return strict_json.parse(raw)
    except strict_json.MalformedJson as error:
        raise InvalidInput("the body is not valid JSON", {"_body": [error.reason]}) from None


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


# ----------------------------------------------------------------------------- page cursors

# The route of the request being served (``GET /ideas``), set by the middleware: every cursor is
# bound to it on top of the view's own fingerprint of the filters, so that no route can accept a
# cursor another route issued, whatever fingerprints the views choose.
current_route: ContextVar[str] = ContextVar("current_route", default="")


def route_of(request: Request) -> str:
    return f"{request.method} {(request.context or {}).get('resourcePath', '')}"


@lru_cache(maxsize=1)
def cursor_codec() -> CursorCodec:
    """One codec per container: its key is derived once from the secret."""
    return CursorCodec(cursor_secret())


def _binding(fingerprint: str) -> str:
    return f"{current_route.get()}|{fingerprint}"


def start_position(query: dict[str, Any], fingerprint: str) -> Any:
    """Where a page starts: decoded from ``cursor`` (bound to this route and query), or None."""
    cursor = query.get("cursor")
    return cursor_codec().decode(_binding(fingerprint), cursor) if cursor else None


def next_cursor(fingerprint: str, position: Any) -> str | None:
    return cursor_codec().encode(_binding(fingerprint), position) if position is not None else None
