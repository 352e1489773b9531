"""The DynamoDB tables, derived from the PynamoDB models so that the two can never disagree.

``chalicelib.store.models.all_models()`` is the one list of the API's tables: a model added there is
a table here on the next synth, with the keys, indexes and projections its class declares.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct
from pynamodb.models import Model

from chalicelib.config import get_settings
from chalicelib.store.models import all_models

_TYPES = {
    "S": dynamodb.AttributeType.STRING,
    "N": dynamodb.AttributeType.NUMBER,
    "B": dynamodb.AttributeType.BINARY,
}
_PROJECTIONS = {
    "ALL": dynamodb.ProjectionType.ALL,
    "KEYS_ONLY": dynamodb.ProjectionType.KEYS_ONLY,
    "INCLUDE": dynamodb.ProjectionType.INCLUDE,
}


def table_suffix(model: type[Model]) -> str:
    """The name of a model's table without the stage prefix (``ideas`` for ``cocrea-dev-ideas``)."""
    name: str = model.Meta.table_name
    return name.removeprefix(get_settings().table_prefix)


def _key(schema: list[dict[str, str]], types: Mapping[str, str], key_type: str) -> dynamodb.Attribute | None:
    for key in schema:
        if key["KeyType"] == key_type:
            name = key["AttributeName"]
            return dynamodb.Attribute(name=name, type=_TYPES[types[name]])
    return None


def _types(definitions: list[dict[str, str]]) -> dict[str, str]:
    return {item["AttributeName"]: item["AttributeType"] for item in definitions}


class Tables(Construct):
    """One on-demand table per model: point-in-time recovery, deletion protection, encrypted.

    Attributes
    ----------
    by_name
        Each table by its suffix (``ideas``, ``votes``...).
    index_names
        The global secondary indexes of each table, for IAM statements on exact index ARNs.
    """

    def __init__(self, scope: Construct, construct_id: str, *, table_prefix: str) -> None:
        super().__init__(scope, construct_id)
        self.by_name: dict[str, dynamodb.Table] = {}
        self.index_names: dict[str, tuple[str, ...]] = {}
        for model in all_models():
            suffix = table_suffix(model)
            self.by_name[suffix], self.index_names[suffix] = self._table(suffix, model._get_schema(), table_prefix)

    def _table(self, suffix: str, schema: Mapping[str, Any], prefix: str) -> tuple[dynamodb.Table, tuple[str, ...]]:
        types = _types(schema["attribute_definitions"])
        table = dynamodb.Table(
            self,
            suffix,
            table_name=f"{prefix}{suffix}",
            partition_key=_key(schema["key_schema"], types, "HASH"),  # type: ignore[arg-type]
            sort_key=_key(schema["key_schema"], types, "RANGE"),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=True,
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            # Customers' posts outlive the stack: deleting it leaves the tables (and deletion
            # protection stops a console click from dropping one).
            removal_policy=RemovalPolicy.RETAIN,
        )
        for index in schema["global_secondary_indexes"]:
            index_types = _types(index["attribute_definitions"])
            projection = index["projection"]
            table.add_global_secondary_index(
                index_name=index["index_name"],
                partition_key=_key(index["key_schema"], index_types, "HASH"),  # type: ignore[arg-type]
                sort_key=_key(index["key_schema"], index_types, "RANGE"),
                projection_type=_PROJECTIONS[projection["ProjectionType"]],
                non_key_attributes=projection.get("NonKeyAttributes"),
            )
        if schema["local_secondary_indexes"]:
            raise NotImplementedError(f"{suffix}: local secondary indexes are not mapped to CDK yet")
        return table, tuple(index["index_name"] for index in schema["global_secondary_indexes"])
