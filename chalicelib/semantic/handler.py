"""The semantic function (AWS): the one place the model runs.

- a batch from the ideas table's stream: embed new and edited ideas, record duplicate pairs,
  refresh snapshots (``chalicelib.semantic.writer``);
- ``{"op": "search" | "similar", ...}`` from the API: ranked idea ids (``chalicelib.semantic.matching``).

The model loads on the first event and stays for the life of the warm container.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chalicelib.semantic import matching
from chalicelib.semantic.stream import changed_ideas
from chalicelib.semantic.writer import embed_ideas

logger = logging.getLogger("cocrea.semantic")


def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:
        report = embed_ideas(changed_ideas(event["Records"]), matching.indexes())
        logger.info(
            json.dumps({"embedded": len(report.embedded), "pairs": report.pairs, "snapshots": report.snapshots})
        )
        return {"embedded": report.embedded, "pairs": report.pairs}
    if event.get("op") == "search":
        items = matching.search(str(event["text"]), list(event["products"]), event.get("phase"), int(event["limit"]))
    elif event.get("op") == "similar":
        items = matching.similar(
            str(event["title"]), str(event.get("body") or ""), list(event["products"]), int(event["limit"])
        )
    else:
        raise ValueError(f"unknown event for the semantic function: {sorted(event)}")
    return {"items": [[idea_id, score] for idea_id, score in items]}
