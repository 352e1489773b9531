"""A store made before an index was declared (an old ``make run`` data folder) gets the index at
start-up, so that routes reading it (erasure reads ``history.by_actor`` and ``follows.by_user``)
work on old data too."""

from __future__ import annotations

import pytest
from pynamodb.models import Model

from chalicelib.store.models import FollowModel, HistoryModel
from chalicelib.store.tables import add_missing_indexes
from devstack.dynamodb import DynamoDBLocal
from tests.support import wait_until


def _indexes(model: type[Model]) -> set[str]:
    return {index["IndexName"] for index in model.describe_table().get("GlobalSecondaryIndexes", [])}


@pytest.mark.parametrize(("model", "index"), [(HistoryModel, "by_actor"), (FollowModel, "by_user")])
def test_a_missing_index_is_added_and_a_second_run_adds_nothing(
    dynamodb: DynamoDBLocal, model: type[Model], index: str
) -> None:
    client = model._get_connection().connection.client
    client.update_table(TableName=model.Meta.table_name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": index}}])
    wait_until(lambda: index not in _indexes(model))

    assert add_missing_indexes(model) == [index]
    assert index in _indexes(model)
    assert add_missing_indexes(model) == []
