"""A customer's daily use: editing one's open idea, one sign-in for every tab, a vote kept
through signing in, the product on feed cards, clearing filters, merged ideas, phase tabs in the
browser's history, a held idea's banner, a blank comment, following an idea and unsubscribing."""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import BrowserContext, Page, expect

from chalicelib.config import cursor_secret
from chalicelib.unsubscribe_tokens import UnsubscribeTokens
from tests.support import http_call
from tests.web.conftest import CUSTOMER, Stack, ready, sign_in


def test_the_author_edits_her_open_idea(page: Page, stack: Stack) -> None:
    token = stack.token_of(CUSTOMER)
    body = {"title": "Luces que se apagan solas", "product": stack.product, "phase": "design"}
    idea_id = http_call(stack.base_url, "POST", "/ideas", token, body).body["id"]
    sign_in(page, stack, CUSTOMER, next_path=f"/?idea={idea_id}")

    page.get_by_test_id("edit-idea").get_by_text("Editar tu idea").click()
    page.get_by_test_id("edit-title").fill("Luces que se apagan solas al salir")
    page.get_by_test_id("edit-body").fill("Con el sensor de la puerta.")
    page.get_by_test_id("edit-submit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Luces que se apagan solas al salir")
    assert stack.get(f"/ideas/{idea_id}")["body"] == "Con el sensor de la puerta."
    other = stack.idea("Idea de otra persona")
    page.goto(stack.url(f"/?idea={other}"))
    ready(page)
    expect(page.get_by_test_id("edit-idea")).to_have_count(0)  # only the author, only while open


def test_one_sign_in_serves_every_tab(context: BrowserContext, stack: Stack) -> None:
    first = context.new_page()
    sign_in(first, stack, CUSTOMER)
    second = context.new_page()

    second.goto(stack.url(f"/?product={stack.product}"))

    expect(second.get_by_test_id("sign-out")).to_be_attached()
    first.get_by_test_id("sign-out").click()
    expect(second.get_by_test_id("sign-in")).to_be_attached()  # signing out in one tab reaches the other


def test_a_vote_asked_for_while_signed_out_is_cast_after_signing_in(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Votada antes de entrar")
    page.goto(stack.url(f"/?idea={idea_id}"))
    page.get_by_test_id("vote-button").click()
    expect(page.get_by_test_id("user-picker")).to_be_visible()

    page.get_by_test_id("user-picker").locator("[data-user='demo-sofia']").click()

    expect(page).to_have_url(re.compile(f"idea={idea_id}"))
    expect(page.get_by_test_id("vote-button")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("vote-count")).to_have_text("1")
    assert stack.get(f"/ideas/{idea_id}")["vote_count"] == 1


def test_an_empty_filtered_board_offers_to_clear_the_filters(page: Page, stack: Stack) -> None:
    page.goto(stack.url(f"/?product={stack.product}&phase=design&status=declined"))
    empty = page.get_by_test_id("empty-state")
    expect(empty).to_contain_text("Ninguna idea cumple estos filtros")

    empty.get_by_test_id("clear-filters").click()

    expect(page.get_by_test_id("idea-card").first).to_be_visible()
    expect(page.get_by_label("Estado")).to_have_value("")
    expect(page).not_to_have_url(re.compile("status="))


def test_a_merged_idea_is_listed_once_as_merged_linking_to_its_target(page: Page, stack: Stack) -> None:
    target = stack.idea("Destino de la fusión", phase="provision")
    source = stack.idea("Origen de la fusión", phase="provision")
    reply = http_call(stack.base_url, "POST", f"/ideas/{source}/merge", stack.team.token, {"into": target})
    assert reply.status == 200, reply.body
    page.goto(stack.url(f"/?product={stack.product}&phase=provision"))

    merged = page.get_by_test_id("idea-card").filter(has_text="Origen de la fusión")
    expect(merged).to_have_count(1)
    expect(merged).to_contain_text("Fusionada")
    expect(merged.get_by_test_id("vote-button")).to_have_count(0)
    merged.get_by_test_id("merged-target").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Destino de la fusión")


def test_phase_tabs_are_entries_of_the_browser_history(page: Page, stack: Stack) -> None:
    page.goto(stack.url(f"/?product={stack.product}&phase=design"))
    expect(page.get_by_role("tab", selected=True)).to_contain_text("Diseño")

    page.get_by_role("tab", name=re.compile("Instalación")).click()
    expect(page).to_have_url(re.compile("phase=installation"))
    page.go_back()

    expect(page).to_have_url(re.compile("phase=design"))
    expect(page.get_by_role("tab", selected=True)).to_contain_text("Diseño")
    expect(page.get_by_test_id("idea-title").first).to_have_text("Modo oscuro en la aplicación")


def test_the_author_of_a_held_idea_is_told_it_awaits_moderation(page: Page, stack: Stack) -> None:
    token = stack.token_of(CUSTOMER)
    body = {"title": "El instalador es un idiota", "product": stack.product, "phase": "installation"}
    held = http_call(stack.base_url, "POST", "/ideas", token, body).body
    assert held["status"] == "pending_moderation"

    sign_in(page, stack, CUSTOMER, next_path=f"/?idea={held['id']}")

    expect(page.get_by_test_id("pending-banner")).to_contain_text("espera a la moderación")


def test_a_blank_comment_is_required_not_too_short(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Comentario en blanco")
    sign_in(page, stack, CUSTOMER, next_path=f"/?idea={idea_id}")

    page.get_by_test_id("comment-submit").click()

    expect(page.get_by_test_id("comment-form").get_by_test_id("form-error")).to_have_text("Este campo es obligatorio.")


def test_follow_button_profile_kinds_and_the_unsubscribe_page(page: Page, stack: Stack) -> None:
    token = stack.token_of(CUSTOMER)
    idea_id = stack.idea("Avisos de la caldera")
    sign_in(page, stack, CUSTOMER, next_path=f"/?idea={idea_id}")
    follow = page.get_by_test_id("follow-button")
    expect(follow).to_have_text("Seguir")

    follow.click()
    expect(follow).to_have_text("Dejar de seguir")
    expect(follow).to_have_attribute("aria-pressed", "true")
    assert stack.get(f"/ideas/{idea_id}", token)["following"] is True
    follow.click()
    expect(follow).to_have_text("Seguir")
    assert stack.get(f"/ideas/{idea_id}", token)["following"] is False

    link = UnsubscribeTokens(cursor_secret()).issue(CUSTOMER, "merges")
    page.goto(stack.url(f"/?view=unsubscribe&token={quote(link)}"))
    page.get_by_test_id("unsubscribe-confirm").click()
    expect(page.get_by_test_id("unsubscribe-result")).to_contain_text("Una idea se ha unido a otra")
    assert stack.get("/me", token)["notifications"]["merges"] is False

    page.goto(stack.url("/?view=profile"))
    ready(page)
    merges = page.get_by_test_id("profile-notify-merges")
    expect(merges).not_to_be_checked()
    expect(page.get_by_test_id("profile-notify-updates")).to_be_checked()
    merges.check()
    page.get_by_test_id("profile-submit").click()
    expect(page.get_by_test_id("profile-notify-merges")).to_be_checked()
    assert all(stack.get("/me", token)["notifications"].values())

    page.goto(stack.url(f"/?view=unsubscribe&token={quote(link[:-3])}xyz"))
    page.get_by_test_id("unsubscribe-confirm").click()
    expect(page.get_by_test_id("unsubscribe-result")).to_contain_text("no es válido")
