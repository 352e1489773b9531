"""What every part of the API benchmark shares: settings of the run, statistics, tables."""

from __future__ import annotations

import math
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.

if TYPE_CHECKING:
    pass

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLE_PREFIX = "cocrea-bench-"
REGION = "eu-west-1"
ROUTE_TARGET = 1.3
IMPORT_TARGET = 1.3
ZIP_TARGET_MB = 10.0
BYTES_PER_MB = 1024 * 1024
PAGE_LIMIT = 20
BATCH_GET_LIMIT = 100
BARE_APP = 'import boto3\nfrom chalice import Chalice\n\napp = Chalice(app_name="bare")\n'
# `chalice package` imports the app with the stage's environment (STAGE=dev), where the settings
# are read at import time and must be present; placeholders do for building the zip.
PACKAGE_SETTINGS = {
    "AWS_DEFAULT_REGION": REGION,
    "JWT_ISSUER": "https://cognito-idp.eu-west-1.amazonaws.com/placeholder",
    "JWT_AUDIENCE": "placeholder",
    "JWKS_URL": "https://cognito-idp.eu-west-1.amazonaws.com/placeholder/.well-known/jwks.json",
    "CURSOR_SECRET": "placeholder",
}


Step = Callable[[int], None]


class BenchError(RuntimeError):
    """A route answered something other than what the benchmark expects."""


# ----------------------------------------------------------------------------- environment


def bench_environment(dynamodb_port: int, data_dir: str) -> dict[str, str]:
    """The local stage's settings, pointed at this run's own DynamoDB Local and data directory."""
    return {
        "STAGE": "local",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{dynamodb_port}",
        "DATA_DIR": data_dir,
        "TABLE_PREFIX": TABLE_PREFIX,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
    }


def machine_description() -> str:
    """CPU model, core count and Python version: the figures mean little without them."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


# ----------------------------------------------------------------------------- statistics


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``fraction`` of them at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU milliseconds of one run of something."""

    wall_ms: float
    cpu_ms: float


def timed(action: Callable[[], object]) -> Timing:
    """How long ``action`` takes, and how much CPU this thread spends on it.

    CPU time is what the other processes on a shared machine cannot inflate (much): it tells
    the app's own work from waiting for DynamoDB Local or for a core.
    """
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return Timing((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)


def children_cpu_seconds() -> float:
    """User and system CPU seconds of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A pipe table, aligned for the terminal and ready to paste into Markdown."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)) + " |"
        for line in lines
    )


def verdict(value: float, limit: float, strict: bool = False) -> str:
    """``met`` or ``NOT met`` for a figure against its upper limit."""
    return "met" if (value < limit if strict else value <= limit) else "NOT met"


def median_wall(timings: Sequence[Timing]) -> float:
    """Median wall-clock milliseconds."""
    return statistics.median(timing.wall_ms for timing in timings)


def median_cpu(timings: Sequence[Timing]) -> float:
    """Median CPU milliseconds."""
    return statistics.median(timing.cpu_ms for timing in timings)


def p99_wall(timings: Sequence[Timing]) -> float:
    """99th percentile of wall-clock milliseconds."""
    return percentile([timing.wall_ms for timing in timings], 0.99)
