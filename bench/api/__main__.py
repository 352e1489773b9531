"""Latency, import time and package size of the API, each beside a baseline measured in the same run.

Run from the repository root (``make bench`` does the same)::

    .venv/bin/python -m bench.api

1. Routes: every route through ``chalice.test.Client`` against a DynamoDB Local that this script
   starts (in memory, on a free port) and seeds, interleaved with the bare DynamoDB calls that the
   route makes, issued directly with a botocore client configured like PynamoDB's. The ratio
   route/bare is the price of the app's own work: Chalice, validation, JWT, PynamoDB, rendering.
2. Import: fresh ``python -c "import app"`` processes beside a bare Chalice app that imports boto3.
3. Package: the deployment zip that ``chalice package --stage dev`` builds.

The machine is noisy, so only ratios to a baseline of the same run mean anything. Targets are
printed beside the figures and never asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench.api.common import (
    BARE_APP,
    BYTES_PER_MB,
    REPO_ROOT,
    ROUTE_TARGET,
    ZIP_TARGET_MB,
    bench_environment,
    machine_description,
    markdown_table,
    verdict,
)
from bench.api.imports import (
    IMPORT_HEADERS,
    bytecode_cached,
    import_rows,
    import_times,
    importtime_runs,
    package_import_rows,
    top_cumulative,
)
from bench.api.package import build_package, unpacked_import_rows, zip_rows
from bench.api.routes import ROUTE_HEADERS, bench_routes, route_row

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.
from devstack.dynamodb import DynamoDBLocal, free_port

if TYPE_CHECKING:
    pass

# ----------------------------------------------------------------------------- report


def section(title: str, *parts: str) -> None:
    """Print a titled block of text."""
    print(f"\n## {title}\n")
    print("\n\n".join(parts))


def report_routes(endpoint: str, data_dir: str, warmup: int, iterations: int) -> None:
    """Measure every route beside its bare DynamoDB calls and print the table."""
    world, results = bench_routes(endpoint, data_dir, warmup, iterations)
    over = [f"{result.case.route} ({result.case.who})" for result in results if (result.ratio or 0) > ROUTE_TARGET]
    section(
        f"Routes: chalice.test.Client beside the same DynamoDB calls made with botocore "
        f"({iterations} iterations, {warmup} warm-up)",
        world.describe(),
        markdown_table(ROUTE_HEADERS, [route_row(result) for result in results]),
        f"Routes over {ROUTE_TARGET}x their bare calls: {', '.join(over) or 'none'}.",
    )


def report_imports(env: dict[str, str], runs: int) -> None:
    """Time ``import app`` beside the bare app, profile it, and print the tables."""
    with (
        tempfile.TemporaryDirectory(prefix="cocrea-bare-app-") as bare,
        tempfile.TemporaryDirectory(prefix="cocrea-pycache-") as cache,
    ):
        bare_dir = Path(bare)
        (bare_dir / "app.py").write_text(BARE_APP)
        cached = bytecode_cached(env, cache)
        times = import_times(REPO_ROOT, bare_dir, cached, runs)
        app_runs = importtime_runs(REPO_ROOT, cached, 5)
        bare_runs = importtime_runs(bare_dir, cached, 5)
    section(
        f'Import: fresh `python -c "import app"` ({runs} runs each, interleaved, bytecode cached)',
        markdown_table(IMPORT_HEADERS, import_rows(times)),
        "Top 10 modules by cumulative import time of app.py (`-X importtime`, median of 5 runs):",
        markdown_table(("module", "cumulative ms", "self ms"), top_cumulative(app_runs, 10)),
        "Import self time per top-level package (median of 5 runs), app.py beside the bare app:",
        markdown_table(("package", "app.py ms", "bare app ms"), package_import_rows(app_runs, bare_runs, 12)),
    )


def report_package(env: dict[str, str]) -> None:
    """Build the deployment zip and print its size and largest entries."""
    with tempfile.TemporaryDirectory(prefix="cocrea-package-") as out:
        zip_path = build_package(Path(out), env)
        size_mb = zip_path.stat().st_size / BYTES_PER_MB
        rows = zip_rows(zip_path, 10)
        unpacked = unpacked_import_rows(zip_path, env, 5)
    section(
        "Deployment package: `chalice package --stage dev`",
        markdown_table(
            ("zip", "MB", f"target < {ZIP_TARGET_MB:.0f} MB"),
            [["deployment.zip", f"{size_mb:.2f}", verdict(size_mb, ZIP_TARGET_MB, strict=True)]],
        ),
        "Largest top-level entries of the zip (1 MB = 2^20 bytes):",
        markdown_table(("entry", "compressed MB", "uncompressed MB"), rows),
        "`import app` from the unpacked zip plus the runtime's boto3/botocore (`python -S`, median of 5 runs),"
        " as a Lambda cold start:",
        markdown_table(("bytecode", "wall ms (median)", "CPU ms (median)"), unpacked),
    )


def parse_arguments() -> argparse.Namespace:
    """Iterations and runs; the defaults are the documented run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--iterations", type=int, default=200, help="measured requests per route (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per route first (default 20)")
    parser.add_argument("--import-runs", type=int, default=15, help="fresh processes per import figure (default 15)")
    arguments = parser.parse_args()
    if arguments.warmup < 1 or arguments.iterations < 1:
        parser.error("--warmup and --iterations must be at least 1")
    return arguments


def main() -> None:
    """Start DynamoDB Local, measure the routes, stop it (also on error), then imports and package."""
    arguments = parse_arguments()
    started = time.perf_counter()
    print(f"# Cocrea API benchmark\n\n{machine_description()}, {datetime.now().isoformat(timespec='seconds')}")
    with tempfile.TemporaryDirectory(prefix="cocrea-bench-") as data_dir:
        port = free_port()
        os.environ.update(bench_environment(port, data_dir))
        with DynamoDBLocal(port) as dynamodb:
            report_routes(dynamodb.endpoint, data_dir, arguments.warmup, arguments.iterations)
        env = dict(os.environ)
        report_imports(env, arguments.import_runs)
        report_package(env)
    print(f"\nTotal benchmark time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
