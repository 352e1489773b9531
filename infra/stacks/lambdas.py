"""What every function of the app shares: its own log group with a retention, and its own role.

Roles are built here rather than by Lambda's defaults so that none carries the managed
AWSLambdaBasicExecutionRole (logs on ``*``): each may write to its own log group and nothing else.
"""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from constructs import Construct


class FunctionIdentity(Construct):
    """A function's log group and execution role.

    Attributes
    ----------
    log_group
        Where the function logs (the function points at it with ``LoggingConfig``).
    role
        The execution role: trusts Lambda, may write to ``log_group``; grant the rest explicitly.
    """

    def __init__(self, scope: Construct, construct_id: str, *, description: str, retention: logs.RetentionDays) -> None:
        super().__init__(scope, construct_id)
        self.log_group = logs.LogGroup(self, "Logs", retention=retention, removal_policy=RemovalPolicy.DESTROY)
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=description,
        )
        self.role.add_to_policy(
            iam.PolicyStatement(
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.log_group.log_group_arn],
            )
        )
