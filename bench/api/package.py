"""The deployment zip ``chalice package`` builds: its size, and its import time unpacked."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from bench.api.common import BYTES_PER_MB, PACKAGE_SETTINGS, REPO_ROOT, median_cpu, median_wall
from bench.api.imports import python_run

# Only modules that do not touch DynamoDB are imported here: the store binds to its endpoint when
# imported, so it (and app.py) is imported inside functions, after main() has set the environment.

if TYPE_CHECKING:
    pass

# ----------------------------------------------------------------------------- deployment package


def build_package(out_dir: Path, env: dict[str, str]) -> Path:
    """Run ``chalice package --stage dev`` from the repository root; returns the zip it built."""
    chalice = Path(sys.executable).with_name("chalice")
    subprocess.run(
        [str(chalice), "package", "--stage", "dev", str(out_dir)],
        cwd=REPO_ROOT,
        env={**env, **PACKAGE_SETTINGS},
        check=True,
        capture_output=True,
    )
    return out_dir / "deployment.zip"


# What the Lambda Python runtime provides beside the zip: boto3 and botocore with their dependencies.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six.py")


def unpacked_import_rows(zip_path: Path, env: dict[str, str], runs: int) -> list[list[str]]:
    """``import app`` from the unpacked zip plus the runtime's boto3 and botocore (``-S``: no other
    site-packages), without and with bytecode.

    Lambda unpacks the zip into a read-only ``/var/task``: with no ``.pyc`` in the zip, every cold
    start compiles every module of it. ``-B`` reproduces that; ``compileall`` shows the other way.
    The runtime's own packages come compiled, so they are linked in from this environment.
    """
    import botocore

    with tempfile.TemporaryDirectory(prefix="cocrea-unpacked-") as unpacked:
        directory = Path(unpacked) / "task"
        runtime = Path(unpacked) / "runtime"
        runtime.mkdir()
        site_packages = Path(botocore.__file__).resolve().parent.parent
        for name in RUNTIME_PACKAGES:
            if (site_packages / name).exists():
                (runtime / name).symlink_to(site_packages / name)
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(directory)
        plain = {name: value for name, value in env.items() if name != "PYTHONPYCACHEPREFIX"}
        plain["PYTHONPATH"] = str(runtime)
        source = [python_run(directory, plain, "-S", "-B", "-c", "import app") for _ in range(runs)]
        subprocess.run([sys.executable, "-m", "compileall", "-q", "."], cwd=directory, env=plain, check=True)
        compiled = [python_run(directory, plain, "-S", "-c", "import app") for _ in range(runs)]
    return [
        ["no .pyc (as the zip is deployed)", f"{median_wall(source):.0f}", f"{median_cpu(source):.0f}"],
        ["after `python -m compileall`", f"{median_wall(compiled):.0f}", f"{median_cpu(compiled):.0f}"],
    ]


def zip_rows(zip_path: Path, count: int) -> list[list[str]]:
    """The ``count`` largest top-level entries of the zip, compressed and uncompressed, in MB."""
    compressed: Counter[str] = Counter()
    uncompressed: Counter[str] = Counter()
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            top = info.filename.split("/", 1)[0]
            compressed[top] += info.compress_size
            uncompressed[top] += info.file_size
    return [
        [name, f"{size / BYTES_PER_MB:.2f}", f"{uncompressed[name] / BYTES_PER_MB:.2f}"]
        for name, size in compressed.most_common(count)
    ]
