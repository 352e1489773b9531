"""The web portal in a real browser: Debian's Chromium driven by Playwright, against the API served
by ``chalice local`` on this run's own DynamoDB Local (the integration tests' fixtures), holding
the demo data of ``devstack/demo_data.json`` and, for the pages that show topics, feeds,
segments and alerts, one real nightly run of the topics job over it (``.venv-topics``, as
``make run`` does).

Playwright's own browser download cannot work on these machines, so the tests use the system's
Chromium and fail, with the command that installs it, when it is missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from chalicelib.local_issuer import LocalIssuer
from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, stop
from devstack.run import TOPICS_PYTHON
from devstack.seed import load_demo_data, write_demo_data
from tests.integration.conftest import dynamodb, issuer, served_api
from tests.support import User, http_call, new_user

__all__ = ["dynamodb", "issuer", "served_api"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # a laptop
PHONE: ViewportSize = {"width": 390, "height": 844}  # a current phone, in CSS pixels
XSS_TITLE = "<img src=x onerror=alert(1)>"

# The demo users of devstack/demo_data.json that the sign-in picker lists, by role.
CUSTOMER = "demo-ana"
PRODUCT = "demo-lucia"
MARKETING = "demo-marta"
MODERATOR = "demo-oliver"
ADMIN = "demo-javier"

expect.set_options(timeout=10_000)


@dataclass
class Stack:
    """The served portal and a board of its own, seeded through the API."""

    base_url: str
    product: str
    team: User
    authors: list[User] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def idea(self, title: str, phase: str = "design", body: str = "", votes: int = 0) -> str:
        author = self.authors[len(title) % len(self.authors)]
        reply = http_call(
            self.base_url,
            "POST",
            "/ideas",
            author.token,
            {"title": title, "body": body, "product": self.product, "phase": phase},
        )
        assert reply.status == 201, reply.body
        idea_id: str = reply.body["id"]
        for voter in self.authors[:votes]:
            assert http_call(self.base_url, "PUT", f"/ideas/{idea_id}/vote", voter.token).status == 200
        return idea_id

    def comment(self, idea_id: str, body: str) -> str:
        reply = http_call(self.base_url, "POST", f"/ideas/{idea_id}/comments", self.authors[0].token, {"body": body})
        assert reply.status == 201, reply.body
        comment_id: str = reply.body["id"]
        return comment_id

    def new_board(self) -> Stack:
        """A board of its own with the three seeded ideas, for a test that must not see what the
        other tests add to the shared one (pages of likely duplicates, for one)."""
        slug = f"web-{uuid.uuid4().hex[:10]}"
        reply = http_call(
            self.base_url,
            "POST",
            "/products",
            self.team.token,
            {"slug": slug, "name": "Portal Hogar", "description": "Tablero de las pruebas del portal web."},
        )
        assert reply.status == 201, reply.body
        board = Stack(self.base_url, slug, self.team, self.authors)
        board.idea("Modo oscuro en la aplicación", body="De noche la pantalla blanca deslumbra.", votes=3)
        board.idea("Exportar el consumo a CSV", body="Para mi hoja de cálculo.", votes=1)
        board.idea("Instalación sin herramientas", phase="installation", body="Que encaje sin tornillos.")
        return board

    def get(self, path: str, token: str | None = None) -> Any:
        reply = http_call(self.base_url, "GET", path, token)
        assert reply.status == 200, reply.body
        return reply.body

    def token_of(self, demo_user: str) -> str:
        """A token of one of the demo users, with the groups the sign-in picker gives them."""
        user = next(user for user in load_demo_data()["users"] if user["sub"] == demo_user)
        body = {"sub": user["sub"], "name": user["name"], "email": user["email"], "groups": user["groups"]}
        reply = http_call(self.base_url, "POST", "/dev/token", body=body)
        assert reply.status == 200, reply.body
        token: str = reply.body["token"]
        return token


@dataclass
class Demo:
    """The demo data in the store, and the nightly run over it (started in the background)."""

    counts: dict[str, int]
    nightly: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(scope="session")
def demo(dynamodb: DynamoDBLocal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo data, written into the store; the nightly job starts over it at once, so that it
    runs while the first tests do (its dependencies live in .venv-topics)."""
    if not TOPICS_PYTHON.exists():
        pytest.fail(f"{TOPICS_PYTHON} is missing: run `make test-api`, which installs it", pytrace=False)
    counts = write_demo_data()
    log = tmp_path_factory.mktemp("nightly") / "nightly.log"
    with log.open("wb") as output:
        nightly = subprocess.Popen(
            [str(TOPICS_PYTHON), "-m", "chalicelib.topics", "nightly", "--quiet"],
            cwd=REPO_ROOT,
            env=dict(os.environ),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Demo(counts, nightly, log)
    finally:
        stop(nightly)


NIGHTLY_TIMEOUT_SECONDS = 900


@pytest.fixture(scope="session")
def nightly_run(demo: Demo, served_api: str) -> dict[str, Any]:
    """The nightly run over the demo data, published and served: GET /topics's ``run``."""
    try:
        code = demo.nightly.wait(timeout=NIGHTLY_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the nightly job ran over {NIGHTLY_TIMEOUT_SECONDS} s: {demo.log.read_text()[-2000:]}")
    assert code == 0, demo.log.read_text()[-4000:]
    # The served API keeps the published run for up to 30 s (store/topics.VIEW_TTL_SECONDS).
    deadline = time.monotonic() + 40
    while True:
        run: dict[str, Any] | None = http_call(served_api, "GET", "/topics").body["run"]
        if run is not None or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert run is not None, "the API does not serve the nightly run"
    return run


@pytest.fixture(scope="session")
def stack(demo: Demo, served_api: str, issuer: LocalIssuer) -> Stack:
    team = new_user(issuer, "product", name="Equipo Web")
    authors = [new_user(issuer, name=name) for name in ("Inés Prueba", "Tomás Prueba", "Rosa Prueba")]
    return Stack(served_api, "", team, authors).new_board()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; the browser tests need Debian's chromium: "
            "run `apt-get update && apt-get install -y chromium` as root (make test does it)",
            pytrace=False,
        )
    launched = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


class PageProblems:
    """Errors the page reports by itself: script errors and content-security-policy violations."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.messages.append(message.text)

    def page_error(self, error: Exception) -> None:
        self.messages.append(f"page error: {error}")


def open_context(
    browser: Browser, locale: str = "es-ES", bypass_csp: bool = False, viewport: ViewportSize = VIEWPORT
) -> BrowserContext:
    return browser.new_context(
        viewport=viewport,
        locale=locale,
        bypass_csp=bypass_csp,
        is_mobile=viewport == PHONE,
        has_touch=viewport == PHONE,
    )


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = open_context(browser)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh tab of a fresh context (its own storage) under the portal's real CSP; fails on script errors."""
    tab = context.new_page()
    problems = PageProblems()
    tab.on("console", problems.console)
    tab.on("pageerror", problems.page_error)
    yield tab
    assert problems.messages == [], problems.messages


def sign_in(page: Page, stack: Stack, user: str, next_path: str | None = None, language: str | None = "es") -> None:
    """Through the local stage's picker of demo users, as a person would; then, unless
    ``language`` is None, switches the portal (and so the profile) to that language, whatever
    the demo profile says."""
    # ``next`` is itself a query string: encoded, or its own parameters would be the sign-in page's.
    query = f"/?view=signin&next={quote(next_path, safe='/')}" if next_path else "/?view=signin"
    page.goto(stack.url(query))
    page.get_by_test_id("user-picker").locator(f"[data-user='{user}']").click()
    expect(page.get_by_test_id("sign-out")).to_be_attached()  # on a phone, inside the closed menu
    ready(page)
    if language and page.get_by_test_id("lang-switch").input_value() != language:
        if not page.get_by_test_id("lang-switch").is_visible():  # a phone: it is in the menu
            page.get_by_test_id("menu-button").click()
        page.get_by_test_id("lang-switch").select_option(language)
        expect(page.locator("html")).to_have_attribute("lang", language)
        ready(page)


def ready(page: Page) -> None:
    """The router has rendered the page (the shell marks <main> busy while it works)."""
    expect(page.locator("main[aria-busy='false']")).to_be_attached()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations of the page as it is now."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (make test does it)", pytrace=False)
    page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def fulfil_json(body: Any, status: int = 200) -> dict[str, Any]:
    return {"status": status, "content_type": "application/json", "body": json.dumps(body)}
