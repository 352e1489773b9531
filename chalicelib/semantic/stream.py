"""The ideas table's stream → the ideas whose text is new or changed.

Records arrive in DynamoDB's typed JSON, from a Lambda event source mapping in AWS and from the
local worker's ``GetRecords`` calls (devstack/semantic_worker.py) in the same shape. A vote or a
status change also modifies the idea; only a new title or body needs the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from chalicelib.store.models import IdeaModel

_TEXT = ("title", "body")


def changed_ideas(records: Iterable[Mapping[str, Any]]) -> list[IdeaModel]:
    """The newest image of each idea whose text a record created or changed, in stream order."""
    found: dict[str, IdeaModel] = {}
    for record in records:
        if record.get("eventName") not in ("INSERT", "MODIFY"):
            continue
        change = record.get("dynamodb", {})
        new, old = change.get("NewImage"), change.get("OldImage")
        if not new:
            continue
        if old and all(new.get(name) == old.get(name) for name in _TEXT):
            continue
        idea = IdeaModel.from_raw_data(dict(new))
        found.pop(idea.id, None)
        found[idea.id] = idea
    return list(found.values())
