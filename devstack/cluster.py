"""``make cluster``: run the nightly job once against the stack that ``make run`` is running.

Runs in the topics virtual environment (BERTopic and torch live there, never in the API's).
While another nightly run holds the lease (the one ``make run`` starts at start-up), it waits for
that run to finish, saying so, and then runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from devstack.dynamodb import REPO_ROOT, port_is_free
from devstack.run import STACK_FILE, TOPICS_PYTHON, local_environment

# Far above a start-up run on the demo data (about a minute).
WAIT_SECONDS = 1800


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default=os.environ.get("DATA_DIR") or ".data")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    stack = data_dir / STACK_FILE
    if not stack.exists():
        print(
            f"error: no running local stack found ({stack} is missing): start it with `make run` first", file=sys.stderr
        )
        return 2
    endpoint = json.loads(stack.read_text())["dynamodb_endpoint"]
    if port_is_free(int(endpoint.rsplit(":", 1)[1])):
        # make run was killed outright: its processes are gone but it could not remove the file.
        print(f"error: the local stack of {stack} is not running any more: start it with `make run`", file=sys.stderr)
        return 2
    env = local_environment(data_dir, endpoint)
    return subprocess.run(
        [str(TOPICS_PYTHON), "-m", "chalicelib.topics", "nightly", "--wait", str(WAIT_SECONDS)],
        cwd=REPO_ROOT,
        env=env,
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
