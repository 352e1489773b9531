"""Children that cannot outlive the process that started them.

``make run`` starts DynamoDB Local, ``chalice local``, the notifier and the nightly job, each in a
session of its own so that Ctrl-C reaches only the launcher, which then stops them in order. But
a launcher can die without cleaning up: a supervisor's SIGTERM to the process group followed by
SIGKILL a moment later (``timeout -k``, systemd, a CI runner), or the OOM killer. So every child
also asks the kernel (Linux ``prctl(PR_SET_PDEATHSIG)``) for SIGTERM the moment its parent dies,
whatever the way; the setting survives ``exec`` and costs nothing while the parent lives.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def stops_with_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess.Popen`` that makes the child receive SIGTERM when this
    process dies; None where the kernel offers no such signal (the launcher's own checks remain)."""
    if not sys.platform.startswith("linux"):
        return None
    # Loaded here, before the fork: between fork and exec the child may only make plain calls.
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def in_child() -> None:
        if prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            os._exit(70)
        # The parent may have died before the request was made: then nobody would signal us.
        if os.getppid() != parent:
            os._exit(0)

    return in_child
