"""The topics tests need the heavy dependencies of requirements-topics.txt (``.venv-topics``).

In the API's environment (``.venv``) the directory is not collected at all, and the run's summary
says so, instead of failing on the imports.
"""

from __future__ import annotations

import importlib.util

import pytest

HAS_TOPICS_DEPS = importlib.util.find_spec("bertopic") is not None
SKIP_REASON = (
    "tests/topics skipped: BERTopic is not installed; run them with .venv-topics/bin/python -m pytest tests/topics"
)

collect_ignore_glob = [] if HAS_TOPICS_DEPS else ["test_*.py"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not HAS_TOPICS_DEPS:
        terminalreporter.write_line(SKIP_REASON, yellow=True)
