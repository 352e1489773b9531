"""Products, the boards ideas are posted to."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import render
from chalicelib.api.language import reader_language
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import PUBLIC, Call, Reply, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.errors import ProductNotFound
from chalicelib.domain.roles import ADMIN, PRODUCT
from chalicelib.store.products import create_product, get_product, list_products, update_product

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/products",
    "GET",
    summary="A page of products",
    access=PUBLIC,
    query="PageQuerySchema",
    response="ProductPageSchema",
    errors=(400,),
    tag="products",
)
def products_page(call: Call) -> dict[str, Any]:
    items, last_key = list_products(call.query["limit"], start_position(call.query, "products"))
    language = reader_language(call)
    return render.page([render.product(item, language) for item in items], next_cursor("products", last_key))


@endpoint(
    blueprint,
    "/products",
    "POST",
    summary="Create a product (board)",
    access=(PRODUCT, ADMIN),
    body="ProductCreateSchema",
    response="ProductSchema",
    success=201,
    errors=(400, 403, 409),
    headers={"Location": "URL of the new product"},
    tag="products",
)
def new_product(call: Call) -> Reply:
    data = call.body
    product = create_product(
        data["slug"], data["name"], data["description"], to_storage(utc_now()), data.get("translations")
    )
    return Reply(render.product(product, reader_language(call)), {"Location": f"/products/{product.slug}"})


@endpoint(
    blueprint,
    "/products/{slug}",
    "GET",
    summary="One product",
    access=PUBLIC,
    response="ProductSchema",
    errors=(404,),
    tag="products",
)
def one_product(call: Call, slug: str) -> dict[str, Any]:
    product = get_product(slug) if len(slug) <= 40 else None
    if product is None:
        raise ProductNotFound(f"no product '{slug}'")
    return render.product(product, reader_language(call))


@endpoint(
    blueprint,
    "/products/{slug}",
    "PATCH",
    summary="Change a product's name or description",
    access=(PRODUCT, ADMIN),
    body="ProductPatchSchema",
    response="ProductSchema",
    errors=(400, 403, 404),
    tag="products",
)
def edit_product(call: Call, slug: str) -> dict[str, Any]:
    body = call.body
    found = len(slug) <= 40
    product = (
        update_product(slug, body.get("name"), body.get("description"), body.get("translations")) if found else None
    )
    if product is None:
        raise ProductNotFound(f"no product '{slug}'")
    return render.product(product, reader_language(call))
