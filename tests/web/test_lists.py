"""The one list component of the portal (web/assets/list.js) and the one route table
(web/assets/routes.js): paged lists show each item once and stop at the end; an address that
leads nowhere is "not found"."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.support import http_call
from tests.web.conftest import Stack, ready

PAGE_SIZE = 20  # the board's page size (pages-customer.js)


def new_board(stack: Stack, name: str) -> str:
    slug = f"list-{uuid.uuid4().hex[:8]}"
    reply = http_call(stack.base_url, "POST", "/products", stack.team.token, {"slug": slug, "name": name})
    assert reply.status == 201, reply.body
    return slug


def test_a_list_longer_than_a_page_loads_each_item_once_and_stops_at_the_end(page: Page, stack: Stack) -> None:
    slug = new_board(stack, "Tablero largo")
    author = stack.authors[0]
    for number in range(PAGE_SIZE + 5):
        body = {"title": f"Idea larga número {number}", "product": slug, "phase": "testing"}
        assert http_call(stack.base_url, "POST", "/ideas", author.token, body).status == 201

    page.goto(stack.url(f"/?product={slug}&phase=testing&sort=new"))
    cards = page.get_by_test_id("idea-card")
    expect(cards).to_have_count(PAGE_SIZE)
    more = page.get_by_test_id("load-more")
    expect(more).to_be_visible()

    more.click()

    expect(cards).to_have_count(PAGE_SIZE + 5)
    ids = cards.evaluate_all("cards => cards.map(card => card.dataset.ideaId)")
    assert len(set(ids)) == PAGE_SIZE + 5, "every idea is shown exactly once"
    expect(more).to_be_hidden()  # the API said next_cursor: null
    titles = page.get_by_test_id("idea-title").all_inner_texts()
    assert titles[0] == f"Idea larga número {PAGE_SIZE + 4}" and titles[-1] == "Idea larga número 0"


def test_a_short_list_offers_no_more_and_an_empty_one_says_so(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Tres comentarios, ni uno más")
    for number in range(3):
        stack.comment(idea_id, f"Comentario {number}")

    page.goto(stack.url(f"/?idea={idea_id}"))

    expect(page.get_by_test_id("comment")).to_have_count(3)
    expect(page.get_by_test_id("load-more")).to_be_hidden()
    # The hidden button takes no room: `hidden` wins over the .button rule that sets `display`.
    assert page.get_by_test_id("load-more").evaluate("el => getComputedStyle(el).display") == "none"

    slug = new_board(stack, "Tablero vacío")
    page.goto(stack.url(f"/?product={slug}&phase=design"))
    expect(page.get_by_test_id("empty-state")).to_be_visible()
    expect(page.get_by_test_id("idea-card")).to_have_count(0)
    expect(page.get_by_test_id("load-more")).to_have_count(0)


def test_an_address_that_leads_nowhere_is_not_found(page: Page, stack: Stack) -> None:
    # The last two: paths the portal does not have, served its page as CloudFront does in AWS.
    for path in ("/?view=no-such-page", "/?topic=no-such-topic", "/no/such/page", "/ideas-old-link?idea=x"):
        page.goto(stack.url(path))
        ready(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")
        expect(page.get_by_role("link", name="Tableros").last).to_be_visible()


def test_a_board_link_with_a_topic_filter_is_the_board_not_the_topic(page: Page, stack: Stack) -> None:
    # routes.js: without a view, a board (product) takes precedence over a topic.
    page.goto(stack.url(f"/?product={stack.product}&phase=design&topic=anything"))
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Portal Hogar")
    expect(page.get_by_role("tab")).to_have_count(6)


def test_the_sign_in_page_asks_for_nothing_that_fails(page: Page, stack: Stack) -> None:
    failed: list[str] = []
    page.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )

    page.goto(stack.url("/?view=signin"))

    expect(page.get_by_test_id("user-picker")).to_be_visible()  # the local stage's picker, not the hosted UI
    assert failed == []
