"""``make run`` stops everything it started, however it is stopped: a supervisor's SIGTERM to the
process group followed a moment later by SIGKILL (what ``timeout -k`` does), or SIGKILL alone.
Afterwards its ports are free and none of its processes (DynamoDB Local, the local API server, the
notifier, the start-up nightly run) is left.

Slow (the local stack starts twice, without the demo data): marked ``served``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, free_port, port_is_free

pytestmark = pytest.mark.served

START_TIMEOUT_SECONDS = 240
STOP_TIMEOUT_SECONDS = 20


def live_processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process that is not a zombie."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            found[int(entry.name)] = (int(parent), command)
    return found


def descendants(root: int) -> dict[int, str]:
    processes = live_processes()
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, command) in processes.items():
            if ppid == parent and pid not in found:
                found[pid] = command
                frontier.append(pid)
    return found


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def stack_environment() -> dict[str, str]:
    """This machine's environment without the test run's own stack settings."""
    own = {"STAGE", "DYNAMODB_ENDPOINT", "DATA_DIR", "TABLE_PREFIX"}
    return {key: value for key, value in os.environ.items() if key not in own}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose store already holds a product: make run then skips loading the demo
    data (minutes on a busy machine), which these tests are not about."""
    folder = tmp_path_factory.mktemp("make-run")
    seed = (
        "from chalicelib.store.tables import create_missing_tables\n"
        "from chalicelib.store.products import create_product\n"
        "create_missing_tables()\n"
        "create_product('lifetime', 'Lifetime', '', '2026-01-01T00:00:00Z')\n"
    )
    with DynamoDBLocal(free_port(), db_path=folder / "dynamodb") as store:
        env = {**stack_environment(), "STAGE": "local", "DYNAMODB_ENDPOINT": store.endpoint, "DATA_DIR": str(folder)}
        subprocess.run([sys.executable, "-c", seed], cwd=REPO_ROOT, env=env, check=True, timeout=120)
    return folder


def start_make_run(data_dir: Path) -> tuple[subprocess.Popen[bytes], int, int]:
    """``make run`` in a process group of its own, as a supervisor starts it; once it serves:
    the process, the API's port and DynamoDB Local's port."""
    port = free_port()
    env = stack_environment()
    log = (data_dir / "make-run.log").open("ab")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", f"DATA_DIR={data_dir}"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not answers(port):
        assert process.poll() is None, (data_dir / "make-run.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "make run did not serve in time"
        time.sleep(0.5)
    dynamodb_port = int(json.loads((data_dir / "stack.json").read_text())["dynamodb_endpoint"].rsplit(":", 1)[1])
    return process, port, dynamodb_port


def wait_until_gone(pids: Iterator[int] | list[int], ports: list[int]) -> tuple[dict[int, str], list[int]]:
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    pids = list(pids)
    while True:
        alive = live_processes()
        left = {pid: alive[pid][1] for pid in pids if pid in alive}
        busy = [port for port in ports if not port_is_free(port)]
        if (not left and not busy) or time.monotonic() > deadline:
            return left, busy
        time.sleep(0.2)


@pytest.mark.parametrize("how", ["SIGTERM to the group, SIGKILL 0.5 s later", "SIGKILL to make and the launcher only"])
def test_make_run_leaves_nothing_behind(data_dir: Path, how: str) -> None:
    process, port, dynamodb_port = start_make_run(data_dir)
    started = descendants(process.pid)
    try:
        stop_and_check(process, started, how, [port, dynamodb_port], data_dir)
    finally:
        # Whatever failed above, nothing of this stack outlives the test: each process it started
        # that still runs the same command (a pid may have been reused since) is killed.
        process.kill()
        alive = live_processes()
        for pid, command in started.items():
            if pid in alive and alive[pid][1] == command:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def stop_and_check(
    process: subprocess.Popen[bytes], started: dict[int, str], how: str, ports: list[int], data_dir: Path
) -> None:
    commands = " ".join(started.values())
    assert "DynamoDBLocal.jar" in commands and "devstack.local_server" in commands, commands

    if how.startswith("SIGTERM"):
        os.killpg(process.pid, signal.SIGTERM)
        time.sleep(0.5)
        os.killpg(process.pid, signal.SIGKILL)
    else:
        launcher = [pid for pid, command in started.items() if "devstack.run" in command]
        for pid in [process.pid, *launcher]:
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)

    left, busy = wait_until_gone(list(started), ports)
    assert left == {}, f"still running after make run was stopped: {left}"
    assert busy == [], f"ports still taken: {busy}"
    # make cluster tells a stack that is gone from a running one, though make run had no time to tidy up.
    cluster = subprocess.run(
        [sys.executable, "-m", "devstack.cluster", "--data-dir", str(data_dir)],
        cwd=REPO_ROOT,
        env=stack_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert cluster.returncode == 2 and "start it with `make run`" in cluster.stderr, cluster.stderr
