"""``make run``: DynamoDB Local and the API on one machine, with demo data, in the foreground.

Stops everything it started on Ctrl-C or SIGTERM, and also when one of its processes dies; if it
is killed outright, the kernel stops its children (devstack/lifetime.py).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, free_port, port_is_free, stop_all, wait_for_port
from devstack.lifetime import stops_with_this_process

STACK_FILE = "stack.json"
TOPICS_PYTHON = REPO_ROOT / ".venv-topics" / "bin" / "python"


def local_environment(data_dir: Path, dynamodb_endpoint: str, port: int | None = None) -> dict[str, str]:
    """The environment of every process of the local stack. With the ``port`` the portal is
    served on, e-mails link to it (``PORTAL_URL``, unless it is set already, e.g. to a domain)."""
    env = dict(os.environ)
    if port is not None:
        env.setdefault("PORTAL_URL", f"http://127.0.0.1:{port}")
    env.update(
        STAGE="local",
        DATA_DIR=str(data_dir),
        DYNAMODB_ENDPOINT=dynamodb_endpoint,
        # DynamoDB Local accepts any credentials, but botocore insists on having some.
        AWS_ACCESS_KEY_ID=os.environ.get("AWS_ACCESS_KEY_ID", "local"),
        AWS_SECRET_ACCESS_KEY=os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
        AWS_DEFAULT_REGION=os.environ.get("AWS_DEFAULT_REGION", "eu-west-1"),
        PYTHONUNBUFFERED="1",
    )
    return env


def start_api(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # `chalice local` with AWS's answer to unknown paths (devstack/local_server.py).
    return subprocess.Popen(
        [sys.executable, "-m", "devstack.local_server", "--stage", "local", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        start_new_session=True,
        preexec_fn=stops_with_this_process(),
    )


class Stop(Exception):
    """Raised by the signal handler to unwind into the clean-up."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or ".data")
    args = parser.parse_args()
    if not port_is_free(args.port):
        print(
            f"error: port {args.port} is already in use. Stop what uses it, or choose another: make run PORT=8080",
            file=sys.stderr,
        )
        return 2
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        raise Stop(signal.Signals(signum).name)

    parent = os.getppid()
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    stack_file = data_dir / STACK_FILE
    dynamodb = DynamoDBLocal(free_port(), db_path=data_dir / "dynamodb", log_path=data_dir / "dynamodb.log")
    api: subprocess.Popen[bytes] | None = None
    notifier: subprocess.Popen[bytes] | None = None
    semantic: subprocess.Popen[bytes] | None = None
    nightly: subprocess.Popen[bytes] | None = None
    try:
        print(f"starting DynamoDB Local (data in {data_dir / 'dynamodb'}) ...", flush=True)
        dynamodb.start()
        env = local_environment(data_dir, dynamodb.endpoint, args.port)
        # `make cluster` finds the running stack's DynamoDB here.
        stack_file.write_text(json.dumps({"dynamodb_endpoint": dynamodb.endpoint, "port": args.port}))
        subprocess.run(
            [sys.executable, "-m", "devstack.prepare", "--seed"],
            cwd=REPO_ROOT,
            env=env,
            check=True,
            preexec_fn=stops_with_this_process(),
        )
        notifier = subprocess.Popen(
            [sys.executable, "-m", "devstack.notifier"], cwd=REPO_ROOT, env=env, preexec_fn=stops_with_this_process()
        )
        # Embeds new and edited ideas from the ideas table's stream (the semantic function in AWS).
        semantic = subprocess.Popen(
            [sys.executable, "-m", "devstack.semantic_worker"],
            cwd=REPO_ROOT,
            env=env,
            preexec_fn=stops_with_this_process(),
        )
        api = start_api(args.port, env)
        wait_for_port(args.port, api, 60, "the API")
        # The nightly job once at start-up, in the background: the portal is usable at once and
        # shows topics, feeds, segments and alerts when the run publishes (about a minute).
        with (data_dir / "nightly.log").open("ab") as log:
            nightly = subprocess.Popen(
                [str(TOPICS_PYTHON), "-m", "chalicelib.topics", "nightly", "--quiet"],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=stops_with_this_process(),
            )
        print(
            f"\nCocrea is running: open http://127.0.0.1:{args.port}/ in a browser\n"
            f'  Sign in from the portal\'s "Sign in" button: a picker of the demo users, one per role\n'
            f"  (demo-ana customer, demo-lucia product team, demo-marta marketing, demo-oliver moderator,\n"
            f"  demo-javier admin). No password: this local stage signs its own tokens.\n"
            f"API: /health, /openapi.json, /ideas; a token for curl:\n"
            f'  curl -s -X POST http://127.0.0.1:{args.port}/dev/token -d \'{{"sub": "demo-ana", "name": "Ana"}}\'\n'
            f"E-mail notices are written to {data_dir / 'outbox'}\n"
            f"The nightly topics job is running once now (log: {data_dir / 'nightly.log'}); `make cluster` reruns it\n"
            f"Press Ctrl-C to stop.",
            flush=True,
        )
        while True:
            if os.getppid() != parent:
                # `make` was stopped with SIGTERM: make does not pass the signal on, so a
                # changed parent is our cue to stop everything we started.
                print("make run was stopped; stopping", file=sys.stderr)
                return 0
            if notifier.poll() is not None:
                print(f"the notification worker exited with code {notifier.returncode}; stopping", file=sys.stderr)
                return 1
            if semantic.poll() is not None:
                print(f"the semantic worker exited with code {semantic.returncode}; stopping", file=sys.stderr)
                return 1
            if api.poll() is not None:
                print(f"the API exited with code {api.returncode}; stopping", file=sys.stderr)
                return 1
            if dynamodb.process is None or dynamodb.process.poll() is not None:
                print("DynamoDB Local exited; stopping", file=sys.stderr)
                return 1
            time.sleep(0.5)
    except Stop as reason:
        print(f"\n{reason}: stopping ...", flush=True)
        return 0
    except subprocess.CalledProcessError as error:
        print(f"preparing the store failed ({error}); stopping", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        # All at once (a supervisor's SIGKILL may follow its SIGTERM within a second), DynamoDB
        # Local last so that nothing loses its store while stopping; whatever is still running
        # if this process is killed meanwhile gets SIGTERM from the kernel (devstack/lifetime.py).
        stop_all([process for process in (api, notifier, semantic, nightly) if process is not None])
        dynamodb.stop()
        stack_file.unlink(missing_ok=True)
        print("stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
