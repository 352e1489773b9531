"""The product team's topics page in Chromium, against the real nightly run over the demo data
(``nightly_run``): emerging topics first, the themes x phases heat map whose cells open a theme in
one phase, themes with their topics, and the "not grouped yet" bucket last; in Spanish, English
and Portuguese.

Nothing is faked: the page is read against what the served API answers the demo product user
for the same requests (``GET /topics?level=theme&product=``, ``GET /topics?product=``, and the
board's ideas of each topic in a phase), for the demo product with the most themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import PRODUCT, Stack, axe_violations, open_context, ready, screenshot, sign_in

PHASES = ("design", "development", "testing", "provision", "installation", "modification")

# The page's texts (web/assets/{es,en,pt}.json), as the page fills them in.
TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "title": "Temas",
        "heatmap": "Temas por fase",
        "emerging": "Emergente",
        "growth": "+{ideas} ideas, +{votes} votos desde la última ejecución",
        "stats": "{ideas} ideas · {votes} votos",
        "ideas.one": "{count} idea",
        "ideas.other": "{count} ideas",
        "votes.one": "{count} voto",
        "votes.other": "{count} votos",
        "ungrouped.one": "{count} idea aún sin agrupar",
        "ungrouped.other": "{count} ideas aún sin agrupar",
        "in_phase": "{theme} en {phase}",
        "open_board": "Ver en el tablero",
        "design": "Diseño",
        "development": "Desarrollo",
        "testing": "Pruebas",
        "provision": "Aprovisionamiento",
        "installation": "Instalación",
        "modification": "Modificación",
    },
    "en": {
        "title": "Topics",
        "heatmap": "Themes by phase",
        "growth": "+{ideas} ideas, +{votes} votes since the last run",
        "ideas.one": "{count} idea",
        "ideas.other": "{count} ideas",
        "votes.one": "{count} vote",
        "votes.other": "{count} votes",
        "ungrouped.one": "{count} idea not grouped yet",
        "ungrouped.other": "{count} ideas not grouped yet",
        "design": "Design",
        "development": "Development",
        "testing": "Testing",
        "provision": "Provision",
        "installation": "Installation",
        "modification": "Modification",
    },
    "pt": {
        "title": "Temas",
        "heatmap": "Temas por fase",
        "growth": "+{ideas} ideias, +{votes} votos desde a última execução",
        "ideas.one": "{count} ideia",
        "ideas.other": "{count} ideias",
        "votes.one": "{count} voto",
        "votes.other": "{count} votos",
        "ungrouped.one": "{count} ideia ainda não agrupada",
        "ungrouped.other": "{count} ideias ainda não agrupadas",
        "design": "Design",
        "development": "Desenvolvimento",
        "testing": "Testes",
        "provision": "Provisionamento",
        "installation": "Instalação",
        "modification": "Modificação",
    },
}


class Words:
    """The page's texts in the page's current language, numbers formatted by the browser's Intl
    as the page does; plurals by the rule the three languages share."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.language = page.locator("html").get_attribute("lang") or "es"
        self.texts = TEXTS[self.language]

    def number(self, value: int) -> str:
        formatted: str = self.page.evaluate(
            "n => new Intl.NumberFormat(document.documentElement.lang).format(n)", value
        )
        return formatted

    def __call__(self, key: str, **params: int | str) -> str:
        if key not in self.texts:
            count = params["count"]
            assert isinstance(count, int)
            # es, en and pt alike: "one" for 1 only ("0 ideias", not CLDR Brazil's "0 ideia").
            form = "one" if count == 1 else "other"
            key = f"{key}.{form}" if f"{key}.{form}" in self.texts else f"{key}.other"
        return self.texts[key].format(
            **{name: self.number(value) if isinstance(value, int) else value for name, value in params.items()}
        )

    def cell_name(self, theme: dict[str, Any], phase: str) -> str:
        """A heat-map cell's accessible name: theme and phase first, then the visible figures."""
        ideas = self("ideas", count=theme["phases"][phase])
        votes = self("votes", count=theme["phase_votes"][phase])
        return f"{theme['label']}, {self(phase)}: {ideas} {votes}"


