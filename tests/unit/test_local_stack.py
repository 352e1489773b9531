"""make run's environment: e-mails link to the portal where make run serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from devstack.run import local_environment


def test_e_mails_link_to_the_port_make_run_serves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PORTAL_URL", raising=False)

    env = local_environment(tmp_path, "http://127.0.0.1:9", port=8107)

    assert env["PORTAL_URL"] == "http://127.0.0.1:8107"


def test_a_configured_public_url_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PORTAL_URL", "https://ideas.example.com")

    env = local_environment(tmp_path, "http://127.0.0.1:9", port=8107)

    assert env["PORTAL_URL"] == "https://ideas.example.com"
