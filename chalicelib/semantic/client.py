"""How the API asks for meaning without holding the model: numpy-free, imported by the API.

Locally (and in tests) the model runs in the API's own process, imported on the first search
or hint. In AWS the stage names the semantic function (``SEMANTIC_FUNCTION``) and the API
invokes it: the model and numpy never enter the API's zip or its cold start (README).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Protocol

FUNCTION_ENV = "SEMANTIC_FUNCTION"


class Matcher(Protocol):
    def search(self, text: str, products: list[str], phase: str | None, limit: int) -> list[tuple[str, float]]: ...

    def similar(self, title: str, body: str, products: list[str], limit: int) -> list[tuple[str, float]]: ...


class InProcess:
    """The model in this process, loaded on first use."""

    def search(self, text: str, products: list[str], phase: str | None, limit: int) -> list[tuple[str, float]]:
        from chalicelib.semantic import matching

        return matching.search(text, products, phase, limit)

    def similar(self, title: str, body: str, products: list[str], limit: int) -> list[tuple[str, float]]:
        from chalicelib.semantic import matching

        return matching.similar(title, body, products, limit)


class Invoked:
    """The semantic function, invoked synchronously with a small JSON payload."""

    def __init__(self, function: str) -> None:
        import boto3

        self.function = function
        self._lambda = boto3.client("lambda")

    def _call(self, payload: dict[str, Any]) -> list[tuple[str, float]]:
        response = self._lambda.invoke(FunctionName=self.function, Payload=json.dumps(payload).encode())
        if response.get("FunctionError"):
            raise RuntimeError(f"the semantic function failed: {response['Payload'].read()[:500]!r}")
        return [(str(idea_id), float(score)) for idea_id, score in json.loads(response["Payload"].read())["items"]]

    def search(self, text: str, products: list[str], phase: str | None, limit: int) -> list[tuple[str, float]]:
        return self._call({"op": "search", "text": text, "products": products, "phase": phase, "limit": limit})

    def similar(self, title: str, body: str, products: list[str], limit: int) -> list[tuple[str, float]]:
        return self._call({"op": "similar", "title": title, "body": body, "products": products, "limit": limit})


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    function = os.environ.get(FUNCTION_ENV)
    return Invoked(function) if function else InProcess()
