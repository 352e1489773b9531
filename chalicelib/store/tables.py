"""Create the tables when they are missing; safe to run any number of times, also concurrently."""

from __future__ import annotations

from pynamodb.exceptions import TableError

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
