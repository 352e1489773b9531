"""Which function may do what to which table: the least-privilege grants, in one readable place.

Each grant names its actions exactly and applies them to the table ARN and, for reads, to the
exact ARNs of that table's indexes. No ``dynamodb:*``, no ``*`` resource.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aws_cdk import aws_iam as iam

from stacks.tables import Tables

# GetItem also covers TransactGetItems; a Query on an index needs the index ARN.
READ = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query")
# TransactWriteItems has no action of its own: IAM checks each Put/Update/Delete/ConditionCheck.
WRITE = ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem")
# Nothing Scans, not even the nightly job (docs/data-model.md).
# The job writes a run's results in bulk.
PUBLISH = (*READ, *WRITE, "dynamodb:BatchWriteItem")
ALL_TABLES = "*"

# function -> {table suffix or ALL_TABLES: actions}. A new table reaches the API by itself; give
# the other functions a line here when they start using it.
TABLE_ACCESS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "api": {ALL_TABLES: READ + WRITE},
    "notifier": {
        # Explicit follows and unfollows (store/follows.py) decide who hears of an idea.
        "follows": READ,
        "notices": READ + WRITE,
        "deliveries": READ + WRITE,
        "users": READ,
        "ideas": READ,
        "votes": READ,
        "comments": READ,
        # Release notes: whom to tell, and the titles of the ideas they deliver.
        "changelog": READ,
    },
    # Webhooks (chalicelib/webhooks): the dispatcher fans events out and reads what is due;
    # the sender attempts one delivery, reading its subscription, and may pause it (a notice).
    "webhook_dispatcher": {
        "webhook_events": READ + WRITE,
        "webhooks": READ,
        "webhook_deliveries": READ + WRITE,
    },
    "webhook_sender": {
        "webhooks": READ + WRITE,
        "webhook_deliveries": READ + WRITE,
        "notices": WRITE,
    },
    # The semantic function (chalicelib/semantic): reads ideas and products, keeps the vectors
    # and the duplicate pairs; the stream itself is granted by its event source mapping.
    "semantic": {
        "ideas": READ,
        "products": READ,
        "idea_vectors": PUBLISH,
        "duplicate_pairs": READ + WRITE,
    },
    # The nightly job (chalicelib/topics/nightly.py): it reads through indexes only, writes the
    # idea assignments with UpdateItem, and its own tables in batches.
    "topics": {
        "ideas": (*READ, "dynamodb:UpdateItem"),
        "votes": READ,
        "comments": READ,
        "users": READ,
        "embeddings": PUBLISH,
        "topic_runs": PUBLISH,
        "topics": PUBLISH,
        "affinities": PUBLISH,
        "segments": PUBLISH,
        "segment_members": PUBLISH,
        "alerts": PUBLISH,
        # Days that left the trending window come off the ideas' ranks (store/vote_days.py).
        "vote_days": READ + WRITE,
    },
}


class UnknownTableError(KeyError):
    """A grant names a table that no model declares (a typo, or a model not in all_models())."""


def table_statements(function: str, tables: Tables) -> list[iam.PolicyStatement]:
    """The statements that give ``function`` its table access, one per table."""
    grants = TABLE_ACCESS[function]
    if ALL_TABLES in grants:
        grants = {name: grants[ALL_TABLES] for name in tables.by_name}
    unknown = set(grants) - set(tables.by_name)
    if unknown:
        raise UnknownTableError(f"{function}: no model declares the table(s) {sorted(unknown)}")
    return [_statement(name, actions, tables) for name, actions in sorted(grants.items())]


def _statement(name: str, actions: Iterable[str], tables: Tables) -> iam.PolicyStatement:
    table = tables.by_name[name]
    resources = [table.table_arn]
    if "dynamodb:Query" in actions:
        resources += [f"{table.table_arn}/index/{index}" for index in tables.index_names[name]]
    return iam.PolicyStatement(actions=sorted(set(actions)), resources=resources)
