"""The product team's and marketing's paths: status and official answer, merge, history, topics,
alerts, reports, segments with their members and CSV."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.web.conftest import MARKETING, PRODUCT, Stack, ready, screenshot, sign_in
from tests.web.fakes import CSV, serve_fakes


def test_the_product_team_answers_an_idea_and_sees_its_history(page: Page, stack: Stack) -> None:
    idea_id = stack.idea("Programar escenas por horario", votes=2)
    sign_in(page, stack, PRODUCT, next_path=f"/?idea={idea_id}")

    page.get_by_test_id("status-select").select_option("planned")
    page.get_by_test_id("response-body").fill("Lo haremos en la versión de primavera.")
    page.get_by_test_id("answer-submit").click()

    expect(page.locator(".official")).to_contain_text("Lo haremos en la versión de primavera.")
    expect(page.locator(".facts")).to_contain_text("Planificada")
    idea = stack.get(f"/ideas/{idea_id}")
    assert idea["status"] == "planned"
    assert idea["response"]["body"] == "Lo haremos en la versión de primavera."
    screenshot(page, "idea-product-team")

    page.get_by_test_id("history-link").click()
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Historial")
    events = page.get_by_test_id("history-event")
    expect(events.filter(has_text="Respuesta oficial")).to_have_count(1)
    expect(events.filter(has_text="Creada")).to_have_count(1)
    screenshot(page, "history")


def test_the_product_team_merges_a_duplicate_keeping_every_voter(page: Page, stack: Stack) -> None:
    target = stack.idea("Abrir la puerta del garaje desde la app", votes=2)
    duplicate = stack.idea("Controlar el garaje con el móvil", votes=3)
    sign_in(page, stack, PRODUCT, next_path=f"/?idea={duplicate}")

    page.get_by_test_id("merge-target").select_option(target)
    page.get_by_test_id("merge-submit").click()

    expect(page).to_have_url(re.compile(f"idea={target}"))
    expect(page.get_by_test_id("idea-title")).to_have_text("Abrir la puerta del garaje desde la app")
    expect(page.get_by_test_id("vote-count")).to_have_text("3")  # the same three authors voted on both
    assert stack.get(f"/ideas/{duplicate}")["status"] == "merged"


def test_team_pages_light_up_with_topics_alerts_and_reports(page: Page, stack: Stack) -> None:
    fakes = serve_fakes(page, stack)
    sign_in(page, stack, PRODUCT)

    # The topics overview itself is tested in test_topics_page.py; a topic's own page here.
    page.goto(stack.url("/?topic=topic-dark"))
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Modo oscuro")
    expect(page.get_by_test_id("idea-card")).to_have_count(len(fakes["ideas"]))

    page.get_by_role("link", name="Alertas").click()
    ready(page)
    expect(page.get_by_test_id("alert-card")).to_contain_text("se triplicaron")
    expect(page.get_by_test_id("alert-card")).to_contain_text("Reacción negativa")
    screenshot(page, "alerts")

    page.get_by_role("link", name="Informes").click()
    ready(page)
    expect(page.get_by_test_id("report-stat").first).to_contain_text("12.345")  # Spanish digit grouping
    expect(page.locator("svg.chart")).to_have_count(2)
    expect(page.locator(".stats")).to_contain_text("1,3 días")  # 30 hours, in the largest sensible unit
    screenshot(page, "reports")


def test_team_pages_show_what_the_api_serves_or_a_clear_empty_state(page: Page, stack: Stack) -> None:
    sign_in(page, stack, PRODUCT)
    for view, heading in (("topics", "Temas"), ("alerts", "Alertas"), ("reports", "Informe de actividad")):
        page.goto(stack.url(f"/?view={view}"))
        ready(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        content = page.locator("[data-testid=theme-card], [data-testid=alert-card], [data-testid=report-stat]")
        expect(content.or_(page.get_by_test_id("empty-state")).first).to_be_visible()


def test_marketing_sees_segments_members_and_downloads_the_csv(page: Page, stack: Stack) -> None:
    serve_fakes(page, stack)
    sign_in(page, stack, MARKETING)

    page.get_by_role("link", name="Segmentos").click()
    ready(page)
    cards = page.get_by_test_id("segment-card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("14 clientes")
    expect(page.locator("svg.chart")).to_have_attribute("aria-label", re.compile("Fans del modo oscuro: 14"))
    screenshot(page, "segments")

    cards.first.get_by_role("link").click()
    ready(page)
    rows = page.get_by_test_id("members-table").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("ana@example.com")
    screenshot(page, "segment-members")

    with page.expect_download() as download_info:
        page.get_by_test_id("csv-download").click()
    download = download_info.value
    assert download.suggested_filename == "segment-seg-dark.csv"
    assert download.path().read_text(encoding="utf-8") == CSV


def test_marketing_pages_show_what_the_api_serves_or_a_clear_empty_state(page: Page, stack: Stack) -> None:
    sign_in(page, stack, MARKETING)
    page.goto(stack.url("/?view=segments"))
    ready(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Segmentos")
    expect(page.get_by_test_id("segment-card").or_(page.get_by_test_id("empty-state")).first).to_be_visible()


def test_a_customer_is_told_team_pages_are_not_for_them(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "demo-emily")
    page.goto(stack.url("/?view=segments"))

    expect(page.get_by_test_id("empty-state")).to_contain_text("Esta página no es para tu rol")
    expect(page.get_by_role("link", name="Segmentos")).to_have_count(0)
