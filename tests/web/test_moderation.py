"""Moderators: hide and restore with a reason, hide a comment, work the queue, read the history."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support import http_call
from tests.web.conftest import MODERATOR, Stack, ready, screenshot, sign_in


def test_a_moderator_hides_and_restores_an_idea_with_a_reason(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Regalar centralitas a quien vote")
    comment_id = stack.comment(idea_id, "Compra seguidores aquí")
    sign_in(page, stack, MODERATOR, next_path=f"/?idea={idea_id}")

    page.get_by_test_id("hide-idea").click()
    expect(page.get_by_test_id("form-error")).to_be_visible()
    page.get_by_test_id("hide-reason").fill("Spam")
    page.get_by_test_id("hide-idea").click()

    expect(page.get_by_text("Esta idea está oculta al público.")).to_be_visible()
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}").status == 404
    screenshot(page, "idea-moderator")

    page.get_by_test_id("restore-idea").click()
    expect(page.get_by_test_id("hide-idea")).to_be_visible()
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}").status == 200

    comment = page.get_by_test_id("comment").filter(has_text="Compra seguidores aquí")
    comment.get_by_text("Moderar").click()
    comment.get_by_label("Motivo").fill("Publicidad")
    comment.get_by_role("button", name="Ocultar comentario").click()
    expect(page.get_by_test_id("comment").filter(has_text="Compra seguidores aquí")).to_have_count(0)
    expect(page.get_by_role("heading", name="0 comentarios")).to_be_visible()
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}").body["comment_count"] == 0
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}/comments").body["items"] == []

    page.get_by_test_id("history-link").click()
    ready(page)
    events = page.get_by_test_id("history-event")
    expect(events.filter(has_text="Ocultada")).to_contain_text("Motivo: Spam")
    expect(events.filter(has_text="Restaurada")).to_have_count(1)
    expect(page.locator(".changes dt", has_text="comment_id")).to_have_count(0)  # no internal ids

    # The hidden comment is restored from the history, where its hiding is recorded.
    events.filter(has_text="Comentario ocultado").get_by_test_id("restore-comment").click()
    expect(events.filter(has_text="Comentario ocultado")).to_contain_text("Restaurado")
    comments = http_call(stack.base_url, "GET", f"/ideas/{idea_id}/comments").body["items"]
    assert [comment["id"] for comment in comments] == [comment_id]


def test_the_queue_shows_held_items_and_approves_them(page: Page, stack: Stack) -> None:
    title = "Idea retenida: el técnico fue un idiota"
    idea_id = stack.idea(title)  # the moderation filter holds it
    moderator = stack.token_of(MODERATOR)
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}", moderator).body["status"] == "pending_moderation"
    sign_in(page, stack, MODERATOR)
    page.get_by_role("link", name="Moderación").click()
    ready(page)
    while page.get_by_test_id("load-more").is_visible():  # the queue may hold other tests' items
        page.get_by_test_id("load-more").click()

    item = page.get_by_test_id("queue-item").filter(has_text=title)
    expect(item).to_contain_text("Marcado:")
    screenshot(page, "queue")
    item.get_by_test_id("queue-restore").click()
    expect(page.get_by_text("Restaurado: vuelve a estar visible.").first).to_be_visible()
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}").status == 200


def test_the_served_queue_answers_with_items_or_an_empty_state(page: Page, stack: Stack) -> None:
    sign_in(page, stack, MODERATOR)
    page.goto(stack.url("/?view=queue"))
    ready(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Cola de moderación")
    expect(page.get_by_test_id("queue-item").or_(page.get_by_test_id("empty-state")).first).to_be_visible()


def test_hidden_items_are_found_again_and_restored_from_the_hidden_list(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Oculta y luego recuperada")
    moderator = stack.token_of(MODERATOR)
    assert http_call(stack.base_url, "POST", f"/ideas/{idea_id}/hide", moderator, {"reason": "Duplicada"}).status == 200
    sign_in(page, stack, MODERATOR)

    page.get_by_role("link", name="Ocultos").click()
    ready(page)
    item = page.get_by_test_id("hidden-item").filter(has_text="Oculta y luego recuperada")
    expect(item).to_contain_text("Motivo: Duplicada")
    expect(item).to_contain_text("Ocultado por")
    screenshot(page, "hidden")
    item.get_by_test_id("hidden-restore").click()

    expect(page.get_by_text("Restaurado: vuelve a estar visible.").first).to_be_visible()
    assert http_call(stack.base_url, "GET", f"/ideas/{idea_id}").status == 200
    page.reload()
    ready(page)
    expect(page.get_by_test_id("hidden-item").filter(has_text="Oculta y luego recuperada")).to_have_count(0)
