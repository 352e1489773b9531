"""Create the tables when they are missing; safe to run any number of times, also concurrently."""

from __future__ import annotations

import time

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


def add_missing_indexes() -> list[str]:
    """Add the global secondary indexes a model declares that its existing table lacks (a store
    made before the index was declared, such as a ``make run`` data folder), and wait for them.

    Returns ``table.index`` for each index this call added. In AWS the CDK app owns the indexes.
    """
    added = []
    for model in all_models():
        description = model.describe_table()
        present = {index["IndexName"] for index in description.get("GlobalSecondaryIndexes", [])}
        schema = model._get_schema()
        known = {item["AttributeName"]: item["AttributeType"] for item in schema["attribute_definitions"]}
        for index in schema["global_secondary_indexes"]:
            if index["index_name"] in present:
                continue
            keys = [key["AttributeName"] for key in index["key_schema"]]
            client = model._get_connection().connection.client
            client.update_table(
                TableName=model.Meta.table_name,
                AttributeDefinitions=[{"AttributeName": key, "AttributeType": known[key]} for key in keys],
                GlobalSecondaryIndexUpdates=[
                    {
                        "Create": {
                            "IndexName": index["index_name"],
                            "KeySchema": index["key_schema"],
                            "Projection": index["projection"],
                        }
                    }
                ],
            )
            _wait_until_active(model, index["index_name"])
            added.append(f"{model.Meta.table_name}.{index['index_name']}")
    return added


def _wait_until_active(model: type[Model], index_name: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        indexes = model.describe_table().get("GlobalSecondaryIndexes", [])
        if any(i["IndexName"] == index_name and i.get("IndexStatus") == "ACTIVE" for i in indexes):
            return
        time.sleep(0.2)
    raise TimeoutError(f"index {index_name} of {model.Meta.table_name} did not become active")
