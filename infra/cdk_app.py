"""Entry of the CDK app (not ``app.py``, which is the Chalice app's module).

    npx cdk synth -c stage=dev        # from infra/, see docs/deploy.md

cdk-nag's AwsSolutions pack checks the app at synth; an unacknowledged finding stops it.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The stacks read the API's own models and routes: the repository root must be importable.
sys.path.insert(0, str(REPO_ROOT))

import aws_cdk as cdk  # noqa: E402
from cdk_nag import AwsSolutionsChecks  # noqa: E402
from stacks.cocrea import CocreaStack  # noqa: E402
from stacks.settings import read_settings  # noqa: E402


def main() -> None:
    app = cdk.App()
    settings = read_settings(app.node)
    CocreaStack(
        app,
        f"Cocrea-{settings.stage}",
        settings=settings,
        repo_root=REPO_ROOT,
        work_dir=Path(app.outdir),
        description=f"Cocrea customer co-creation portal ({settings.stage})",
        tags={"project": "cocrea", "stage": settings.stage},
    )
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    app.synth()


if __name__ == "__main__":
    main()
