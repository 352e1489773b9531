"""How the local stage serves the portal: the page with a strict CSP, flat text assets with their
content types and cache validators, nothing outside ``web/``; and complete translations."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest

from devstack.dynamodb import REPO_ROOT

WEB = REPO_ROOT / "web"
ASSETS = WEB / "assets"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_page_forbids_inline_scripts_and_loads_only_its_own_files(served_api: str) -> None:
    status, headers, body = fetch(served_api + "/")

    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    policy = {part.split()[0]: part.split()[1:] for part in headers["content-security-policy"].split("; ")}
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    html = body.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script would be refused by the CSP"
    assert " style=" not in html
    assert "http://" not in html and "https://" not in html, "everything is served by the project"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
        ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("es.json", "application/json; charset=utf-8"),
    ],
)
def test_assets_have_their_content_type_and_revalidate_with_an_etag(
    served_api: str, name: str, content_type: str
) -> None:
    status, headers, body = fetch(f"{served_api}/assets/{name}")

    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["cache-control"] == "no-cache"
    assert headers["x-content-type-options"] == "nosniff"
    assert body == (ASSETS / name).read_bytes()
    again, _, empty = fetch(f"{served_api}/assets/{name}", {"If-None-Match": headers["etag"]})
    assert (again, empty) == (304, b"")


@pytest.mark.parametrize(
    "name",
    ["..%2Fapp.py", "..%2F..%2Fapp.py", "%2Fetc%2Fpasswd", "..", "index.html", "nope.js", "..%5Capp.py", "app.js%00"],
)
def test_nothing_outside_the_assets_folder_is_served(served_api: str, name: str) -> None:
    status, _, body = fetch(f"{served_api}/assets/{name}")

    assert status in (403, 404)
    assert b"import" not in body and b"root:" not in body


def test_the_picker_lists_the_demo_users_with_their_roles(served_api: str) -> None:
    status, _, body = fetch(served_api + "/assets/demo-users.json")

    users = json.loads(body)
    assert status == 200
    assert {
        "sub": "demo-lucia",
        "name": "Lucía Fernández",
        "email": "lucia@example.com",
        "groups": ["product"],
    } in users
    assert len(users) == 19


def messages(language: str) -> dict[str, str]:
    loaded: dict[str, str] = json.loads((ASSETS / f"{language}.json").read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("language", ["en", "pt"])
def test_every_language_has_every_message_of_the_spanish_reference(language: str) -> None:
    spanish = messages("es")
    other = messages(language)

    assert set(other) == set(spanish)
    assert all(value.strip() for value in other.values())


def test_every_message_the_code_asks_for_exists_in_spanish() -> None:
    spanish = messages("es")
    code = "\n".join(path.read_text(encoding="utf-8") for path in ASSETS.glob("*.js"))
    asked = set(re.findall(r"\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'", code))

    missing = {key for key in asked if key not in spanish and f"{key}.other" not in spanish}
    assert missing == set()
    assert len(asked) > 150
