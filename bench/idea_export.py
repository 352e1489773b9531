# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Memory and time of the idea export (``GET /ideas?format=csv``) beside a baseline in the same run.

Run from the repository root::

    .venv/bin/python bench/idea_export.py [--sizes 2000 10000]

For each size, the script seeds that many ideas of one product (bodies of 600 characters, which
the export does not carry but the stored items do) into its own DynamoDB Local, then builds the
CSV two ways, each under ``tracemalloc``:

- export: what the route does (``services.idea_export.idea_rows`` page by page into the writer);
- baseline: every idea item read into a list first, then written.

Printed: the CSV's size, each way's peak Python memory and time, and the ratios export/baseline.
Only the ratios mean much on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from devstack.dynamodb import DynamoDBLocal, free_port

PRODUCT = "bench-export"


def seed(count: int) -> None:
    from chalicelib.clock import to_storage, utc_now
    from chalicelib.store.models import IdeaModel

    now = utc_now()
    with IdeaModel.batch_write() as batch:
        for number in range(count):
            at = to_storage(now)
            batch.save(
                IdeaModel(
                    id=uuid.uuid4().hex,
                    title=f"Idea {number}: =a title a spreadsheet must not evaluate",
                    body="x" * 600,
                    product=PRODUCT,
                    phase="design",
                    board=f"{PRODUCT}#design",
                    status="open",
                    vote_count=number % 50,
                    top_score=number,
                    comment_count=0,
                    author_id=f"user-{number % 300}",
                    author_name=f"Persona {number % 300}",
                    created_at=at,
                    updated_at=at,
                )
            )


def measured(build: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, peak MiB, seconds)."""
    tracemalloc.start()
    started = time.perf_counter()
    result = build()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, peak, seconds


def export() -> bytes:
    from chalicelib.api.routing import csv_response
    from chalicelib.domain.ideas import IdeaFilters
    from chalicelib.services.idea_export import COLUMNS, idea_rows

    body: str = csv_response(COLUMNS, idea_rows(IdeaFilters(product=PRODUCT), None), "ideas.csv").body
    return body.encode()


def baseline() -> bytes:
    """Every item in memory first: what the export avoids."""
    from chalicelib.api.routing import csv_response
    from chalicelib.services.idea_export import COLUMNS
    from chalicelib.store.models import IdeaModel

    items = list(IdeaModel.product_new.query(PRODUCT, scan_index_forward=False))
    rows = [[i.id, i.title, i.product, i.phase, i.status, str(int(i.vote_count)), "0", "", i.author_name,
             i.created_at, i.updated_at, ""] for i in items]  # fmt: skip
    body: str = csv_response(COLUMNS, rows, "ideas.csv").body
    return body.encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    arguments = parser.parse_args()
    print(f"# Idea export benchmark\n\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}\n")  # fmt: skip
    print("| ideas | CSV | export peak | baseline peak | memory ratio | export time | baseline time | time ratio |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-export-") as data_dir:
        port = free_port()
        os.environ.update(
            STAGE="local",
            DYNAMODB_ENDPOINT=f"http://127.0.0.1:{port}",
            DATA_DIR=data_dir,
            TABLE_PREFIX="bench-export-",
            AWS_ACCESS_KEY_ID="local",
            AWS_SECRET_ACCESS_KEY="local",  # noqa: S106 - DynamoDB Local accepts any credentials
            AWS_DEFAULT_REGION="eu-west-1",
        )
        with DynamoDBLocal(port):
            from chalicelib.store.tables import create_missing_tables

            create_missing_tables()
            seeded = 0
            for size in sorted(arguments.sizes):
                seed(size - seeded)
                if not seeded:
                    export(), baseline()  # warm up: imports and connections are not what is measured
                seeded = size
                csv_bytes, export_peak, export_seconds = measured(export)
                _, base_peak, base_seconds = measured(baseline)
                print(
                    f"| {size:,} | {len(csv_bytes) / 2**20:.1f} MiB | {export_peak:.1f} MiB | {base_peak:.1f} MiB "
                    f"| {export_peak / base_peak:.2f}x | {export_seconds:.1f} s | {base_seconds:.1f} s "
                    f"| {export_seconds / base_seconds:.2f}x |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