@dataclass
class Served:
    """What the served API answers the demo product user for the page's own requests."""

    product: str
    themes: dict[str, Any]  # GET /topics?level=theme&product=
    topics: dict[str, Any]  # GET /topics?product=
    token: str

    @property
    def path(self) -> str:
        return f"/?view=topics&product={self.product}"


@pytest.fixture(scope="module")
def served(stack: Stack, nightly_run: dict[str, Any]) -> Served:
    """The demo product with the most themes in the nightly run, and its topics as served."""
    token = stack.token_of(PRODUCT)
    products = [product["slug"] for product in stack.get("/products?limit=100", token)["items"]]
    listings = {slug: stack.get(f"/topics?level=theme&product={slug}", token) for slug in products}
    product = max(products, key=lambda slug: len(listings[slug]["items"]))
    themes = listings[product]
    assert themes["items"], "the nightly run over the demo data found themes"
    assert themes["run"]["id"] == nightly_run["id"]
    return Served(product, themes, stack.get(f"/topics?product={product}", token), token)


def screenshot_settled(page: Page, name: str) -> None:
    """A screenshot once the sign-in's welcome toast has gone. A gone toast only slides below the
    viewport, where a full-page screenshot still draws it over the heat map: emptied, it is not
    drawn (``.toast:empty``)."""
    expect(page.locator("#toast")).not_to_have_class(re.compile(r"\bvisible\b"))
    page.evaluate("document.getElementById('toast').replaceChildren()")
    screenshot(page, name)


def expect_heat_map(page: Page, served: Served) -> None:
    """One row per theme, in the API's order, and a cell per phase named by the API's figures."""
    words = Words(page)
    rows = page.get_by_test_id("heatmap").locator("tbody tr")
    expect(rows.locator("th")).to_have_text([theme["label"] for theme in served.themes["items"]])
    for row, theme in zip(rows.all(), served.themes["items"], strict=True):
        cells = row.locator("td")
        expect(cells).to_have_count(len(PHASES))
        busy = [phase for phase in PHASES if theme["phases"][phase]]
        expect(row.get_by_test_id("heat-cell")).to_have_count(len(busy))
        for phase, cell in zip(busy, row.get_by_test_id("heat-cell").all(), strict=True):
            expect(cell).to_have_accessible_name(words.cell_name(theme, phase))
        for index, phase in enumerate(PHASES):
            if not theme["phases"][phase]:
                expect(cells.nth(index)).to_have_text(re.compile(re.escape(words("ideas", count=0))))


