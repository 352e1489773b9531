"""A cancelled transaction is told by its reasons' codes, whatever the order of its actions."""

from __future__ import annotations

import uuid

import pytest
from pynamodb.transactions import TransactWrite

from chalicelib.store.models import ProductModel
from chalicelib.store.transactions import CONDITION_FAILED, Cancelled, save_if, transact
from devstack.dynamodb import DynamoDBLocal


def new_product(slug: str) -> ProductModel:
    return ProductModel(slug=slug, name=slug, description="", created_at="2026-01-01T00:00:00.000000Z")


@pytest.mark.parametrize("failing_first", [True, False])
def test_a_failed_condition_is_found_by_code_in_any_position(dynamodb: DynamoDBLocal, failing_first: bool) -> None:
    existing, fresh = f"t-{uuid.uuid4().hex[:12]}", f"t-{uuid.uuid4().hex[:12]}"
    assert save_if(new_product(existing), ProductModel.slug.does_not_exist())

    def write(transaction: TransactWrite) -> None:
        puts = [
            (new_product(existing), ProductModel.slug.does_not_exist()),  # fails: it exists
            (new_product(fresh), ProductModel.slug.does_not_exist()),
        ]
        for item, condition in puts if failing_first else reversed(puts):
            transaction.save(item, condition=condition)

    with pytest.raises(Cancelled) as raised:
        transact(write)

    assert raised.value.codes == {CONDITION_FAILED}
    assert not save_if(new_product(existing), ProductModel.slug.does_not_exist())
    assert save_if(new_product(fresh), ProductModel.slug.does_not_exist()), "nothing of the cancelled one was written"
