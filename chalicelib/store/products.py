"""Products (boards)."""

from __future__ import annotations

from pynamodb.exceptions import PutError

from chalicelib.domain.errors import AlreadyExists
from chalicelib.store.models import ProductModel
from chalicelib.store.paging import LastKey, read_page


def create_product(slug: str, name: str, description: str, at: str) -> ProductModel:
    product = ProductModel(slug=slug, name=name, description=description, created_at=at)
    try:
        product.save(condition=ProductModel.slug.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise AlreadyExists(f"a product with slug '{slug}' already exists") from None
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
