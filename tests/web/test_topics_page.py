"""The product team's topics page in Chromium: emerging topics first, the themes x phases heat map
whose cells open a theme in one phase, themes with their topics, and the "not grouped yet" bucket
last; in Spanish, English and Portuguese.

The topics answers are pinned in the contract's shapes (the nightly job that produces them is
tested against DynamoDB Local in tests/topics); the ideas of a topic in a phase come from the
served API, so the last step shows real ideas of this run's board.
"""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Browser, Page, Route, expect

from tests.web.conftest import PRODUCT, Stack, axe_violations, open_context, ready, screenshot, sign_in

RUN = {"id": "run-2026-11-24", "finished_at": "2026-11-24T03:00:00Z", "idea_count": 40}
PHASE_COUNTS = {"design": 6, "development": 0, "testing": 0, "provision": 0, "installation": 3, "modification": 0}


Ref = dict[str, Any]


def item(item_id: str, label: str, size: int, *, emerging: bool = False, theme: Ref | None = None,
         topics: list[Ref] | None = None, ideas: list[Ref] | None = None) -> Ref:  # fmt: skip
    body: dict[str, Any] = {
        "id": item_id,
        "label": label,
        "keywords": label.lower().split()[:3],
        "size": size,
        "vote_total": size * 2,
        "trend": {"size_delta": 5 if emerging else 0, "votes_delta": 7 if emerging else 0},
        "phases": {phase: count * size // 9 for phase, count in PHASE_COUNTS.items()},
        "phase_votes": {phase: count * size // 4 for phase, count in PHASE_COUNTS.items()},
        "representative_ideas": [{"id": idea["id"], "title": idea["title"]} for idea in (ideas or [])[:2]],
        "theme": theme,
        "emerging": emerging,
    }
    if topics is not None:
        body["topics"] = topics
    return body


def serve_topics(page: Page, stack: Stack) -> dict[str, Any]:
    ideas = stack.get(f"/ideas?product={stack.product}&limit=5")["items"]
    screen = {"id": "theme-screen", "label": "Pantalla y modo oscuro"}
    fitting = {"id": "theme-fitting", "label": "Instalación sin herramientas"}
    topics = [
        item("topic-dark", "Modo oscuro en la aplicación", 9, emerging=True, theme=screen, ideas=ideas),
        item("topic-export", "Exportar el consumo a CSV", 4, theme=screen, ideas=ideas[1:]),
        item("topic-install", "Instalación sin herramientas", 3, theme=fitting, ideas=ideas[2:]),
    ]
    refs = [{"id": t["id"], "label": t["label"], "size": t["size"]} for t in topics]
    themes = [
        item(screen["id"], screen["label"], 13, emerging=True, topics=refs[:2]),
        item(fitting["id"], fitting["label"], 3, topics=refs[2:]),
    ]

    def listing(route: Route) -> None:
        url = route.request.url
        items = (
            themes
            if "level=theme" in url
            else [t for t in topics if "phase=design" not in url or t["id"] != "topic-install"]
        )
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps({"run": RUN, "items": items, "ungrouped": 7}))  # fmt: skip

    def one(route: Route) -> None:
        theme = next(t for t in themes if t["id"] in route.request.url)
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps({**theme, "ideas": [], "next_cursor": None}))  # fmt: skip

    def ideas_of_topic(route: Route) -> None:
        # The board's ideas of a topic: this run's real ideas stand in for the topic's members.
        route.fulfill(
            status=200, content_type="application/json", body=json.dumps({"items": ideas[:2], "next_cursor": None})
        )

    page.route(re.compile(r"/topics(\?.*)?$"), listing)
    page.route(re.compile(r"/topics/theme-[a-z]+(\?.*)?$"), one)
    page.route(re.compile(r"/ideas\?.*topic=topic-"), ideas_of_topic)
    return {"topics": topics, "themes": themes, "ideas": ideas}


def test_the_topics_page_leads_with_emerging_topics_then_heat_map_themes_and_the_ungrouped(
    page: Page, stack: Stack
) -> None:
    served = serve_topics(page, stack)
    sign_in(page, stack, PRODUCT, next_path=f"/?view=topics&product={stack.product}")
    ready(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Temas")
    emerging = page.get_by_test_id("emerging-topic")
    expect(emerging).to_have_count(1)
    expect(emerging).to_contain_text("Modo oscuro en la aplicación")
    expect(emerging).to_contain_text("+5 ideas, +7 votos")
    rows = page.get_by_test_id("heatmap").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("th")).to_have_text("Pantalla y modo oscuro")
    cards = page.get_by_test_id("theme-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("Emergente")
    expect(cards.first.get_by_test_id("theme-topic")).to_have_count(2)
    # The sections in reading order: emerging first, the not-grouped bucket last, with its size.
    order = page.locator(
        "[data-testid=emerging-list], [data-testid=heatmap], [data-testid=theme-card], [data-testid=ungrouped]"
    )
    expect(order.first).to_have_attribute("data-testid", "emerging-list")
    expect(order.last).to_have_attribute("data-testid", "ungrouped")
    expect(page.get_by_test_id("ungrouped")).to_contain_text("7 ideas aún sin agrupar")
    screenshot(page, "topics-themes")

    # A cell: the theme "Pantalla y modo oscuro" in design, with the ideas of its topics there.
    cell = rows.first.get_by_test_id("heat-cell").first
    expect(cell).to_have_accessible_name("Pantalla y modo oscuro, Diseño: 8 ideas 19 votos")
    cell.click()
    ready(page)
    expect(page).to_have_url(re.compile(r"theme=theme-screen.*phase=design|phase=design.*theme=theme-screen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pantalla y modo oscuro en Diseño")
    sections = page.get_by_test_id("theme-section")
    expect(sections).to_have_count(2)
    expect(sections.first.get_by_test_id("idea-card")).to_have_count(2)
    expect(sections.first.get_by_role("link", name="Ver en el tablero")).to_have_attribute(
        "href", re.compile(f"product={stack.product}.*phase=design.*topic=topic-dark")
    )
    assert served["ideas"][0]["title"] in sections.first.inner_text()
    screenshot(page, "topics-theme-phase")


def test_the_topics_page_speaks_english_and_portuguese(page: Page, stack: Stack) -> None:
    serve_topics(page, stack)
    sign_in(page, stack, PRODUCT, next_path=f"/?view=topics&product={stack.product}")
    for language, heading, bucket, heat in (
        ("en", "Topics", "7 ideas not grouped yet", "Themes by phase"),
        ("pt", "Temas", "7 ideias ainda não agrupadas", "Temas por fase"),
    ):
        page.get_by_test_id("lang-switch").select_option(language)
        ready(page)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_test_id("ungrouped")).to_contain_text(bucket)
        expect(page.get_by_role("heading", name=heat)).to_be_visible()
    page.get_by_test_id("lang-switch").select_option("es")


def test_the_topics_page_has_no_serious_accessibility_violation(browser: Browser, stack: Stack) -> None:
    context = open_context(browser, bypass_csp=True)  # axe-core is injected as an inline script
    try:
        page = context.new_page()
        serve_topics(page, stack)
        sign_in(page, stack, PRODUCT, next_path=f"/?view=topics&product={stack.product}")
        ready(page)
        expect(page.get_by_test_id("heatmap")).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()
