"""One declaration per route: ``endpoint`` registers a view with Chalice and says everything
else about it — summary, who may call it, the schemas of its body, query and response, its
success status and error codes. The same declaration is enforced here (the role gate, the
body and query validation) and documented by ``chalicelib/openapi.py``, which walks it.

Schemas are named by string (a class of ``chalicelib/schemas.py``) and loaded on the first
call that needs them: marshmallow stays out of the cold start (docs/benchmarks.md).
docs/routes.md shows how to declare a route.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from chalice.app import Blueprint, Request, Response

from chalicelib.api.error_texts import current_principal, reader_language
from chalicelib.api.request import is_form, load_body, load_form_body, load_query, no_body, reader
from chalicelib.api.responses import error_response, internal_error_response, logger
from chalicelib.config import get_settings
from chalicelib.domain.errors import (
    DomainError,
    NotFound,
    NotPermitted,
    StoreUnavailable,
    TooLarge,
    Unauthenticated,
    Unavailable,
)
from chalicelib.domain.roles import ROLES, Principal
from chalicelib.store.failures import is_unavailable

if TYPE_CHECKING:
    from marshmallow import Schema

MAX_BODY_BYTES = 64 * 1024
# Methods whose body a route may read; a route of one that declares none still refuses a malformed one.
METHODS_WITH_BODY: Final = frozenset({"post", "put", "patch", "delete"})

# Who may call a route: one of these three, or a tuple of roles (any one of them; admin always).
PUBLIC: Final = "public"  # anyone; a token is not even read
OPTIONAL_SIGN_IN: Final = "optional_sign_in"  # anyone; a token, when sent, must be valid and names the reader
SIGNED_IN: Final = "signed_in"  # any signed-in user
Access = str | tuple[str, ...]

View = Callable[..., Any]


@dataclass(frozen=True)
class Route:
    """Everything about one route but its code. ``response``, ``body`` and ``query`` name
    classes of ``chalicelib/schemas.py``; ``response=None`` means no JSON body (HTML, 405)."""

    method: str
    path: str
    summary: str
    access: Access
    response: str | None
    tag: str
    body: str | None = None
    query: str | None = None
    success: int = 200
    errors: tuple[int, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)  # documented headers of the success response
    csv: bool = False  # also answers ``text/csv`` with ``?format=csv``
    local_only: bool = False  # 404 in every stage but ``local``, before anything else is looked at
    # Also takes an HTML form's body (urlencoded or multipart), its fields joined to the query
    # string's, through the same body schema: what a mail client's RFC 8058 one-click POST sends.
    form_body: bool = False

    def __post_init__(self) -> None:
        if not self.summary.strip():
            raise ValueError(f"{self.method.upper()} {self.path}: a route needs a summary")
        if isinstance(self.access, tuple):
            unknown = [role for role in self.access if role not in ROLES]
            if not self.access or unknown:
                raise ValueError(f"{self.method.upper()} {self.path}: roles must be known and not empty: {unknown}")
        elif self.access not in (PUBLIC, OPTIONAL_SIGN_IN, SIGNED_IN):
            raise ValueError(f"{self.method.upper()} {self.path}: unknown access {self.access!r}")

    @property
    def roles(self) -> tuple[str, ...]:
        return self.access if isinstance(self.access, tuple) else ()

    @property
    def needs_sign_in(self) -> bool:
        return self.access == SIGNED_IN or isinstance(self.access, tuple)

    @property
    def reads_token(self) -> bool:
        return self.access != PUBLIC


@dataclass(frozen=True)
class Call:
    """What a view gets: the request, already checked against its route's declaration."""

    request: Request
    principal: Principal | None
    body: dict[str, Any]
    query: dict[str, Any]

    @property
    def user(self) -> Principal:
        """The signed-in caller; only routes declared signed-in (or with roles) may ask."""
        if self.principal is None:
            raise Unauthenticated("sign in first: this route needs a bearer token")
        return self.principal


class Reply(NamedTuple):
    """A JSON body with headers, answered with the route's declared success status."""

    body: Any
    headers: dict[str, str]


ROUTE_ATTRIBUTE: Final = "__route__"


def declaration_of(view_function: Callable[..., Any]) -> Route | None:
    """The declaration a registered view function carries (None for a view registered by hand)."""
    route = getattr(view_function, ROUTE_ATTRIBUTE, None)
    return route if isinstance(route, Route) else None


