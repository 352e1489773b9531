"""A store made before an index was declared (an old ``make run`` data folder) gets the index at
start-up, so that routes reading it (erasure reads ``history.by_actor``) work on old data too."""

from __future__ import annotations

from chalicelib.store.models import HistoryModel
from chalicelib.store.tables import add_missing_indexes
from devstack.dynamodb import DynamoDBLocal
from tests.support import wait_until


def _indexes() -> set[str]:
    return {index["IndexName"] for index in HistoryModel.describe_table().get("GlobalSecondaryIndexes", [])}


def test_a_missing_index_is_added_and_a_second_run_adds_nothing(dynamodb: DynamoDBLocal) -> None:
    client = HistoryModel._get_connection().connection.client
    client.update_table(
        TableName=HistoryModel.Meta.table_name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by_actor"}}]
    )
    wait_until(lambda: "by_actor" not in _indexes())

    assert add_missing_indexes(HistoryModel) == ["by_actor"]
    assert "by_actor" in _indexes()
    assert add_missing_indexes(HistoryModel) == []
