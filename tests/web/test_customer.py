"""A customer's path in the browser: boards, an idea, voting, commenting, posting, the profile,
languages, keyboard-only use, and user text that stays text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.support import http_call
from tests.web.conftest import CUSTOMER, XSS_TITLE, Stack, open_context, ready, screenshot, sign_in


def test_a_shared_board_link_opens_the_board_with_phases_as_tabs(page: Page, stack: Stack) -> None:
    page.goto(stack.url(f"/?product={stack.product}"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Portal Hogar")
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(6)
    expect(page.get_by_role("tab", selected=True)).to_contain_text("Diseño")
    cards = page.get_by_test_id("idea-card")
    expect(cards.first.get_by_test_id("idea-title")).to_have_text("Modo oscuro en la aplicación")
    expect(cards.first.get_by_test_id("vote-count")).to_have_text("3")

    page.get_by_role("tab", name=re.compile("Instalación")).click()

    expect(page.get_by_test_id("idea-title")).to_have_text(["Instalación sin herramientas"])
    expect(page).to_have_url(re.compile(r"phase=installation"))
    screenshot(page, "board")


def test_sorting_and_filtering_a_board(page: Page, stack: Stack) -> None:
    planned = stack.idea("Idea ya planificada", phase="testing", votes=2)
    stack.idea("Idea recién llegada al tablero", phase="testing")
    reply = http_call(stack.base_url, "PATCH", f"/ideas/{planned}", stack.team.token, {"status": "planned"})
    assert reply.status == 200, reply.body
    page.goto(stack.url(f"/?product={stack.product}&phase=testing"))
    titles = page.get_by_test_id("idea-title")
    expect(titles).to_have_text(["Idea ya planificada", "Idea recién llegada al tablero"])

    page.get_by_label("Ordenar por").select_option("new")
    expect(titles).to_have_text(["Idea recién llegada al tablero", "Idea ya planificada"])

    page.get_by_label("Estado").select_option("planned")
    expect(titles).to_have_text(["Idea ya planificada"])
    expect(page).to_have_url(re.compile(r"status=planned"))


def test_a_customer_signs_in_votes_comments_and_posts_an_idea(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Avisos cuando el termostato falla", votes=1)
    sign_in(page, stack, CUSTOMER, next_path=f"/?idea={idea_id}")

    expect(page.get_by_test_id("idea-title")).to_have_text("Avisos cuando el termostato falla")
    vote = page.get_by_test_id("vote-button")
    expect(vote).to_have_attribute("aria-pressed", "false")
    vote.click()
    expect(page.get_by_test_id("vote-count")).to_have_text("2")
    expect(vote).to_have_attribute("aria-pressed", "true")
    assert stack.get(f"/ideas/{idea_id}")["vote_count"] == 2
    vote.click()
    expect(page.get_by_test_id("vote-count")).to_have_text("1")
    expect(vote).to_have_attribute("aria-pressed", "false")

    form = page.get_by_test_id("comment-form")
    form.get_by_test_id("comment-submit").click()
    expect(form.get_by_test_id("form-error")).to_be_visible()
    form.get_by_label("Tu comentario").fill("Me pasó la semana pasada, ¡gran idea!")
    form.get_by_test_id("comment-submit").click()
    expect(page.get_by_test_id("comment")).to_have_text([re.compile("Me pasó la semana pasada")])
    expect(page.get_by_role("heading", name="1 comentario")).to_be_visible()
    screenshot(page, "idea")

    page.get_by_role("link", name="Nueva idea").first.click()
    page.get_by_test_id("idea-form-product").select_option(stack.product)
    page.get_by_test_id("idea-form-phase").select_option("provision")
    page.get_by_test_id("idea-form-title").fill("ab")
    page.get_by_test_id("idea-form-submit").click()
    error = page.get_by_test_id("form-error")
    expect(error).to_have_text("Debe tener entre 3 y 140 caracteres.")
    expect(page.get_by_test_id("idea-form-title")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("idea-form-title")).to_be_focused()
    screenshot(page, "submit")

    page.get_by_test_id("idea-form-title").fill("Configurar la centralita desde el móvil")
    page.get_by_test_id("idea-form-body").fill("Sin tener que ir al ordenador.")
    page.get_by_test_id("idea-form-submit").click()

    expect(page.get_by_test_id("idea-title")).to_have_text("Configurar la centralita desde el móvil")
    expect(page).to_have_url(re.compile(r"\?idea=[0-9a-f]+"))
    expect(page.locator(".facts")).to_contain_text("Aprovisionamiento")


def test_the_profile_saves_name_consent_and_language(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "demo-carlos")
    page.get_by_role("link", name=re.compile("Carlos")).click()
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi perfil")

    page.get_by_label("Nombre").fill("Carlos Probador")
    page.get_by_label("Acepto recibir comunicaciones comerciales").check()
    page.get_by_label("Idioma", exact=True).last.select_option("en")
    page.get_by_test_id("profile-submit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    expect(page.get_by_label("Name")).to_have_value("Carlos Probador")
    expect(page.get_by_label("I agree to receive marketing communications")).to_be_checked()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "profile")


def test_language_comes_from_the_browser_then_the_switcher_then_the_profile(browser: Browser, stack: Stack) -> None:
    context = open_context(browser, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(stack.url("/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Build our products with us")
        expect(page.get_by_test_id("lang-switch")).to_have_value("en")

        page.get_by_test_id("lang-switch").select_option("pt")
        expect(page.get_by_role("heading", level=1)).to_have_text("Construa os nossos produtos conosco")
        expect(page.locator("html")).to_have_attribute("lang", "pt")
        expect(page.get_by_test_id("lang-switch")).to_be_focused()

        sign_in(page, stack, "demo-pablo")  # his profile says Spanish, which wins over the browser
        expect(page.get_by_role("heading", level=1)).to_have_text("Construye nuestros productos con nosotros")
        page.get_by_test_id("lang-switch").select_option("en")  # signed in, the switch is saved
        expect(page.get_by_role("heading", level=1)).to_have_text("Build our products with us")
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Build our products with us")
    finally:
        context.close()


def test_dates_and_numbers_follow_the_language(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Fechas y números localizados")
    page.goto(stack.url(f"/?idea={idea_id}"))
    spanish = page.locator(".facts dd").last.inner_text()
    page.get_by_test_id("lang-switch").select_option("en")
    expect(page.locator(".facts dd").last).not_to_have_text(spanish)
    english = page.locator(".facts dd").last.inner_text()

    assert re.search(r"\d{1,2} [a-z]{3,4}\.? \d{4}", spanish), spanish  # "24 nov 2026"
    assert re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", english), english  # "Nov 24, 2026"


def test_an_idea_title_made_of_html_is_shown_as_text_and_runs_nothing(page: Page, stack: Stack) -> None:
    idea_id = stack.idea(XSS_TITLE, phase="modification", body="<script>window.__xss = 1</script>")
    stack.comment(idea_id, "<b onmouseover=alert(2)>negrita</b>")
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(stack.url(f"/?product={stack.product}&phase=modification"))
    card = page.get_by_test_id("idea-card").filter(has_text=XSS_TITLE)
    expect(card.get_by_test_id("idea-title")).to_have_text(XSS_TITLE)
    assert card.locator("img").count() == 0

    card.get_by_test_id("idea-title").click()
    expect(page.get_by_test_id("idea-title")).to_have_text(XSS_TITLE)
    expect(page.locator(".idea-body")).to_have_text("<script>window.__xss = 1</script>")
    expect(page.get_by_test_id("comment")).to_contain_text("<b onmouseover=alert(2)>negrita</b>")
    assert page.locator("main img, main script, main b").count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_the_content_security_policy_refuses_inline_script(context: BrowserContext, stack: Stack) -> None:
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(stack.url("/"))
    ready(page)

    with pytest.raises(PlaywrightError):
        page.add_script_tag(content="window.__inline = 1")

    assert page.evaluate("window.__inline") is None
    assert any("script-src 'self'" in text for text in refused), refused


def test_deep_link_to_an_unknown_idea_says_so(page: Page, stack: Stack) -> None:
    page.goto(stack.url("/?idea=does-not-exist"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Idea no encontrada")


def test_keyboard_only_sign_in_tabs_and_vote(page: Page, stack: Stack) -> None:
    stack.idea("Votada solo con el teclado", phase="development")
    page.goto(stack.url(f"/?product={stack.product}&phase=development"))
    ready(page)

    page.keyboard.press("Tab")
    expect(page.locator("#skip-link")).to_be_focused()
    sign_in_link = page.get_by_test_id("sign-in")
    for _ in range(12):
        page.keyboard.press("Tab")
        if sign_in_link.evaluate("el => el === document.activeElement"):
            break
    expect(sign_in_link).to_be_focused()
    outline = sign_in_link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    picker = page.get_by_test_id("user-picker")
    expect(picker).to_be_visible()
    first_user = picker.get_by_role("button").first
    for _ in range(12):
        page.keyboard.press("Tab")
        if first_user.evaluate("el => el === document.activeElement"):
            break
    expect(first_user).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("sign-out")).to_be_visible()

    page.goto(stack.url(f"/?product={stack.product}&phase=design"))
    selected = page.get_by_role("tab", selected=True)
    selected.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", selected=True)).to_contain_text("Desarrollo")
    expect(page.get_by_role("tab", selected=True)).to_be_focused()
    vote = page.get_by_test_id("idea-card").filter(has_text="Votada solo con el teclado").get_by_test_id("vote-button")
    vote.focus()
    page.keyboard.press("Space")
    expect(vote).to_have_attribute("aria-pressed", "true")
