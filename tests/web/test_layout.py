"""Layout on a laptop (1280x800) and a phone (390x844): a compact header with a menu on the
phone whatever the role, the vote button in the first screen of an idea, chart text that stays
readable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.conftest import (
    ADMIN,
    CUSTOMER,
    PHONE,
    PRODUCT,
    VIEWPORT,
    PageProblems,
    Stack,
    open_context,
    ready,
    sign_in,
)

HEADER_LIMIT = 64  # px: the pinned header on a phone
SIZES = {"laptop": VIEWPORT, "phone": PHONE}


@pytest.fixture(params=list(SIZES))
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    context = open_context(browser, viewport=SIZES[request.param])
    tab = context.new_page()
    problems = PageProblems()
    tab.on("pageerror", problems.page_error)
    try:
        yield request.param, tab
    finally:
        context.close()
    assert problems.messages == []


def header_height(page: Page) -> float:
    box = page.locator("header.topbar").bounding_box()
    assert box is not None
    return box["height"]


@pytest.mark.parametrize("user", [None, CUSTOMER, ADMIN])
def test_the_header_is_one_compact_row_on_a_phone_whatever_the_role(
    sized_page: tuple[str, Page], stack: Stack, user: str | None
) -> None:
    size, page = sized_page
    if user:
        sign_in(page, stack, user)
    else:
        page.goto(stack.url("/"))
    ready(page)
    menu = page.get_by_test_id("menu-button")
    boards = page.get_by_role("link", name="Tableros", exact=True)
    if size == "laptop":
        expect(menu).to_be_hidden()
        expect(boards).to_be_visible()
        return
    assert header_height(page) < HEADER_LIMIT
    expect(boards).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(boards).to_be_visible()
    assert header_height(page) < HEADER_LIMIT  # the menu opens below the header, not inside it
    account = page.get_by_test_id("sign-out") if user else page.get_by_test_id("sign-in")
    expect(account).to_be_visible()
    if user:  # "Sign out" fits on one line
        box = account.bounding_box()
        assert box is not None and box["height"] < 48
    page.keyboard.press("Escape")
    expect(boards).to_be_hidden()
    expect(menu).to_be_focused()

    menu.click()
    page.get_by_role("link", name="Tableros", exact=True).click()
    ready(page)
    expect(menu).to_have_attribute("aria-expanded", "false")  # navigating closes the menu


def test_the_vote_button_is_beside_the_title_in_the_first_screen(sized_page: tuple[str, Page], stack: Stack) -> None:
    _, page = sized_page
    idea_id = stack.idea("Una idea con muchos comentarios", body="Un cuerpo largo. " * 40)
    for number in range(8):
        stack.comment(idea_id, f"Comentario número {number}: " + "bla " * 30)
    page.goto(stack.url(f"/?idea={idea_id}"))
    ready(page)

    vote = page.get_by_test_id("vote-button")
    title = page.get_by_role("heading", level=1)
    expect(vote).to_be_visible()
    vote_box, title_box = vote.bounding_box(), title.bounding_box()
    viewport: ViewportSize | None = page.viewport_size
    assert vote_box and title_box and viewport
    assert vote_box["y"] + vote_box["height"] <= viewport["height"], "the vote button is in the first screen"
    assert vote_box["y"] < title_box["y"] + title_box["height"], "beside the title, not below it"


def test_chart_text_is_at_least_12_px(sized_page: tuple[str, Page], stack: Stack) -> None:
    _, page = sized_page
    sign_in(page, stack, PRODUCT)
    page.goto(stack.url("/?view=reports"))
    ready(page)
    expect(page.locator("svg.chart").first).to_be_visible()

    sizes: list[float] = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')].map((text) => {
            const svg = text.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(text).fontSize) * scale;
        })"""
    )
    assert sizes and min(sizes) >= 12, sizes
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "nothing is wider than the screen"
