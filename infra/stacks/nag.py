"""Every cdk-nag AwsSolutions finding this app accepts, each with the reason it is accepted.

Anything not acknowledged here fails ``cdk synth`` (cdk-nag 3 runs as a validation plugin).
Acknowledgements sit on the narrowest construct that has the finding, never on the stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_cdk import Acknowledgment, Stack, Validations
from constructs import IConstruct

if TYPE_CHECKING:
    from stacks.api import Api
    from stacks.identity import Identity
    from stacks.semantic import SemanticFunction
    from stacks.web import Web

# CDK's BucketDeployment: a singleton function that copies web/ into the bucket at deploy time.
_BUCKET_DEPLOYMENT = "Custom::CDKBucketDeployment"
_BUCKET_DEPLOYMENT_REASON = (
    "CDK's own BucketDeployment custom resource runs only while deploying, to copy web/ from the "
    "CDK asset bucket into the site bucket; CDK generates its role (read the asset object, write "
    "the site bucket, invalidate the distribution) and picks its runtime, so neither can be narrowed here."
)
_BUCKET_DEPLOYMENT_FINDINGS = (
    "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    "IAM5[Action::s3:Abort*]",
    "IAM5[Action::s3:DeleteObject*]",
    "IAM5[Action::s3:GetBucket*]",
    "IAM5[Action::s3:GetObject*]",
    "IAM5[Action::s3:List*]",
    "IAM5[Resource::*]",
    "IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
    "L1",
)


def _ack(construct: IConstruct, finding: str, reason: str) -> None:
    Validations.of(construct).acknowledge(Acknowledgment(id=f"AwsSolutions::AwsSolutions-{finding}", reason=reason))


def acknowledge(stack: Stack, *, identity: Identity, api: Api, web: Web, semantic: SemanticFunction) -> None:
    """Acknowledge the accepted findings; see docs/deploy.md for how to close each one."""
    _ack(
        identity.pool,
        "COG2",
        "Customers sign up themselves: MFA required for every customer would turn the community away. "
        "TOTP MFA is offered to every user (Mfa.OPTIONAL); docs/deploy.md asks staff groups to enable it.",
    )
    _ack(
        identity.pool,
        "COG8",
        "The Plus feature plan (threat protection) costs per monthly active user, a price a community "
        "portal of mostly occasional customers does not repay; the password policy, e-mail verification "
        "and optional MFA stay. Enable it with feature_plan=PLUS where the risk warrants.",
    )
    _ack(
        api.cursor_secret,
        "SMG4",
        "The secret is the key material of page cursors, not a credential: cursors expire within the hour "
        "anyway, and rotating it turns every cursor a client holds into a 400 mid-list and gains nothing; "
        "only the API function may read it (by ARN, at cold start).",
    )
    _ack(
        api.node.find_child("ApiGatewayLogsRole"),
        "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
        "AWS's own policy for API Gateway's account-wide logging role (AWS::ApiGateway::Account), "
        "the documented way to let API Gateway write the access logs; it grants CloudWatch Logs actions only.",
    )
    _ack(
        web.distribution,
        "CFR1",
        "Customers anywhere may co-create: the portal has no country it must exclude.",
    )
    _ack(
        web.distribution,
        "CFR2",
        "The distribution serves static files and an API that verifies every token and is throttled "
        "per stage (API Gateway method throttling); a WAF web ACL (about $5 a month plus rules and "
        "requests) is an opt-in for a deployment that sees abuse (docs/deploy.md).",
    )
    _ack(
        web.distribution,
        "CFR4",
        "Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS "
        "policy CloudFront fixes; a custom domain with an ACM certificate sets TLSv1.2_2021 (docs/deploy.md).",
    )
    _ack(
        semantic.failed,
        "SQS3",
        "This queue is itself the dead-letter destination of the semantic function's stream mapping: "
        "it holds the records given up on (an alarm watches it); a dead-letter queue of its own has nothing to add.",
    )
    _ack(
        semantic.role,
        "IAM5[Resource::*]",
        "dynamodb:ListStreams, added by the stream event source mapping, has no resource-level "
        "permission in IAM; the stream's own reads (GetRecords, GetShardIterator) are on the ideas stream ARN.",
    )
    snapshots = stack.get_logical_id(semantic.bucket.node.default_child)  # type: ignore[arg-type]
    _ack(
        semantic.role,
        f"IAM5[Resource::<{snapshots}.Arn>/snapshots/*]",
        "One snapshot object per product, named snapshots/<product>.npz: products are created at run "
        "time, so the objects are a pattern; GetObject and PutObject only, in this bucket only.",
    )
    site_bucket = stack.get_logical_id(web.bucket.node.default_child)  # type: ignore[arg-type]
    findings = (*_BUCKET_DEPLOYMENT_FINDINGS, f"IAM5[Resource::<{site_bucket}.Arn>/*]")
    for child in stack.node.children:
        if child.node.id.startswith(_BUCKET_DEPLOYMENT):
            for finding in findings:
                _ack(child, finding, _BUCKET_DEPLOYMENT_REASON)
