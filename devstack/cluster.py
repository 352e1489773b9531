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

from devstack.dynamodb import REPO_ROOT
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
    env = local_environment(data_dir, endpoint)
    return subprocess.run(
        [str(TOPICS_PYTHON), "-m", "chalicelib.topics", "nightly", "--wait", str(WAIT_SECONDS)],
        cwd=REPO_ROOT,
        env=env,
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
