"""The whole deployment of one stage as one stack: tables, identity, API, job, web, alarms."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Stack
from aws_cdk import aws_logs as logs
from aws_cdk import aws_ses as ses
from constructs import Construct

from stacks.alarms import Alarms
from stacks.api import Api, api_paths
from stacks.identity import Identity
from stacks.nag import acknowledge
from stacks.semantic import SemanticFunction
from stacks.settings import StageSettings
from stacks.tables import Tables
from stacks.topics_job import TopicsJob
from stacks.web import Web
from stacks.webhook_queue import WebhookQueue


class CocreaStack(Stack):
    """Cocrea for one stage (``dev`` or ``prod``)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: StageSettings,
        repo_root: Path,
        work_dir: Path,
        **kwargs: object,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        retention = logs.RetentionDays.ONE_YEAR if settings.is_production else logs.RetentionDays.ONE_MONTH
        tables = Tables(self, "Tables", table_prefix=settings.table_prefix)
        identity = Identity(
            self,
            "Identity",
            stage=settings.stage,
            callback_urls=settings.oauth_callbacks,
            retain=settings.is_production,
        )
        # Notification e-mails leave from the sender's domain: verified once through the DKIM
        # records this identity lists (docs/deploy.md).
        sender = ses.EmailIdentity(self, "Sender", identity=ses.Identity.domain(settings.sender_domain))
        sender_arn = self.format_arn(service="ses", resource="identity", resource_name=settings.sender_domain)
        # What every process of the app reads through chalicelib.config, whatever it does.
        environment = {
            "STAGE": settings.stage,
            "TABLE_PREFIX": settings.table_prefix,
            "JWT_ISSUER": identity.issuer,
            "JWT_AUDIENCE": identity.audience,
            "JWKS_URL": identity.jwks_url,
        }
        webhook_queue = WebhookQueue(self, "Webhooks")
        api = Api(
            self,
            "Api",
            settings=settings,
            source_dir=repo_root,
            work_dir=work_dir,
            tables=tables,
            environment=environment,
            sender_identity_arn=sender_arn,
            webhook_queue=webhook_queue,
            user_pool_arn=identity.pool.user_pool_arn,
        )
        api.set_variable("APIHandler", "USER_POOL_ID", identity.pool.user_pool_id)
        api.node.add_dependency(sender)
        web = Web(
            self,
            "Web",
            web_dir=repo_root / "web",
            api_domain=api.domain,
            api_stage=api.stage_name,
            api_paths=api_paths(),
            auth_domain=f"{identity.domain.domain_name}.auth.{self.region}.amazoncognito.com",
            auth_client_id=identity.audience,
        )
        api.set_variable("DeliverNotifications", "PORTAL_URL", settings.portal_url or web.url)
        semantic = SemanticFunction(
            self,
            "Semantic",
            source_dir=repo_root,
            tables=tables,
            environment=environment,
            logs_bucket=web.logs,
            retention=retention,
        )
        # Search and hints ask the semantic function; the API itself never loads the model.
        semantic.grant_invoke(api.roles["APIHandler"])
        api.set_variable("APIHandler", "SEMANTIC_FUNCTION", semantic.function.function_name)
        job = TopicsJob(
            self,
            "Topics",
            source_dir=repo_root,
            schedule=settings.topics_schedule,
            tables=tables,
            environment=environment,  # the job lists no page: no cursor secret
            retention=retention,
        )

        alarms = Alarms(self, "Alarms", alarm_email=settings.alarm_email)
        alarms.api_errors(api.api_name, api.stage_name)
        alarms.table_throttling(tables)
        alarms.notify(job.alarms())
        alarms.notify(webhook_queue.alarms())
        alarms.notify(semantic.alarms())

        CfnOutput(self, "PortalUrl", value=web.url, description="The portal (and the API on the same origin)")
        CfnOutput(self, "UserPoolId", value=identity.pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=identity.audience)
        CfnOutput(self, "HostedUiDomain", value=identity.domain.base_url())
        CfnOutput(self, "AlarmTopicArn", value=alarms.topic.topic_arn)
        acknowledge(self, identity=identity, api=api, web=web, semantic=semantic)
