"""The web portal's static files, served by the local stage only (in AWS, S3 and CloudFront serve
``web/``; here every other stage answers 404, like ``/dev/token``).

Chalice has no catch-all route, so the portal is one page (``GET /``) plus one flat folder
(``GET /assets/{name}``). A name is looked up in the folder's listing, never joined onto a path,
so no request can reach a file outside it. Only text assets are served.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from chalice.app import Blueprint, Response

from chalicelib.api.routing import PUBLIC, Call, endpoint
from chalicelib.domain.errors import NotFound
from chalicelib.security_headers import CONTENT_TYPE_OPTIONS, portal_headers

blueprint = Blueprint(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_ROOT = REPO_ROOT / "web"
ASSETS = WEB_ROOT / "assets"
DEMO_DATA = REPO_ROOT / "devstack" / "demo_data.json"
# Generated from the local stack's demo data: the sign-in picker's list of demo users.
DEMO_USERS_ASSET = "demo-users.json"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}

# Files keep their names (no build step, no content hashes), so the browser revalidates each
# one with its ETag: a repeat visit costs a 304 per file and never shows a stale portal.
CACHE_CONTROL = "no-cache"


@dataclass(frozen=True)
class Asset:
    body: str
    content_type: str
    etag: str


def _asset(text: str, suffix: str) -> Asset:
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return Asset(text, CONTENT_TYPES[suffix], f'"{digest}"')


def _find_asset(name: str) -> Asset | None:
    """The file of ``web/assets`` called ``name``, or None.

    Read on every request: this is a developer's stack, where an edited file must show on reload.
    """
    if name == DEMO_USERS_ASSET and DEMO_DATA.is_file():
        users = json.loads(DEMO_DATA.read_text(encoding="utf-8"))["users"]
        picker = [{key: user.get(key) for key in ("sub", "name", "email", "groups")} for user in users]
        return _asset(json.dumps(picker, ensure_ascii=False), ".json")
    servable = {
        path.name: path
        for path in ASSETS.iterdir()
        if path.is_file() and path.suffix in CONTENT_TYPES and path.suffix != ".html"
    }
    path = servable.get(name)
    return _asset(path.read_text(encoding="utf-8"), path.suffix) if path else None


def _serve(asset: Asset, extra_headers: dict[str, str] | None = None) -> Response:
    headers: dict[str, str | list[str]] = {
        "Content-Type": asset.content_type,
        "Cache-Control": CACHE_CONTROL,
        "ETag": asset.etag,
        "X-Content-Type-Options": CONTENT_TYPE_OPTIONS,
        **(extra_headers or {}),
    }
    request_headers = blueprint.current_request.headers
    if request_headers.get("if-none-match") == asset.etag:
        return Response(body="", status_code=304, headers=headers)
    return Response(body=asset.body, status_code=200, headers=headers)


@endpoint(
    blueprint,
    "/",
    "GET",
    summary="Local stage only: the web portal's page (text/html, with its Content-Security-Policy)",
    access=PUBLIC,
    response=None,
    errors=(404,),
    local_only=True,
    tag="web",
)
def portal(call: Call) -> Response:
    return _serve(_asset((WEB_ROOT / "index.html").read_text(encoding="utf-8"), ".html"), portal_headers())


@endpoint(
    blueprint,
    "/assets/{name}",
    "GET",
    summary="Local stage only: one of the web portal's files (JavaScript, CSS, SVG or JSON)",
    access=PUBLIC,
    response=None,
    errors=(404,),
    local_only=True,
    tag="web",
)
def asset(call: Call, name: str) -> Response:
    found = _find_asset(name)
    if found is None:
        raise NotFound("no such asset")
    return _serve(found)
