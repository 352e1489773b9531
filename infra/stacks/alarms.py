"""CloudWatch alarms, all sent to one encrypted SNS topic (e-mailed when ``-c alarm_email=`` is set)."""

from __future__ import annotations

from collections.abc import Iterable

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from stacks.tables import Tables

FIVE_MINUTES = Duration.minutes(5)


class Alarms(Construct):
    """The alarm topic and the alarms on the API, the tables and whatever else is handed in."""

    def __init__(self, scope: Construct, construct_id: str, *, alarm_email: str) -> None:
        super().__init__(scope, construct_id)
        key = kms.Key(self, "TopicKey", description="Cocrea alarm topic", enable_key_rotation=True)
        # CloudWatch publishes to an encrypted topic only if the key lets it.
        key.grant(iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*")
        self.topic = sns.Topic(self, "Topic", display_name="Cocrea alarms", master_key=key, enforce_ssl=True)
        if alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
        self._action = actions.SnsAction(self.topic)

    def notify(self, alarms: Iterable[cloudwatch.Alarm]) -> None:
        """Send these alarms (and their recovery) to the topic."""
        for alarm in alarms:
            alarm.add_alarm_action(self._action)
            alarm.add_ok_action(self._action)

    def api_errors(self, api_name: str, stage: str) -> None:
        """5xx answers of the API: the contract allows them only for an outage (503) or a bug (500)."""
        errors = cloudwatch.Metric(
            namespace="AWS/ApiGateway",
            metric_name="5XXError",
            dimensions_map={"ApiName": api_name, "Stage": stage},
            statistic="Sum",
            period=FIVE_MINUTES,
        )
        self.notify(
            [
                errors.create_alarm(
                    self,
                    "Api5xx",
                    alarm_description="The API answered 5 or more 5xx responses in 5 minutes",
                    threshold=5,
                    evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                )
            ]
        )

    def table_throttling(self, tables: Tables) -> None:
        """One alarm per table: on-demand tables throttle only on a hot partition or a sudden 2x peak."""
        alarms = []
        for name, table in sorted(tables.by_name.items()):
            throttled = cloudwatch.MathExpression(
                expression="reads + writes",
                using_metrics={
                    "reads": table.metric("ReadThrottleEvents", statistic="Sum", period=FIVE_MINUTES),
                    "writes": table.metric("WriteThrottleEvents", statistic="Sum", period=FIVE_MINUTES),
                },
                label=f"{name} throttle events",
                period=FIVE_MINUTES,
            )
            alarms.append(
                throttled.create_alarm(
                    self,
                    f"Throttled-{name}",
                    alarm_description=f"DynamoDB table {name} throttled 10 or more requests in 5 minutes",
                    threshold=10,
                    evaluation_periods=1,
                    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                )
            )
        self.notify(alarms)
