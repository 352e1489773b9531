"""Running the portal: the product team (and admins) create and edit boards; readers see no forms."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from chalicelib.local_issuer import LocalIssuer
from tests.support import http_call, new_user
from tests.web.conftest import ADMIN, CUSTOMER, PRODUCT, Stack, ready, screenshot, sign_in


def test_the_product_team_creates_and_edits_a_board(page: Page, stack: Stack) -> None:
    slug = f"cerradura-{uuid.uuid4().hex[:6]}"
    sign_in(page, stack, PRODUCT)
    form = page.get_by_test_id("new-product")
    form.get_by_text("Nuevo tablero").click()
    form.get_by_test_id("product-slug").fill("Con Mayúsculas")
    form.get_by_test_id("product-name").fill("Cerradura Conectada")
    form.get_by_test_id("product-submit").click()
    expect(form.get_by_test_id("form-error").first).to_be_visible()  # the slug's rule, inline
    screenshot(page, "new-product")

    form.get_by_test_id("product-slug").fill(slug)
    form.get_by_test_id("product-description").fill("Abre la puerta desde el móvil.")
    form.get_by_test_id("product-submit").click()

    expect(page).to_have_url(re.compile(f"product={slug}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cerradura Conectada")
    edit = page.get_by_test_id("edit-product")
    edit.get_by_text("Editar el tablero").click()
    edit.get_by_test_id("product-name").fill("Cerradura Conectada Pro")
    edit.get_by_test_id("product-submit").click()
    expect(edit.get_by_test_id("form-error")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cerradura Conectada Pro")
    stored = stack.get(f"/products/{slug}")
    assert (stored["name"], stored["description"]) == ("Cerradura Conectada Pro", "Abre la puerta desde el móvil.")

    page.goto(stack.url("/"))
    ready(page)
    page.get_by_test_id("new-product").get_by_text("Nuevo tablero").click()
    page.get_by_test_id("product-slug").fill(slug)
    page.get_by_test_id("product-name").fill("Otra vez")
    page.get_by_test_id("product-submit").click()
    expect(page.get_by_test_id("new-product").get_by_test_id("form-error").first).to_be_visible()  # 409
    assert http_call(stack.base_url, "GET", f"/products/{slug}").body["name"] == "Cerradura Conectada Pro"


def test_a_customer_sees_no_board_forms(page: Page, stack: Stack) -> None:
    sign_in(page, stack, CUSTOMER)
    expect(page.get_by_test_id("product-card").first).to_be_visible()
    expect(page.get_by_test_id("new-product")).to_have_count(0)
    page.goto(stack.url(f"/?product={stack.product}"))
    ready(page)
    expect(page.get_by_test_id("edit-product")).to_have_count(0)


def test_an_admin_finds_a_person_and_changes_their_roles(page: Page, stack: Stack, issuer: LocalIssuer) -> None:
    tag = f"Zz{uuid.uuid4().hex[:6]}"
    person = new_user(issuer, name=f"{tag} Persona")
    assert http_call(stack.base_url, "GET", "/me", person.token).status == 200  # the record exists
    sign_in(page, stack, ADMIN)
    page.get_by_role("link", name="Usuarios").first.click()
    page.get_by_test_id("users-search").fill(tag.lower())
    page.get_by_test_id("users-filter").get_by_role("button").click()
    expect(page).to_have_url(re.compile(f"q={tag.lower()}"))
    card = page.get_by_test_id("user-card")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("role-customer")).to_be_disabled()  # always kept
    # Each box sits beside its label on one line, with room between them.
    box = card.get_by_test_id("role-moderator").bounding_box()
    label = card.get_by_text("Moderación", exact=True).bounding_box()
    assert box and label and label["x"] >= box["x"] + box["width"] + 4 and abs(label["y"] - box["y"]) < box["height"]
    card.get_by_test_id("role-moderator").check()
    card.get_by_test_id("roles-save").click()
    expect(page.get_by_text("Roles guardados", exact=False)).to_be_visible()
    admin_token = stack.token_of(ADMIN)
    listed = stack.get(f"/users?q={tag}", admin_token)["items"]
    assert [item["roles"] for item in listed] == [["customer", "moderator"]]

    # The admin's own admin box cannot be cleared.
    own_name = stack.get("/me", admin_token)["name"]
    page.goto(stack.url(f"/?view=users&role=admin&q={own_name}"))
    ready(page)
    own = page.locator(f"[data-testid='user-card'][data-user='{ADMIN}']")
    expect(own.get_by_test_id("role-admin")).to_be_checked()
    expect(own.get_by_test_id("role-admin")).to_be_disabled()
    screenshot(page, "users")
