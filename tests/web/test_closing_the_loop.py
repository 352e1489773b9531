"""Closing the loop in Chromium: the team publishes a release note (Markdown rendered safely)
and the public sees it on the changelog and the roadmap; an admin subscribes a webhook and
reads its delivery log; a person downloads and erases their data. axe on every new page."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from chalicelib.clock import to_storage, utc_now
from chalicelib.local_issuer import LocalIssuer
from chalicelib.store import webhooks as webhook_store
from chalicelib.store.webhook_events import pending_events
from chalicelib.webhooks.dispatch import deliver_due, fan_out
from chalicelib.webhooks.transport import transport_for
from tests.support import User, http_call, new_user
from tests.web.conftest import PRODUCT, Stack, axe_violations, open_context, ready, screenshot, sign_in

ADMIN = "demo-javier"
SESSION_KEY = "cocrea.session"
CHANGELOG_PAGE = 10  # the changelog's page size (pages-loop.js)
DELIVERY_PAGE = 50  # the delivery log's page size (pages-loop.js)


def sign_in_as(page: Page, stack: Stack, user: User, path: str) -> None:
    """A person who is not among the demo users: their real token, as the picker would store it."""
    page.goto(stack.url("/"))
    ready(page)
    page.evaluate("([key, token]) => localStorage.setItem(key, token)", [SESSION_KEY, user.token])
    page.goto(stack.url(path))
    ready(page)


@pytest.fixture
def release(stack: Stack) -> tuple[str, str]:
    """Two ideas: one open (to deliver), one planned (stays on the roadmap)."""
    open_idea = stack.idea("Modo nocturno automático", body="Que se active al anochecer.")
    planned = stack.idea("Informe mensual en PDF")
    changed = http_call(stack.base_url, "PATCH", f"/ideas/{planned}", stack.team.token, {"status": "planned"})
    assert changed.status == 200
    return open_idea, planned


def test_the_team_publishes_a_release_note_the_public_reads_it_and_the_roadmap_moves(
    page: Page, stack: Stack, release: tuple[str, str]
) -> None:
    shipped, _ = release
    sign_in(page, stack, PRODUCT, next_path=f"/?view=publish&product={stack.product}")
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Publicar una novedad")

    page.get_by_test_id("note-title").fill("ab")
    page.get_by_test_id("publish-submit").click()
    expect(page.get_by_test_id("form-error").first).to_be_visible()  # the API's 400, inline

    page.get_by_test_id("note-title").fill("Primavera 2027")
    page.get_by_test_id("note-body").fill(
        "## Lo nuevo\n\n- **Modo nocturno** automático\n\n<img src=x onerror=alert(1)>\n\n"
        "[pulsa](javascript:alert(1)) o lee [la guía](https://example.com/guia)"
    )
    expect(page.get_by_test_id("note-preview").locator("strong")).to_have_text("Modo nocturno")
    page.get_by_test_id("idea-search").fill("nocturno")
    page.get_by_label(re.compile("Modo nocturno automático")).check()
    expect(page.get_by_test_id("picked-count")).to_have_text("1 de 50 ideas elegidas")
    page.get_by_test_id("publish-submit").click()

    expect(page).to_have_url(re.compile(r"changelog=[0-9a-f]{32}"))
    body = page.get_by_test_id("release-body")
    expect(body.locator("h3")).to_have_text("Lo nuevo")  # below the note's h1 and the page's h2s
    expect(body.locator("strong")).to_have_text("Modo nocturno")
    expect(body).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text, never as markup
    expect(body.locator("img")).to_have_count(0)
    expect(body.locator("a")).to_have_count(1)  # the javascript: link stays plain text
    expect(body.locator("a")).to_have_attribute("href", "https://example.com/guia")
    delivered = page.get_by_test_id("delivered-idea")
    expect(delivered).to_have_count(1)
    expect(delivered).to_contain_text("Modo nocturno automático")
    expect(delivered).to_contain_text("Hecha")
    assert stack.get(f"/ideas/{shipped}")["status"] == "done"
    screenshot(page, "release-note")

    page.goto(stack.url(f"/?view=changelog&product={stack.product}"))
    ready(page)
    expect(page.get_by_test_id("release-note").first).to_contain_text("Primavera 2027")
    page.goto(stack.url(f"/?view=roadmap&product={stack.product}"))
    ready(page)
    expect(page.get_by_test_id("roadmap-done")).to_contain_text("Modo nocturno automático")
    expect(page.get_by_test_id("roadmap-planned")).to_contain_text("Informe mensual en PDF")
    expect(page.get_by_test_id("roadmap-in_progress")).not_to_contain_text("Modo nocturno automático")
    screenshot(page, "roadmap")


def test_an_admin_subscribes_a_webhook_sees_its_secret_once_and_reads_the_delivery_log(
    page: Page, stack: Stack
) -> None:
    sign_in(page, stack, ADMIN, next_path="/?view=webhooks")
    ready(page)
    url = f"http://127.0.0.1:9/hooks/{stack.product}"  # nobody listens: deliveries fail and retry

    page.get_by_test_id("webhook-url").fill("ftp://example.com/hook")
    page.get_by_test_id("webhook-event").first.check()
    page.get_by_test_id("webhook-submit").click()
    expect(page.get_by_test_id("form-error").first).to_be_visible()

    page.get_by_test_id("webhook-url").fill(url)
    page.get_by_test_id("webhook-submit").click()
    secret = page.get_by_test_id("webhook-secret")
    expect(secret).to_contain_text("whsec_")
    row = page.get_by_test_id("webhook-row").filter(has_text=url)
    expect(row).to_contain_text("Activo")
    screenshot(page, "webhooks")

    stack.idea("Una idea que el webhook anuncia")
    # The shared store may hold a backlog of other tests' events: fan them all out first, as the
    # worker's following runs would, then one pass of deliveries.
    while pending_events():
        fan_out(utc_now())
    deliver_due(transport_for(allow_private=True), utc_now())
    row.get_by_test_id("webhook-log").click()
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Registro de entregas")
    log = page.get_by_test_id("delivery-row")
    expect(log.first).to_contain_text("idea.created")
    expect(log.first).to_contain_text("Pendiente")
    screenshot(page, "webhook-log")

    page.goto(stack.url("/?view=webhooks"))
    ready(page)
    remove = page.get_by_test_id("webhook-row").filter(has_text=url).get_by_test_id("webhook-delete")
    remove.click()
    remove.click()
    expect(page.get_by_test_id("webhook-row").filter(has_text=url)).to_have_count(0)


def test_a_changelog_longer_than_a_page_loads_each_note_once_keeps_it_through_a_failed_page_and_stops(
    page: Page, stack: Stack
) -> None:
    slug = f"notes-{uuid.uuid4().hex[:8]}"  # a product of its own: no other test's notes in its changelog
    made = http_call(stack.base_url, "POST", "/products", stack.team.token, {"slug": slug, "name": "Muchas novedades"})
    assert made.status == 201, made.body
    for number in range(CHANGELOG_PAGE + 2):
        body = {"title": f"Novedad número {number}", "body": "", "product": slug, "ideas": []}
        assert http_call(stack.base_url, "POST", "/changelog", stack.team.token, body).status == 201

    # The second page fails once (the network drops it): what is shown stays, and it can be tried again.
    page.route("**/changelog?*cursor=*", lambda route: route.abort(), times=1)
    page.goto(stack.url(f"/?view=changelog&product={slug}"))
    ready(page)
    notes = page.get_by_test_id("release-note")
    more = page.get_by_test_id("load-more")
    expect(notes).to_have_count(CHANGELOG_PAGE)
    more.click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(notes).to_have_count(CHANGELOG_PAGE)
    expect(more).to_be_visible()

    more.click()

    expect(notes).to_have_count(CHANGELOG_PAGE + 2)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(more).to_be_hidden()  # the API said next_cursor: null
    ids = notes.evaluate_all("notes => notes.map(note => note.dataset.noteId)")
    assert len(set(ids)) == CHANGELOG_PAGE + 2, "every release note is shown exactly once"
    titles = page.get_by_test_id("release-note").locator("h2").all_inner_texts()
    assert titles == [f"Novedad número {number}" for number in reversed(range(CHANGELOG_PAGE + 2))]


def test_a_delivery_log_longer_than_a_page_loads_each_delivery_once_and_stops_at_the_end(
    page: Page, stack: Stack
) -> None:
    admin = stack.token_of(ADMIN)
    body = {"url": "http://127.0.0.1:9/hooks/long-log", "events": ["idea.merged"]}
    hook_id = http_call(stack.base_url, "POST", "/webhooks", admin, body).body["id"]
    hook = webhook_store.get_webhook(hook_id)
    assert hook is not None
    # Deliveries as the fan-out records them, one a second, in the store the served API reads.
    start = utc_now() - timedelta(hours=1)
    expected = []
    for number in range(DELIVERY_PAGE + 3):
        at = to_storage(start + timedelta(seconds=number))
        event_id = f"long-log-{hook_id}-{number}"
        assert webhook_store.add_delivery(hook, event_id, "idea.merged", "{}", at)
        expected.append(webhook_store.delivery_id(event_id, "idea.merged", hook_id))
    try:
        sign_in(page, stack, ADMIN, next_path=f"/?view=webhooks&webhook={hook_id}")
        ready(page)
        rows = page.get_by_test_id("delivery-row")
        more = page.get_by_test_id("load-more")
        expect(rows).to_have_count(DELIVERY_PAGE)
        expect(more).to_be_visible()

        more.click()

        expect(rows).to_have_count(DELIVERY_PAGE + 3)
        expect(more).to_be_hidden()
        shown = rows.evaluate_all("rows => rows.map(row => row.dataset.deliveryId)")
        assert shown == list(reversed(expected)), "every delivery once, newest first"
    finally:
        assert http_call(stack.base_url, "DELETE", f"/webhooks/{hook_id}", admin).status == 204


def test_a_person_downloads_their_data_then_erases_it_behind_a_typed_confirmation(
    page: Page, stack: Stack, issuer: LocalIssuer
) -> None:
    person = new_user(issuer, name="Olvido Pronto")
    reply = http_call(
        stack.base_url,
        "POST",
        "/ideas",
        person.token,
        {"title": "Mi idea se queda", "product": stack.product, "phase": "design"},
    )
    idea_id = reply.body["id"]
    sign_in_as(page, stack, person, "/?view=mydata")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis datos")

    with page.expect_download() as download:
        page.get_by_test_id("export-data").click()
    exported = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert exported["profile"]["name"] == "Olvido Pronto"
    assert [idea["id"] for idea in exported["ideas"]] == [idea_id]

    erase = page.get_by_test_id("erase-submit")
    expect(erase).to_be_disabled()
    page.get_by_test_id("erase-confirm").fill("borrar algo")
    expect(erase).to_be_disabled()
    page.get_by_test_id("erase-confirm").fill("borrar")
    expect(erase).to_be_enabled()
    erase.click()

    expect(page.get_by_test_id("sign-in")).to_be_visible()
    me = http_call(stack.base_url, "GET", "/me", person.token).body
    assert (me["name"], me["email"]) == ("", "")
    page.goto(stack.url(f"/?idea={idea_id}"))
    ready(page)
    expect(page.locator("main")).to_contain_text("Antiguo miembro")
    expect(page.locator("main")).not_to_contain_text("Olvido Pronto")


@pytest.mark.parametrize(("locale", "heading"), [("en-GB", "Changelog"), ("pt-PT", "Novidades")])
def test_the_changelog_speaks_english_and_portuguese(browser: Browser, stack: Stack, locale: str, heading: str) -> None:
    context = open_context(browser, locale=locale)
    try:
        page = context.new_page()
        page.goto(stack.url("/?view=changelog"))
        ready(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    finally:
        context.close()


def test_no_serious_accessibility_violation_on_the_new_pages(browser: Browser, stack: Stack) -> None:
    note = http_call(
        stack.base_url,
        "POST",
        "/changelog",
        stack.team.token,
        {"title": "Revisada por axe", "body": "# Título\n\n- uno\n- dos", "product": stack.product, "ideas": []},
    ).body
    context = open_context(browser, bypass_csp=True)
    try:
        page = context.new_page()
        found = {}
        anonymous = ["/?view=changelog", f"/?changelog={note['id']}", f"/?view=roadmap&product={stack.product}"]
        for path in anonymous:
            page.goto(stack.url(path))
            ready(page)
            if violations := axe_violations(page):
                found[path] = violations
        sign_in(page, stack, ADMIN)  # admin holds every role
        hook = http_call(
            stack.base_url, "GET", "/webhooks", page.evaluate(f"localStorage.getItem('{SESSION_KEY}')")
        ).body["items"]
        paths = [f"/?view=publish&product={stack.product}", "/?view=webhooks", "/?view=mydata"]
        paths += [f"/?view=webhooks&webhook={item['id']}" for item in hook[:1]]
        for path in paths:
            page.goto(stack.url(path))
            ready(page)
            if violations := axe_violations(page):
                found[path] = violations
        assert found == {}
    finally:
        context.close()
