"""Counting the DynamoDB calls a route makes, by watching the app's botocore clients."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.

if TYPE_CHECKING:
    pass

# ----------------------------------------------------------------------------- DynamoDB call log


def describe_call(operation: str, params: dict[str, Any]) -> str:
    """An operation as the tables print it; ``(c)`` marks a strongly consistent read."""
    return f"{operation}(c)" if params.get("ConsistentRead") else operation


def summarize_calls(calls: Sequence[str]) -> str:
    """``GetItem(c) + TransactWriteItems + Queryx8``: runs of one operation are counted."""
    runs: list[list[Any]] = []
    for call in calls:
        if runs and runs[-1][0] == call:
            runs[-1][1] += 1
        else:
            runs.append([call, 1])
    return " + ".join(name if count == 1 else f"{name}x{count}" for name, count in runs) or "none"


class CallLog:
    """The DynamoDB operations that watched botocore clients issue while a capture is open."""

    def __init__(self) -> None:
        self._calls: list[str] | None = None

    def watch(self, client: Any) -> None:
        """Record the calls of ``client`` (a botocore DynamoDB client) from now on."""
        client.meta.events.register("provide-client-params.dynamodb", self._record)

    def _record(self, params: dict[str, Any], event_name: str, **_: Any) -> None:
        """botocore's ``provide-client-params`` hook: note the operation while capturing."""
        if self._calls is not None:
            self._calls.append(describe_call(event_name.rsplit(".", 1)[-1], params))

    @contextmanager
    def capture(self) -> Iterator[list[str]]:
        """Collect the calls made inside the ``with`` block into the yielded list."""
        calls: list[str] = []
        self._calls = calls
        try:
            yield calls
        finally:
            self._calls = None


def watch_app_clients(log: CallLog) -> None:
    """Watch the botocore clients behind every PynamoDB model and the transaction connection."""
    from chalicelib.store.base import transaction_connection
    from chalicelib.store.models import all_models

    for model in all_models():
        log.watch(model._get_connection().connection.client)
    log.watch(transaction_connection().client)
