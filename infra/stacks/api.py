"""The Chalice app (API handler and its scheduled notifier), packaged by ``chalice.cdk.Chalice``.

Chalice packages the repository root into a SAM template that this construct includes. Chalice
makes no role: each of its functions gets the role of its own ``FunctionIdentity`` (exact table
actions, its own log group), and the values known only at deploy time (the pool's issuer and
client, the cursor secret's ARN, the portal URL) are set on the functions by CDK.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from aws_cdk import CfnResource, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from chalice.cdk import Chalice
from constructs import Construct

from chalicelib.api.gateway_answers import GATEWAY_ANSWERS, RETRY_AFTER_SECONDS
from chalicelib.security_headers import api_headers
from stacks.access import table_statements
from stacks.lambdas import FunctionIdentity
from stacks.settings import StageSettings
from stacks.tables import Tables
from stacks.webhook_queue import WebhookQueue

# The SAM logical id of each Chalice function -> its grant in stacks/access.py. A new Chalice
# function fails the synth until it is listed here, so none runs with a role nobody looked at.
CHALICE_FUNCTIONS = {
    "APIHandler": "api",
    "DeliverNotifications": "notifier",
    "DispatchWebhooks": "webhook_dispatcher",
    "DeliverWebhooks": "webhook_sender",
}
# The secrets each function reads (attributes of ``Api`` below): the notifier lists no page and
# reads none.
# The notifier signs the one-click unsubscribe links of its e-mails (chalicelib/unsubscribe_tokens.py).
SECRETS_BY_GRANT = {"api": ("cursor_secret",), "notifier": ("cursor_secret",)}
# Chalice refuses manage_iam_role=false without a role ARN; every function's Role is replaced.
_PLACEHOLDER_ROLE = "arn:aws:iam::000000000000:role/replaced-by-cdk"
# Paths of the app that are not the API: the portal's files (served by S3) and the local issuer.
_NOT_API_PATHS = {"", "assets", "dev"}


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    """Chalice writes its package to ``./chalice.out``: keep that inside the CDK output folder."""
    previous = Path.cwd()
    path.mkdir(parents=True, exist_ok=True)
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def api_paths() -> list[str]:
    """The first segment of every route of the Chalice app (``ideas``, ``me``...)."""
    from app import app  # the API's own route table, so CloudFront and the API always agree

    return sorted({path.split("/")[1] for path in app.routes} - _NOT_API_PATHS)


class Api(Construct):
    """The Chalice functions, their roles and settings, and the API's access logs.

    Attributes
    ----------
    rest_api_id
        The API Gateway REST API's id (for its domain and its metrics).
    stage_name
        The API Gateway stage (``api``, from ``.chalice/config.json``).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: StageSettings,
        source_dir: Path,
        work_dir: Path,
        tables: Tables,
        environment: Mapping[str, str],
        sender_identity_arn: str,
        webhook_queue: WebhookQueue,
        user_pool_arn: str,
    ) -> None:
        super().__init__(scope, construct_id)
        stage_block = json.loads((source_dir / ".chalice" / "config.json").read_text())["stages"][settings.stage]
        self.stage_name: str = stage_block["api_gateway_stage"]
        stage_config = {
            **stage_block,
            "manage_iam_role": False,
            "iam_role_arn": _PLACEHOLDER_ROLE,
            "environment_variables": {
                **stage_block.get("environment_variables", {}),
                "STAGE": settings.stage,
                "TABLE_PREFIX": settings.table_prefix,
                "NOTIFY_SENDER": settings.notify_sender,
            },
        }
        with _working_directory(work_dir):
            self.chalice = Chalice(self, "App", source_dir=str(source_dir), stage_config=stage_config)

        retention = logs.RetentionDays.ONE_YEAR if settings.is_production else logs.RetentionDays.ONE_MONTH
        self.cursor_secret = secretsmanager.Secret(
            self,
            "CursorSecret",
            description="Cocrea: key material of the API's page cursors (AES-GCM)",
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=64, exclude_punctuation=True),
        )
        self.roles: dict[str, iam.Role] = {}
        for function_id, resource in self._functions().items():
            grant = CHALICE_FUNCTIONS[function_id]
            identity = FunctionIdentity(
                self, f"{function_id}Identity", description=f"Cocrea {grant} function", retention=retention
            )
            identity.role.attach_inline_policy(
                iam.Policy(self, f"{function_id}Tables", statements=table_statements(grant, tables))
            )
            if grant == "notifier":
                identity.role.add_to_policy(
                    iam.PolicyStatement(actions=["ses:SendEmail"], resources=[sender_identity_arn])
                )
            if grant == "api":
                # POST /me/erase deletes the person's Cognito account; PUT /users/{id}/roles sets
                # the person's groups (the roles of their next token).
                identity.role.add_to_policy(
                    iam.PolicyStatement(
                        actions=[
                            "cognito-idp:AdminDeleteUser",
                            "cognito-idp:AdminAddUserToGroup",
                            "cognito-idp:AdminRemoveUserFromGroup",
                        ],
                        resources=[user_pool_arn],
                    )
                )
            if grant == "webhook_dispatcher":
                webhook_queue.queue.grant_send_messages(identity.role)
                self.chalice.add_environment_variable("WEBHOOK_QUEUE_URL", webhook_queue.queue.queue_url, function_id)
            if grant == "webhook_sender":
                webhook_queue.queue.grant_consume_messages(identity.role)
                self._consume_from(function_id, resource, webhook_queue.queue.queue_arn)
            self.roles[function_id] = identity.role
            resource.add_property_override("Role", identity.role.role_arn)
            resource.add_property_override("LoggingConfig", {"LogGroup": identity.log_group.log_group_name})
            for key, value in environment.items():
                self.chalice.add_environment_variable(key, value, function_id)
            # Each function gets only the secrets it uses, as an ARN it may read at cold start:
            # never the value in its environment, where the console and the template would show it.
            for secret in SECRETS_BY_GRANT.get(grant, ()):
                readable = getattr(self, secret)
                readable.grant_read(identity.role)
                self.chalice.add_environment_variable(f"{secret.upper()}_ARN", readable.secret_arn, function_id)

        self.rest_api = self.chalice.get_resource("RestAPI")
        self.rest_api_id: str = self.rest_api.ref
        self.domain = f"{self.rest_api_id}.execute-api.{Stack.of(self).region}.{Stack.of(self).url_suffix}"
        self.api_name = f"cocrea-{settings.stage}"
        self._configure_stage(retention)
        self._gateway_answers()

    @staticmethod
    def _consume_from(function_id: str, function: CfnResource, queue_arn: str) -> None:
        """Point the function's SQS event, which names a placeholder queue (chalicelib/api/jobs.py),
        at the CDK app's queue, the one with the dead-letter queue."""
        # Chalice names the SAM event after the handler: ``<FunctionId>SqsEventSource``.
        function.add_property_override(f"Events.{function_id}SqsEventSource.Properties.Queue", queue_arn)

    def set_variable(self, function_id: str, key: str, value: str) -> None:
        """Set one function's environment variable to a value known only at deploy time."""
        self.chalice.add_environment_variable(key, value, function_id)

    def _functions(self) -> dict[str, CfnResource]:
        # CfnInclude names each construct by its logical id in Chalice's template.
        found = {
            child.node.id: child
            for child in self.chalice.sam_template.node.children
            if isinstance(child, CfnResource) and child.cfn_resource_type == "AWS::Serverless::Function"
        }
        unknown = set(found) - set(CHALICE_FUNCTIONS)
        if unknown:
            raise KeyError(f"Chalice functions without a grant in stacks/api.py CHALICE_FUNCTIONS: {sorted(unknown)}")
        return found

    def _gateway_answers(self) -> None:
        """What API Gateway answers by itself (an unknown path, throttling...) in the contract's
        error shape and status (chalicelib/api/gateway_answers.py), with the API's headers."""
        # A static header value is written between single quotes, so one that holds quotes (the
        # CSP's 'none') cannot be given; a JSON answer with nosniff is not rendered anyway.
        headers = {
            f"gatewayresponse.header.{name}": f"'{value}'" for name, value in api_headers().items() if "'" not in value
        }
        for response_type, answer in GATEWAY_ANSWERS.items():
            parameters = dict(headers)
            if response_type in RETRY_AFTER_SECONDS:
                parameters["gatewayresponse.header.Retry-After"] = f"'{RETRY_AFTER_SECONDS[response_type]}'"
            apigateway.CfnGatewayResponse(
                self,
                f"Gateway{response_type.title().replace('_', '')}",
                rest_api_id=self.rest_api_id,
                response_type=response_type,
                status_code=str(answer.status),
                response_parameters=parameters,
                response_templates={"application/json": answer.body()},
            )

    def _configure_stage(self, retention: logs.RetentionDays) -> None:
        access_logs = logs.LogGroup(self, "AccessLogs", retention=retention)
        # API Gateway writes access logs through one role per account and region (AWS::ApiGateway::Account).
        push_role = iam.Role(
            self,
            "ApiGatewayLogsRole",
            assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name("service-role/AmazonAPIGatewayPushToCloudWatchLogs")
            ],
        )
        account = apigateway.CfnAccount(self, "ApiGatewayAccount", cloud_watch_role_arn=push_role.role_arn)
        self.rest_api.add_resource_dependency(account)
        # Name it per stage: dev and prod in one account must not share the 5xx metric.
        self.rest_api.add_property_override("Name", self.api_name)
        self.rest_api.add_property_override(
            "AccessLogSetting",
            {
                "DestinationArn": access_logs.log_group_arn,
                "Format": json.dumps(
                    {
                        "requestId": "$context.requestId",
                        "ip": "$context.identity.sourceIp",
                        "requestTime": "$context.requestTime",
                        "method": "$context.httpMethod",
                        "path": "$context.path",
                        "status": "$context.status",
                        "latencyMs": "$context.responseLatency",
                        "bytes": "$context.responseLength",
                    }
                ),
            },
        )
        # A ceiling for a runaway client (or a bill): far above the 10x figures of docs/scaling.md.
        # Search and hints run the model on every call and are open to anyone: a lower ceiling of
        # their own (the app also limits each caller per minute, answering 429 with Retry-After).
        self.rest_api.add_property_override(
            "MethodSettings",
            [
                {"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 500, "ThrottlingBurstLimit": 1000},
                *(
                    {"ResourcePath": path, "HttpMethod": method, "ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100}
                    for path, method in (("/~1search", "GET"), ("/~1ideas~1similar", "POST"))
                ),
            ],
        )
