"""Products (boards)."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import UpdateError

from chalicelib.domain.errors import AlreadyExists
from chalicelib.store.models import ProductModel
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import save_if


def create_product(
    slug: str, name: str, description: str, at: str, translations: dict[str, dict[str, str]] | None = None
) -> ProductModel:
    product = ProductModel(slug=slug, name=name, description=description, created_at=at, translations=translations)
    if not save_if(product, ProductModel.slug.does_not_exist()):
        raise AlreadyExists(f"a product with slug '{slug}' already exists")
    return product


def update_product(
    slug: str, name: str | None, description: str | None, translations: dict[str, dict[str, str]] | None = None
) -> ProductModel | None:
    """Change what is given and return the whole product (one write, no read first); None when
    there is no such product (nothing is written then). Each language in ``translations``
    replaces that language's texts; the other languages stay."""
    actions: list[Any] = [
        getattr(ProductModel, attribute).set(value)
        for attribute, value in (("name", name), ("description", description))
        if value is not None
    ]
    if translations:
        # Read, then merge: a language given replaces that language only. Two admins translating
        # one board at the same moment is not a case worth a transaction.
        current = get_product(slug)
        if current is None:
            return None
        actions.append(
            ProductModel.translations.set(
                {**(current.translations.as_dict() if current.translations is not None else {}), **translations}
            )
        )
    if not actions:
        return get_product(slug)
    product = ProductModel(slug)
    try:
        product.update(actions=actions, condition=ProductModel.slug.exists())
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return product


def get_product(slug: str) -> ProductModel | None:
    try:
        return ProductModel.get(slug)
    except ProductModel.DoesNotExist:
        return None


def list_products(limit: int, start: LastKey | None) -> tuple[list[ProductModel], LastKey | None]:
    results = ProductModel.in_order.query("product", last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)
