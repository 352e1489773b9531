"""Editing a board: PATCH /products/{slug} (product team and admin)."""

from __future__ import annotations

import pytest

from chalicelib.local_issuer import LocalIssuer
from tests.support import Api, User, assert_error, new_user


@pytest.mark.parametrize("group", ["product", "admin"])
def test_the_product_team_and_admins_rename_and_describe_a_board(
    api: Api, issuer: LocalIssuer, product: str, group: str
) -> None:
    editor = new_user(issuer, group)

    reply = api.patch(f"/products/{product}", editor, {"name": "  Hogar Conectado ", "description": "Luces y enchufes"})

    assert reply.status == 200, reply.body
    assert (reply.body["slug"], reply.body["name"], reply.body["description"]) == (
        product,
        "Hogar Conectado",
        "Luces y enchufes",
    )
    assert set(reply.body["idea_counts"]) == {
        "design", "development", "testing", "provision", "installation", "modification"
    }  # fmt: skip
    stored = api.get(f"/products/{product}").body
    assert (stored["name"], stored["description"]) == ("Hogar Conectado", "Luces y enchufes")
    only_name = api.patch(f"/products/{product}", editor, {"name": "Hogar"}).body
    assert (only_name["name"], only_name["description"]) == ("Hogar", "Luces y enchufes")


def test_a_bad_edit_changes_nothing(api: Api, product_user: User, customer: User, product: str) -> None:
    before = api.get(f"/products/{product}").body

    assert_error(api.patch(f"/products/{product}", product_user, {"name": ""}), 400, "validation_error")
    assert_error(api.patch(f"/products/{product}", product_user, {"slug": "other"}), 400, "validation_error")
    assert_error(api.patch(f"/products/{product}", product_user, {"name": "x" * 81}), 400, "validation_error")
    assert_error(api.patch(f"/products/{product}", customer, {"name": "Mine"}), 403, "forbidden")
    assert_error(api.patch(f"/products/{product}", None, {"name": "Anyone"}), 401, "unauthorized")
    assert api.get(f"/products/{product}").body == before


def test_an_unknown_board_is_not_found_and_not_created(api: Api, product_user: User) -> None:
    assert_error(api.patch("/products/no-such-board", product_user, {"name": "Ghost"}), 404, "not_found")
    assert_error(api.get("/products/no-such-board"), 404, "not_found")


def test_name_and_description_per_language(api: Api, product_user: User) -> None:
    import uuid

    slug = f"tr-{uuid.uuid4().hex[:8]}"
    body = {
        "slug": slug,
        "name": "Cerradura",
        "description": "Abre la puerta.",
        "translations": {"en": {"name": "Smart Lock", "description": "Opens the door."}},
    }
    created = api.post("/products", product_user, body, headers={"accept-language": "en"})
    assert created.status == 201, created.body
    assert (created.body["name"], created.body["description"]) == ("Smart Lock", "Opens the door.")

    def shown(language: str) -> tuple[str, str]:
        reply = api.get(f"/products/{slug}", headers={"accept-language": language})
        return reply.body["name"], reply.body["description"]

    assert shown("es") == ("Cerradura", "Abre la puerta.")
    assert shown("pt") == ("Cerradura", "Abre la puerta.")  # no Portuguese yet: the board's own words
    # A PATCH adds Portuguese and keeps English.
    patched = api.patch(f"/products/{slug}", product_user, {"translations": {"pt": {"name": "Fechadura"}}})
    assert patched.status == 200, patched.body
    assert shown("pt") == ("Fechadura", "")
    assert shown("en") == ("Smart Lock", "Opens the door.")
    # The shared store holds every board the other tests made: page through all of them.
    listed, cursor = [], None
    while True:
        page = api.get(
            "/products?limit=100" + (f"&cursor={cursor}" if cursor else ""), headers={"accept-language": "en"}
        )
        listed += page.body["items"]
        cursor = page.body["next_cursor"]
        if not cursor:
            break
    assert next(item for item in listed if item["slug"] == slug)["name"] == "Smart Lock"

    # A write answers in the signed-in writer's profile language, over Accept-Language (the public
    # reads do not read a token: the portal sends its language as Accept-Language).
    assert api.patch("/me", product_user, {"language": "pt"}).status == 200
    renamed = api.patch(f"/products/{slug}", product_user, {"name": "Cerradura 2"}, headers={"accept-language": "en"})
    assert renamed.body["name"] == "Fechadura"

    # Unknown language, missing name, unknown field: 400 and nothing written.
    for bad in (
        {"translations": {"fr": {"name": "Serrure"}}},
        {"translations": {"en": {"description": "no name"}}},
        {"translations": {"en": {"name": "X", "slogan": "Y"}}},
        {"translations": {"en": {"name": "x" * 81}}},
    ):
        assert_error(api.patch(f"/products/{slug}", product_user, bad), 400, "validation_error")
    assert shown("en") == ("Smart Lock", "Opens the door.")
