"""Create the tables when they are missing; safe to run any number of times, also concurrently."""

from __future__ import annotations

import time
from typing import Any

from pynamodb.exceptions import TableError
from pynamodb.models import Model

from chalicelib.store.models import all_models


def create_missing_tables() -> list[str]:
    """Create every table that does not exist yet and wait until it is active.

    Returns the names of the tables this call created.
    """
    created = []
    for model in all_models():
        if model.exists():
            add_missing_indexes(model)
            continue
        try:
            model.create_table(wait=True)
        except TableError:
            # Another process created it between our check and our call.
            if not model.exists():
                raise
            continue
        created.append(model.Meta.table_name)
    return created


def add_missing_indexes(model: type[Model]) -> list[str]:
    """Create the global secondary indexes a model declares and its existing table lacks.

    A local store kept in ``DATA_DIR`` outlives code changes; a new index (the notices' ``due``
    and ``failed``) must appear in it without losing its data. DynamoDB builds one new index per
    update, so they are added one at a time, each waited for. Returns the names added.
    """
    client = model._get_connection().connection.client
    table = model.Meta.table_name
    described = client.describe_table(TableName=table)["Table"]
    present = {index["IndexName"] for index in described.get("GlobalSecondaryIndexes", [])}
    schema: dict[str, Any] = dict(model._get_schema())
    added = []
    for index in schema["global_secondary_indexes"]:
        if index["index_name"] in present:
            continue
        client.update_table(
            TableName=table,
            AttributeDefinitions=index["attribute_definitions"],
            GlobalSecondaryIndexUpdates=[
                {
                    "Create": {
                        "IndexName": index["index_name"],
                        # DynamoDB wants the hash key first; PynamoDB lists them in any order.
                        "KeySchema": sorted(index["key_schema"], key=lambda key: key["KeyType"] != "HASH"),
                        "Projection": index["projection"],
                        **({"ProvisionedThroughput": _throughput(described)} if _provisioned(described) else {}),
                    }
                }
            ],
        )
        _wait_for_index(client, table, index["index_name"])
        added.append(index["index_name"])
    return added


def _provisioned(described: dict[str, Any]) -> bool:
    mode: str = described.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    return mode != "PAY_PER_REQUEST"


def _throughput(described: dict[str, Any]) -> dict[str, int]:
    throughput = described.get("ProvisionedThroughput", {})
    return {
        "ReadCapacityUnits": int(throughput.get("ReadCapacityUnits") or 1),
        "WriteCapacityUnits": int(throughput.get("WriteCapacityUnits") or 1),
    }


def _wait_for_index(client: Any, table: str, index_name: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        indexes = client.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", [])
        if any(index["IndexName"] == index_name and index["IndexStatus"] == "ACTIVE" for index in indexes):
            return
        time.sleep(0.2)
    raise TimeoutError(f"index {index_name} of {table} did not become active")
