"""The Cognito user pool: the five roles as groups, the web client, the hosted sign-in UI.

The API verifies the pool's ID tokens itself (``chalicelib/auth.py``, the same code the local
stack uses), so this module only has to tell the API the issuer, the audience and the JWKS URL.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from stacks.lambdas import FunctionIdentity

GROUPS = ("customer", "product", "marketing", "moderator", "admin")
DEFAULT_GROUP = "customer"

# Runs after a user confirms the sign-up (not after a password reset): every new account starts
# as a customer; staff roles are given by an admin (docs/deploy.md).
_ADD_TO_DEFAULT_GROUP = f"""
import boto3

_cognito = boto3.client("cognito-idp")


def handler(event, context):
    if event.get("triggerSource") == "PostConfirmation_ConfirmSignUp":
        _cognito.admin_add_user_to_group(
            UserPoolId=event["userPoolId"], Username=event["userName"], GroupName="{DEFAULT_GROUP}"
        )
    return event
"""


class Identity(Construct):
    """User pool, groups, app client and hosted-UI domain.

    Attributes
    ----------
    issuer
        ``https://cognito-idp.<region>.amazonaws.com/<pool id>``: the tokens' ``iss``.
    audience
        The app client id: the ID tokens' ``aud``.
    jwks_url
        Where the pool publishes its signing keys.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, stage: str, callback_urls: list[str], retain: bool
    ) -> None:
        super().__init__(scope, construct_id)
        self.pool = cognito.UserPool(
            self,
            "Users",
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            # The API and the portal show a display name: tokens must carry ``name``.
            standard_attributes=cognito.StandardAttributes(
                fullname=cognito.StandardAttribute(required=True, mutable=True),
                email=cognito.StandardAttribute(required=True, mutable=True),
            ),
            password_policy=cognito.PasswordPolicy(
                min_length=10,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            deletion_protection=retain,
            removal_policy=RemovalPolicy.RETAIN if retain else RemovalPolicy.DESTROY,
        )
        for group in GROUPS:
            cognito.CfnUserPoolGroup(self, f"Group-{group}", user_pool_id=self.pool.user_pool_id, group_name=group)
        self._add_default_group_trigger()

        self.client = self.pool.add_client(
            "Web",
            generate_secret=False,  # a browser app cannot keep a secret: code flow with PKCE
            prevent_user_existence_errors=True,
            auth_flows=cognito.AuthFlow(user_srp=True),
            id_token_validity=Duration.hours(1),
            access_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.days(30),
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
                callback_urls=callback_urls,
                logout_urls=callback_urls,
            ),
        )
        # The prefix must be unique in the region across all accounts: the account id makes it so.
        self.domain = self.pool.add_domain(
            "HostedUi",
            cognito_domain=cognito.CognitoDomainOptions(
                domain_prefix=f"cocrea-{stage}-{Stack.of(self).account}",
            ),
        )
        self.issuer = self.pool.user_pool_provider_url
        self.audience = self.client.user_pool_client_id
        self.jwks_url = f"{self.issuer}/.well-known/jwks.json"

    def _add_default_group_trigger(self) -> None:
        identity = FunctionIdentity(
            self,
            "DefaultGroup",
            description="Cocrea: adds each newly confirmed user to the customer group",
            retention=logs.RetentionDays.ONE_MONTH,
        )
        function = lambda_.Function(
            self,
            "DefaultGroupFunction",
            runtime=lambda_.Runtime.PYTHON_3_14,
            handler="index.handler",
            code=lambda_.Code.from_inline(_ADD_TO_DEFAULT_GROUP),
            role=identity.role,
            log_group=identity.log_group,
            timeout=Duration.seconds(10),
            memory_size=128,
        )
        self.pool.add_trigger(cognito.UserPoolOperation.POST_CONFIRMATION, function)
        # A policy of its own, not the role's default one: the pool depends on the function, so
        # the function must not depend on a policy that names the pool (a dependency cycle).
        iam.Policy(
            self,
            "AddToGroup",
            roles=[identity.role],
            statements=[
                iam.PolicyStatement(actions=["cognito-idp:AdminAddUserToGroup"], resources=[self.pool.user_pool_arn])
            ],
        )