def test_the_topics_page_leads_with_emerging_topics_then_heat_map_themes_and_the_ungrouped(
    page: Page, stack: Stack, served: Served
) -> None:
    sign_in(page, stack, PRODUCT, next_path=served.path)
    ready(page)
    words = Words(page)
    themes, topics = served.themes["items"], served.topics["items"]

    expect(page.get_by_role("heading", level=1)).to_have_text("Temas")
    expect(page.locator("main").get_by_label("Producto", exact=True)).to_have_value(served.product)
    emerging = [topic for topic in topics if topic["emerging"]]
    listed = page.get_by_test_id("emerging-topic")
    expect(listed).to_have_count(len(emerging))
    for item, topic in zip(listed.all(), emerging, strict=True):
        expect(item.get_by_role("link")).to_have_text(topic["label"])
        growth = words("growth", ideas=topic["trend"]["size_delta"], votes=topic["trend"]["votes_delta"])
        # Its theme after it, unless the theme is named like the topic (a theme of one topic).
        theme = topic["theme"]["label"] if topic["theme"] else topic["label"]
        expect(item).to_have_text(f"{topic['label']} {growth}" + (f" · {theme}" if theme != topic["label"] else ""))
    if not emerging:
        expect(page.get_by_test_id("emerging-list")).to_have_count(0)

    expect_heat_map(page, served)

    cards = page.get_by_test_id("theme-card")
    expect(cards.locator("h2 a")).to_have_text([theme["label"] for theme in themes])
    for card, theme in zip(cards.all(), themes, strict=True):
        expect(card.get_by_text("Emergente", exact=True)).to_have_count(1 if theme["emerging"] else 0)
        expect(card).to_contain_text(words("stats", ideas=theme["size"], votes=theme["vote_total"]))
        expect(card.get_by_test_id("theme-topic")).to_have_text(
            [f"{topic['label']} {words.number(topic['size'])}" for topic in theme["topics"]]
        )

    # The sections in reading order: emerging (if any) first, the not-grouped bucket last, with its size.
    order = page.locator(
        "[data-testid=emerging-list], [data-testid=heatmap], [data-testid=theme-card], [data-testid=ungrouped]"
    )
    expect(order.first).to_have_attribute("data-testid", "emerging-list" if emerging else "heatmap")
    expect(order.last).to_have_attribute("data-testid", "ungrouped")
    expect(page.get_by_test_id("ungrouped").get_by_role("heading")).to_have_text(
        words("ungrouped", count=served.topics["ungrouped"])
    )
    assert served.themes["ungrouped"] == served.topics["ungrouped"], "both listings count the same product"
    screenshot_settled(page, "topics-themes")

    # The cell whose theme has the most topics in that phase: that theme in that phase, with the
    # board's ideas of each of those topics there.
    by_phase = {
        phase: stack.get(f"/topics?product={served.product}&phase={phase}", served.token)["items"] for phase in PHASES
    }
    cells = [
        (theme, phase, [topic for topic in by_phase[phase] if (topic["theme"] or {}).get("id") == theme["id"]])
        for theme in themes
        for phase in PHASES
        if theme["phases"][phase]
    ]
    theme, phase, mine = max(cells, key=lambda cell: len(cell[2]))
    # What the cell counts is what the theme's topics hold in that phase.
    assert sum(topic["phases"][phase] for topic in mine) == theme["phases"][phase], (theme, mine)
    page.get_by_role("link", name=words.cell_name(theme, phase), exact=True).click()
    ready(page)
    expect(page).to_have_url(re.compile(f"theme={theme['id']}.*phase={phase}|phase={phase}.*theme={theme['id']}"))
    heading = words("in_phase", theme=theme["label"], phase=words(phase))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    sections = page.get_by_test_id("theme-section")
    expect(sections.locator("h3 a")).to_have_text([topic["label"] for topic in mine])
    for section, topic in zip(sections.all(), mine, strict=True):
        query = {"product": served.product, "phase": phase, "topic": topic["id"]}
        expect(section.get_by_role("link", name=words("open_board"))).to_have_attribute("href", f"/?{urlencode(query)}")
        ideas = stack.get(f"/ideas?{urlencode({**query, 'sort': 'top', 'limit': 20})}", served.token)["items"]
        assert ideas, f"{topic['label']} counts {topic['phases'][phase]} ideas in {phase}"
        expect(section.get_by_test_id("idea-title")).to_have_text([idea["title"] for idea in ideas])
    screenshot_settled(page, "topics-theme-phase")


def test_the_topics_page_speaks_english_and_portuguese(page: Page, stack: Stack, served: Served) -> None:
    sign_in(page, stack, PRODUCT, next_path=served.path)
    for language in ("en", "pt"):
        page.get_by_test_id("lang-switch").select_option(language)
        ready(page)
        expect(page.locator("html")).to_have_attribute("lang", language)
        words = Words(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(words("title"))
        expect(page.get_by_role("heading", name=words("heatmap"))).to_be_visible()
        expect(page.get_by_test_id("ungrouped").get_by_role("heading")).to_have_text(
            words("ungrouped", count=served.topics["ungrouped"])
        )
        emerging = [topic for topic in served.topics["items"] if topic["emerging"]]
        if emerging:
            trend = emerging[0]["trend"]
            expect(page.get_by_test_id("emerging-topic").first).to_contain_text(
                words("growth", ideas=trend["size_delta"], votes=trend["votes_delta"])
            )
        expect_heat_map(page, served)
        screenshot_settled(page, f"topics-themes-{language}")
    page.get_by_test_id("lang-switch").select_option("es")
    ready(page)


def test_the_topics_page_has_no_serious_accessibility_violation(browser: Browser, stack: Stack, served: Served) -> None:
    context = open_context(browser, bypass_csp=True)  # axe-core is injected as an inline script
    try:
        page = context.new_page()
        sign_in(page, stack, PRODUCT, next_path=served.path)
        ready(page)
        expect(page.get_by_test_id("heatmap")).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()
