"""The semantic function: the one function that holds the embedding model (chalicelib/semantic).

- It consumes the ideas table's stream: new and edited ideas are embedded (int8 vectors in
  ``idea_vectors``), likely duplicates recorded (``duplicate_pairs``), and each product's
  snapshot rewritten in the snapshots bucket when enough vectors were added since the last.
- The API invokes it synchronously for ``GET /search`` and ``POST /ideas/similar``
  (``chalicelib.semantic.client.Invoked``): the model and numpy stay out of the API's zip and its
  cold start. README ("Where the model runs") says why a function of its own rather than a layer.

A container image like the topics job (Dockerfile.semantic): numpy and the 4-bit model are
~100 MB, and one image keeps the engine's shared library and the Python it was built for together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from stacks.access import table_statements
from stacks.lambdas import FunctionIdentity
from stacks.tables import Tables

# 1,769 MB is one full vCPU: one query embeds in ~20 ms on one thread (docs/benchmarks.md).
MEMORY_MB = 1769
TIMEOUT = Duration.seconds(60)
# Ideas per stream batch: embedding is batched, and a batch must finish far inside the timeout.
BATCH_SIZE = 25


class SemanticFunction(Construct):
    """The function, its stream trigger, its snapshots bucket and what it may touch.

    Attributes
    ----------
    function
        The ``DockerImageFunction`` built from ``Dockerfile.semantic`` at deploy time.
    bucket
        Where each product's snapshot of vectors lives (``snapshots/<product>.npz``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        source_dir: Path,
        tables: Tables,
        environment: Mapping[str, str],
        logs_bucket: s3.IBucket,
        retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self,
            "Snapshots",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            versioned=True,
            server_access_logs_bucket=logs_bucket,
            server_access_logs_prefix="semantic/",
            # A snapshot is rebuilt from idea_vectors at any time: old versions are worth a day.
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(1))],
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=False,
        )
        identity = FunctionIdentity(self, "Identity", description="Cocrea semantic function", retention=retention)
        self.role = identity.role
        identity.role.attach_inline_policy(iam.Policy(self, "Tables", statements=table_statements("semantic", tables)))
        # One object per product, so the objects are named by a pattern; nothing else in the bucket.
        identity.role.add_to_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject", "s3:PutObject"], resources=[self.bucket.arn_for_objects("snapshots/*")]
            )
        )
        self.function = lambda_.DockerImageFunction(
            self,
            "Function",
            description="Cocrea: semantic model (embed on write, duplicate pairs, search and hints)",
            code=lambda_.DockerImageCode.from_image_asset(
                str(source_dir), file="Dockerfile.semantic", platform=ecr_assets.Platform.LINUX_AMD64
            ),
            architecture=lambda_.Architecture.X86_64,
            memory_size=MEMORY_MB,
            timeout=TIMEOUT,
            environment={**environment, "SEMANTIC_BUCKET": self.bucket.bucket_name, "SEMANTIC_THREADS": "1"},
            role=identity.role,
            log_group=identity.log_group,
        )
        # Records that fail three times (after halving the batch) are kept here, not lost: the
        # next edit of the idea, or the local worker's backfill logic run by hand, embeds them.
        self.failed = sqs.Queue(
            self,
            "FailedRecords",
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )
        self.function.add_event_source(
            sources.DynamoEventSource(
                tables.by_name["ideas"],
                starting_position=lambda_.StartingPosition.LATEST,
                batch_size=BATCH_SIZE,
                max_batching_window=Duration.seconds(2),
                bisect_batch_on_error=True,
                retry_attempts=3,
                on_failure=sources.SqsDlq(self.failed),
            )
        )

    def grant_invoke(self, role: iam.IRole) -> None:
        """Let the API invoke the function for search and hints (the function itself, no version)."""
        role.add_to_principal_policy(
            iam.PolicyStatement(actions=["lambda:InvokeFunction"], resources=[self.function.function_arn])
        )

    def alarms(self) -> list[cloudwatch.Alarm]:
        """Errors of the function (search failing, embedding failing) and records given up on."""
        errors = self.function.metric_errors(period=Duration.minutes(5), statistic="Sum").create_alarm(
            self,
            "Errors",
            alarm_description="The semantic function failed (search, hints or embedding new ideas)",
            threshold=5,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        given_up = self.failed.metric_approximate_number_of_messages_visible(
            period=Duration.minutes(5), statistic="Maximum"
        ).create_alarm(
            self,
            "GaveUp",
            alarm_description="Ideas the semantic function could not embed after retries",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        return [errors, given_up]
