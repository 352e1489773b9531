"""The product team's and marketing's paths: status and official answer, merge, history, topics,
alerts, reports, segments with their members and CSV, the customer's feed. The pages of the
nightly job's results are driven against a real nightly run over the demo data (``nightly_run``)."""

from __future__ import annotations

import re
import urllib.request
from typing import Any

from playwright.sync_api import Page, expect

from tests.support import http_call
from tests.web.conftest import CUSTOMER, MARKETING, PRODUCT, Stack, ready, screenshot, sign_in


def http_call_raw(url: str, token: str) -> bytes:
    request = urllib.request.Request(url, headers={"authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body: bytes = response.read()
        return body


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
    # Field names and statuses in the reader's language, never the stored keys.
    status_change = events.filter(has_text="Cambio de estado")
    expect(status_change.locator("dt")).to_have_text(["Estado"])
    expect(status_change.locator("dd")).to_contain_text("Abierta")
    expect(status_change.locator("dd")).to_contain_text("Planificada")
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


def test_topics_alerts_and_reports_show_what_the_nightly_run_published(
    page: Page, stack: Stack, nightly_run: dict[str, Any]
) -> None:
    token = stack.token_of(PRODUCT)
    topics = stack.get("/topics", token)["items"]
    assert topics, "the nightly run over the demo data found topics"
    largest = max(topics, key=lambda topic: topic["size"])
    sign_in(page, stack, PRODUCT)

    # The topics overview (themes, heat map, emerging) is tested in test_topics_page.py; here the
    # largest topic's own page against what the API serves.
    page.goto(stack.url(f"/?topic={largest['id']}"))
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(largest["label"])
    first_page = stack.get(f"/topics/{largest['id']}?limit=20", token)
    expect(page.get_by_test_id("idea-card")).to_have_count(len(first_page["ideas"]))
    expect(page.get_by_test_id("idea-title").first).to_have_text(first_page["ideas"][0]["title"])

    page.get_by_role("link", name="Alertas").click()
    ready(page)
    alerts = stack.get("/alerts?limit=20", token)["items"]
    if alerts:
        expect(page.get_by_test_id("alert-card")).to_have_count(len(alerts))
        expect(page.get_by_test_id("alert-card").first).to_contain_text(alerts[0]["message"])
    else:
        expect(page.get_by_test_id("empty-state")).to_contain_text("Sin alertas")
    screenshot(page, "alerts")

    page.get_by_role("link", name="Informes").click()
    ready(page)
    stats = page.get_by_test_id("report-stat")
    expect(stats.first).to_be_visible()
    period = re.search(r"from=([\d-]+)&to=([\d-]+)", page.evaluate("location.search") or "")
    summary = stack.get(f"/reports/summary?from={period[1]}&to={period[2]}" if period else "/reports/summary", token)
    shown = {text.split("\n")[0]: text.split("\n")[-1] for text in stats.all_inner_texts()}
    assert shown["Ideas"].replace(".", "") == str(summary["ideas"]), (shown, summary)
    expect(page.locator("svg.chart")).to_have_count(2)
    screenshot(page, "reports")


def test_marketing_sees_segments_members_and_downloads_the_csv(
    page: Page, stack: Stack, nightly_run: dict[str, Any]
) -> None:
    # Signed in first: the portal sets the profile's language to Spanish, and the API names
    # segments in the reader's language, so the reads below see what the page shows.
    sign_in(page, stack, MARKETING)
    token = stack.token_of(MARKETING)
    segments = stack.get("/segments", token)["items"]
    assert segments, "the nightly run over the demo data published segments"
    with_members = next(segment for segment in segments if segment["size"])

    page.get_by_role("link", name="Segmentos").click()
    ready(page)
    cards = page.get_by_test_id("segment-card")
    expect(cards).to_have_count(len(segments))
    expect(page.locator("svg.chart")).to_have_attribute(
        "aria-label", re.compile(re.escape(f"{segments[0]['name']}: {segments[0]['size']}"))
    )
    screenshot(page, "segments")

    cards.locator(f"a[href*='segment={with_members['id']}']").first.click()
    ready(page)
    members = stack.get(f"/segments/{with_members['id']}/members?limit=50", token)["items"]
    rows = page.get_by_test_id("members-table").locator("tbody tr")
    expect(rows).to_have_count(len(members))
    expect(rows.first).to_contain_text(members[0]["email"])
    expect(rows.first.locator("td.num")).not_to_have_text("NaN")
    screenshot(page, "segment-members")

    with page.expect_download() as download_info:
        page.get_by_test_id("csv-download").click()
    download = download_info.value
    assert download.suggested_filename == f"segment-{with_members['id']}.csv"
    served = http_call_raw(stack.url(f"/segments/{with_members['id']}/members?format=csv"), token)
    assert download.path().read_bytes() == served


def test_for_you_shows_the_feed_the_nightly_run_picked(page: Page, stack: Stack, nightly_run: dict[str, Any]) -> None:
    feed = stack.get("/me/feed?limit=20", stack.token_of(CUSTOMER))["items"]
    sign_in(page, stack, CUSTOMER)

    page.get_by_role("link", name="Para ti").click()
    ready(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Para ti")
    expect(page.get_by_test_id("idea-title")).to_have_text([idea["title"] for idea in feed])
    # Board names in the portal's language, which the page asks for (Accept-Language: es).
    spanish = http_call(stack.base_url, "GET", "/products?limit=100", headers={"Accept-Language": "es"})
    names = {product["slug"]: product["name"] for product in spanish.body["items"]}
    expect(page.get_by_test_id("idea-product")).to_have_text([names[idea["product"]] for idea in feed])
    assert all(idea["author"]["id"] != CUSTOMER for idea in feed), "never the reader's own ideas"
    screenshot(page, "feed")


def test_a_period_that_ends_before_it_starts_is_a_form_error(page: Page, stack: Stack) -> None:
    sign_in(page, stack, PRODUCT)
    page.goto(stack.url("/?view=reports"))
    ready(page)

    page.get_by_test_id("report-from").fill("2026-11-20")
    page.get_by_test_id("report-to").fill("2026-11-01")
    page.get_by_role("button", name="Actualizar").click()

    expect(page.get_by_test_id("form-error")).to_have_text("La fecha de inicio no puede ser posterior a la de fin.")
    expect(page.get_by_test_id("report-from")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("report-stat").first).to_be_visible()  # the report stays

    page.goto(stack.url("/?view=reports&from=2026-11-20&to=2026-11-01"))  # a typed address
    ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Informe de actividad")
    expect(page.get_by_test_id("form-error")).to_be_visible()
    expect(page.get_by_test_id("report-from")).to_have_value("2026-11-20")


def test_a_customer_is_told_team_pages_are_not_for_them(page: Page, stack: Stack) -> None:
    sign_in(page, stack, "demo-emily")
    page.goto(stack.url("/?view=segments"))

    expect(page.get_by_test_id("empty-state")).to_contain_text("Esta página no es para tu rol")
    expect(page.get_by_role("link", name="Segmentos")).to_have_count(0)
