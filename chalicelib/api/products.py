"""Products, the boards ideas are posted to."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api import render
from chalicelib.api.request import load_body, load_query, next_cursor, signed_in, start_position
from chalicelib.api.routing import endpoint, json_response
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.roles import PRODUCT
from chalicelib.errors import NotFoundError
from chalicelib.store.products import create_product, get_product, list_products

blueprint = Blueprint(__name__)


@endpoint(blueprint, "/products", "GET")
def products_page() -> dict[str, Any]:
    from chalicelib.schemas import PageQuerySchema

    query = load_query(blueprint.current_request, PageQuerySchema())
    items, last_key = list_products(query["limit"], start_position(query, "products"))
    return render.page([render.product(item) for item in items], next_cursor("products", last_key))


@endpoint(blueprint, "/products", "POST")
def new_product() -> Response:
    from chalicelib.schemas import ProductCreateSchema

    signed_in(blueprint.current_request, PRODUCT)
    data = load_body(blueprint.current_request, ProductCreateSchema())
    product = create_product(data["slug"], data["name"], data["description"], to_storage(utc_now()))
    return json_response(render.product(product), 201, {"Location": f"/products/{product.slug}"})


@endpoint(blueprint, "/products/{slug}", "GET")
def one_product(slug: str) -> dict[str, Any]:
    product = get_product(slug) if len(slug) <= 40 else None
    if product is None:
        raise NotFoundError(f"no product '{slug}'")
    return render.product(product)
