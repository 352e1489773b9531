"""Cold import of ``app.py`` beside a bare Chalice app that imports boto3, in fresh processes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.api.common import IMPORT_TARGET, Timing, children_cpu_seconds, median_cpu, median_wall, verdict

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.

if TYPE_CHECKING:
    pass

# ----------------------------------------------------------------------------- import time


def bytecode_cached(env: dict[str, str], cache_dir: str) -> dict[str, str]:
    """``env`` with every module's bytecode cached under ``cache_dir``, whatever the caller's settings.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on this machine) the repository's modules, which have
    no ``__pycache__``, would be compiled anew by every process while the bare app has almost
    nothing to compile; a cache of this run's own makes both sides pay the same.
    """
    cached = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**cached, "PYTHONPYCACHEPREFIX": cache_dir}


def python_run(cwd: Path, env: dict[str, str], *arguments: str) -> Timing:
    """Wall and CPU time of a fresh interpreter started with ``arguments`` in ``cwd``."""
    wall, cpu = time.perf_counter(), children_cpu_seconds()
    subprocess.run([sys.executable, *arguments], cwd=cwd, env=env, check=True)
    return Timing((time.perf_counter() - wall) * 1000, (children_cpu_seconds() - cpu) * 1000)


BASELINES = ("python -c pass", "bare app")


def import_times(app_dir: Path, bare_dir: Path, env: dict[str, str], runs: int) -> dict[str, list[Timing]]:
    """Interleaved runs of: the interpreter alone, the bare app, this app.

    One unmeasured round first, which also fills the bytecode cache.
    """
    times: dict[str, list[Timing]] = defaultdict(list)
    for _ in range(runs + 1):
        times["python -c pass"].append(python_run(app_dir, env, "-c", "pass"))
        times["bare app"].append(python_run(bare_dir, env, "-c", "import app"))
        times["app.py"].append(python_run(app_dir, env, "-c", "import app"))
    return {name: samples[1:] for name, samples in times.items()}


def import_rows(times: dict[str, list[Timing]]) -> list[list[str]]:
    """Median wall and CPU time of each process, and this app's ratios to the bare app."""
    rows = [
        [name, f"{median_wall(times[name]):.0f}", f"{median_cpu(times[name]):.0f}", "", "", ""] for name in BASELINES
    ]
    app, bare = times["app.py"], times["bare app"]
    wall_ratio, cpu_ratio = median_wall(app) / median_wall(bare), median_cpu(app) / median_cpu(bare)
    ratios = [f"{wall_ratio:.2f}x", f"{cpu_ratio:.2f}x", verdict(cpu_ratio, IMPORT_TARGET)]
    return [*rows, ["app.py", f"{median_wall(app):.0f}", f"{median_cpu(app):.0f}", *ratios]]


IMPORT_HEADERS = (
    "process",
    "wall ms (median)",
    "CPU ms (median)",
    "wall ratio to bare",
    "CPU ratio to bare",
    f"target CPU ratio ≤ {IMPORT_TARGET}x",
)


@dataclass(frozen=True)
class ImportLine:
    """One line of ``python -X importtime``."""

    module: str
    self_us: int
    cumulative_us: int


def importtime(cwd: Path, env: dict[str, str]) -> list[ImportLine]:
    """The modules that ``import app`` imports in ``cwd``, from ``-X importtime``."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app"],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    lines = []
    for line in completed.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[0].strip().isdigit():
            lines.append(ImportLine(fields[2].strip(), int(fields[0]), int(fields[1])))
    return lines


def importtime_runs(cwd: Path, env: dict[str, str], runs: int) -> list[list[ImportLine]]:
    """``runs`` fresh ``-X importtime`` profiles of ``import app`` in ``cwd``."""
    return [importtime(cwd, env) for _ in range(runs)]


def top_cumulative(runs: list[list[ImportLine]], count: int) -> list[list[str]]:
    """The ``count`` modules with the largest median cumulative import time.

    A module named twice in one run (a package re-entered while its submodule loads) counts once:
    its larger cumulative time and the sum of its self times.
    """
    cumulative: dict[str, list[int]] = defaultdict(list)
    self_time: dict[str, list[int]] = defaultdict(list)
    for run in runs:
        run_cumulative: dict[str, int] = {}
        run_self: Counter[str] = Counter()
        for line in run:
            run_cumulative[line.module] = max(run_cumulative.get(line.module, 0), line.cumulative_us)
            run_self[line.module] += line.self_us
        for module, value in run_cumulative.items():
            cumulative[module].append(value)
            self_time[module].append(run_self[module])
    ranked = sorted(cumulative, key=lambda module: statistics.median(cumulative[module]), reverse=True)[:count]
    return [
        [
            module,
            f"{statistics.median(cumulative[module]) / 1000:.1f}",
            f"{statistics.median(self_time[module]) / 1000:.1f}",
        ]
        for module in ranked
    ]


def self_time_by_package(run: list[ImportLine]) -> Counter[str]:
    """Microseconds of import spent in each top-level package's own modules."""
    totals: Counter[str] = Counter()
    for line in run:
        totals[line.module.split(".")[0]] += line.self_us
    return totals


def package_import_rows(
    app_runs: list[list[ImportLine]], bare_runs: list[list[ImportLine]], count: int
) -> list[list[str]]:
    """Median import self time per top-level package, for this app beside the bare one."""

    def medians(runs: list[list[ImportLine]]) -> dict[str, float]:
        """Milliseconds per package, the median over ``runs``."""
        per_run = [self_time_by_package(run) for run in runs]
        packages = {package for totals in per_run for package in totals}
        return {package: statistics.median(totals[package] for totals in per_run) / 1000 for package in packages}

    app, bare = medians(app_runs), medians(bare_runs)
    ranked = sorted(app, key=lambda package: app[package], reverse=True)[:count]
    return [[package, f"{app[package]:.1f}", f"{bare[package]:.1f}" if package in bare else "—"] for package in ranked]
