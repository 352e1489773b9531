"""The nightly topics job: a container-image Lambda (BERTopic and torch are far over the zip limit)
on an EventBridge schedule. Chalice cannot deploy container images, hence CDK.

Sizing (docs/scaling.md): 3,008 MB gives two vCPUs for torch and UMAP, and a run at 10,000 ideas
takes a few minutes of the 15 allowed. One run at a time: the run writes a whole topic model.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aws_cdk import Duration, Size
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from stacks.access import table_statements
from stacks.lambdas import FunctionIdentity
from stacks.tables import Tables

MEMORY_MB = 3008
TIMEOUT = Duration.minutes(15)


class TopicsJob(Construct):
    """The job's function, its schedule and what it may touch.

    Attributes
    ----------
    function
        The ``DockerImageFunction`` built from ``Dockerfile.topics`` at deploy time.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        source_dir: Path,
        schedule: str,
        tables: Tables,
        environment: Mapping[str, str],
        retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        identity = FunctionIdentity(self, "Identity", description="Cocrea nightly topics job", retention=retention)
        identity.role.attach_inline_policy(iam.Policy(self, "Tables", statements=table_statements("topics", tables)))
        self.function = lambda_.DockerImageFunction(
            self,
            "Function",
            description="Cocrea: nightly topics (embeddings, BERTopic, topics, affinities, alerts)",
            # Synth only stages the folder (filtered by .dockerignore); the image is built by deploy.
            code=lambda_.DockerImageCode.from_image_asset(
                str(source_dir), file="Dockerfile.topics", platform=ecr_assets.Platform.LINUX_AMD64
            ),
            architecture=lambda_.Architecture.X86_64,
            memory_size=MEMORY_MB,
            timeout=TIMEOUT,
            # The model and the numba cache are in the image; /tmp holds the run's working files.
            ephemeral_storage_size=Size.gibibytes(2),
            reserved_concurrent_executions=1,
            # A run is re-runnable (it publishes atomically), but a failing one should not burn
            # three times 15 minutes: one retry, then the alarm.
            retry_attempts=1,
            environment=dict(environment),
            role=identity.role,
            log_group=identity.log_group,
        )
        self.rule = events.Rule(
            self,
            "Nightly",
            description="Cocrea: run the topics job every night",
            schedule=events.Schedule.expression(schedule),
            targets=[targets.LambdaFunction(self.function, retry_attempts=2)],
        )

    def alarms(self) -> list[cloudwatch.Alarm]:
        """A failed run, and a night without any run (a broken schedule fails silently otherwise)."""
        failed = self.function.metric_errors(period=Duration.hours(1), statistic="Sum").create_alarm(
            self,
            "Failed",
            alarm_description="The nightly topics job failed",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        missing = self.function.metric_invocations(period=Duration.days(1), statistic="Sum").create_alarm(
            self,
            "DidNotRun",
            alarm_description="The nightly topics job did not run in the last 24 hours",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
        )
        return [failed, missing]
