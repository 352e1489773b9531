"""Products (boards)."""

from __future__ import annotations

from chalicelib.domain.errors import AlreadyExists
from chalicelib.store.models import ProductModel
from chalicelib.store.paging import LastKey, read_page
from chalicelib.store.transactions import save_if


def create_product(slug: str, name: str, description: str, at: str) -> ProductModel:
    product = ProductModel(slug=slug, name=name, description=description, created_at=at)
    if not save_if(product, ProductModel.slug.does_not_exist()):
        raise AlreadyExists(f"a product with slug '{slug}' already exists")
    return product


def get_product(slug: str) -> ProductModel | None:
    try:
        return ProductModel.get(slug)
    except ProductModel.DoesNotExist:
        return None


def list_products(limit: int, start: LastKey | None) -> tuple[list[ProductModel], LastKey | None]:
    results = ProductModel.in_order.query("product", last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)
