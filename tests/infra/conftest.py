"""Synthesize the CDK app once per session, as a deployer would, but with no AWS account.

These tests need the CDK app's environment (``.venv-infra``, from infra/requirements.txt) and the
CDK command line (``npm ci --prefix infra``). In the API's environment they are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
INFRA = REPO_ROOT / "infra"
CDK = INFRA / "node_modules" / ".bin" / "cdk"
STACK = "Cocrea-dev"
SKIP_REASON = (
    "tests/infra need the CDK app's environment: python3 -m venv .venv-infra && "
    ".venv-infra/bin/pip install -r infra/requirements.txt && npm ci --prefix infra, "
    "then .venv-infra/bin/python -m pytest tests/infra"
)


@dataclass(frozen=True)
class Synth:
    """What ``cdk synth`` wrote: the output folder and the stack's template."""

    out_dir: Path
    template: dict[str, Any]
    seconds: float

    @property
    def template_path(self) -> Path:
        return self.out_dir / f"{STACK}.template.json"

    def resources(self, resource_type: str) -> dict[str, dict[str, Any]]:
        return {name: r for name, r in self.template["Resources"].items() if r["Type"] == resource_type}


def _environment_without_credentials() -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key not in {"STAGE", "TABLE_PREFIX", "CDK_DEFAULT_ACCOUNT"}
    }
    environment["AWS_DEFAULT_REGION"] = "eu-west-1"
    # No ~/.aws either: synth must not need an account, so it must not find one.
    environment["AWS_CONFIG_FILE"] = os.devnull
    environment["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    environment["CDK_DISABLE_VERSION_CHECK"] = "1"
    return environment


@pytest.fixture(scope="session")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synth]:
    """Run ``cdk synth -c stage=dev`` into a temporary folder; fail with its output if it fails."""
    pytest.importorskip("aws_cdk", reason=SKIP_REASON)
    pytest.importorskip("cdk_nag", reason=SKIP_REASON)
    if not CDK.exists():
        pytest.fail(f"the CDK command line is missing: npm ci --prefix infra ({CDK})")
    out_dir = tmp_path_factory.mktemp("cdk.out")
    command = [
        str(CDK),
        "synth",
        "--quiet",
        "--app",
        f"{sys.executable} cdk_app.py",  # this interpreter: the venv the tests run in
        "--output",
        str(out_dir),
        "-c",
        "stage=dev",
        "--no-notices",
    ]
    started = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=INFRA,
        env=_environment_without_credentials(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        pytest.fail(f"cdk synth failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    print(f"\ncdk synth took {seconds:.1f} s")
    template = json.loads((out_dir / f"{STACK}.template.json").read_text())
    yield Synth(out_dir=out_dir, template=template, seconds=seconds)
    shutil.rmtree(out_dir, ignore_errors=True)