def endpoint(
    blueprint: Blueprint,
    path: str,
    method: str,
    *,
    summary: str,
    access: Access,
    response: str | None,
    tag: str,
    body: str | None = None,
    query: str | None = None,
    success: int = 200,
    errors: tuple[int, ...] = (),
    headers: Mapping[str, str] | None = None,
    csv: bool = False,
    local_only: bool = False,
    form_body: bool = False,
) -> Callable[[View], View]:
    """Declare ``method path`` and register ``view`` for it on ``blueprint``.

    The view is called as ``view(call, **path_params)`` once the caller passed the declared
    access and the body and query loaded through their schemas. It returns a dict (JSON with
    the declared success status), a ``Reply`` (the same with headers) or a Chalice
    ``Response`` (CSV, HTML). Every content type is accepted so that a malformed body gets
    the contract's 400 rather than Chalice's own 415 shape.
    """
    route = Route(
        method=method.lower(),
        path=path,
        summary=summary,
        access=access,
        response=response,
        tag=tag,
        body=body,
        query=query,
        success=success,
        errors=tuple(errors),
        headers=dict(headers or {}),
        csv=csv,
        local_only=local_only,
        form_body=form_body,
    )

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(**path_params: Any) -> Any:
            # Read at call time, so that the declaration is the one source even when it changes.
            declared: Route = getattr(guarded, ROUTE_ATTRIBUTE)
            request = blueprint.current_request
            reset = current_principal.set(None)  # never a previous invocation's user
            try:
                call = _checked_call(request, declared)
                return _respond(view(call, **path_params), declared)
            except DomainError as error:
                available = not isinstance(error, Unavailable)
                return error_response(error, reader_language(request, current_principal.get(), available))
            except Exception as error:  # noqa: BLE001 - the last line of defence of the contract
                if is_unavailable(error):
                    logger.warning("data store unavailable: %s", error)
                    unavailable = StoreUnavailable("the service is temporarily unavailable; retry")
                    return error_response(unavailable, reader_language(request, None, may_read_store=False))
                logger.exception("unhandled error on %s %s", method, path)
                return internal_error_response()
            finally:
                current_principal.reset(reset)

        setattr(guarded, ROUTE_ATTRIBUTE, route)
        blueprint.route(path, methods=[method.upper()], content_types=["*/*"])(guarded)
        return guarded

    return decorator


def _checked_call(request: Request, route: Route) -> Call:
    """Size limit, stage, identity and role, then the query and the body through their schemas."""
    raw_body = request.raw_body
    if raw_body and len(raw_body) > MAX_BODY_BYTES:
        raise TooLarge(f"request body exceeds {MAX_BODY_BYTES} bytes")
    if route.local_only and not get_settings().is_local:
        raise NotFound("not found")
    principal = reader(request) if route.reads_token else None
    current_principal.set(principal)  # errors from here on are told in this user's language
    if route.needs_sign_in:
        if principal is None:
            raise Unauthenticated("sign in first: this route needs a bearer token")
        if route.roles and not principal.has_any(*route.roles):
            raise NotPermitted(f"this route is for the roles: {', '.join(route.roles)}")
    query = load_query(request, schema(route.query)) if route.query else {}
    if route.body and route.form_body and is_form(request):
        body = load_form_body(request, schema(route.body))
    elif route.body:
        body = load_body(request, schema(route.body))
    else:
        body = no_body(request) if route.method in METHODS_WITH_BODY else {}
    return Call(request, principal, body, query)


def _respond(result: Any, route: Route) -> Any:
    if isinstance(result, Response):
        return result
    if isinstance(result, Reply):
        return Response(body=result.body, status_code=route.success, headers=dict(result.headers))
    return Response(body=result, status_code=route.success)


@functools.cache
def schema(name: str) -> Schema:
    """An instance of the schema class ``name`` of ``chalicelib/schemas.py``, loaded on first use."""
    from chalicelib import schemas

    found = getattr(schemas, name)
    instance: Schema = found()
    return instance


def csv_response(header: list[str], rows: Iterable[Iterable[object]], filename: str) -> Response:
    """A ``text/csv`` download (``?format=csv``), with a header row, written by ``csv_safety``
    (no cell a spreadsheet would run as a formula; UTF-8 with a byte-order mark)."""
    from chalicelib.csv_safety import csv_text

    return Response(
        body=csv_text(header, rows),
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


def json_response(body: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response built by hand; a declared view usually returns a dict or a ``Reply``."""
    return Response(body=body, status_code=status_code, headers=dict(headers or {}))
