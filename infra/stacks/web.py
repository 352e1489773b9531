"""The web portal: ``web/`` in a private S3 bucket behind CloudFront, the API on the same origin.

The portal calls the API with root-relative paths (``/ideas``, ``/me``), exactly as ``chalice
local`` serves both. CloudFront keeps that: each top-level path of the Chalice app goes to API
Gateway, everything else to the bucket. One origin means no CORS and no API URL in the portal.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3_deployment
from constructs import Construct

from chalicelib import security_headers

# CloudFront Functions JavaScript (viewer request of the bucket's behaviour): the portal's own
# files keep their paths; "/" stays for the default root object; anything else is the page.
PAGE_PATHS_FUNCTION = """function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/index.html' || uri.startsWith('/assets/')) return request;
  request.uri = '/index.html';
  return request;
}"""

# The scopes the portal asks the hosted UI for: those of the app client (stacks/identity.py).
AUTH_SCOPES = ("openid", "email", "profile")


class Web(Construct):
    """Bucket, access-log bucket, distribution and the upload of ``web/``.

    Attributes
    ----------
    distribution
        The CloudFront distribution; ``url`` is its ``https://`` address.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        web_dir: Path,
        api_domain: str,
        api_stage: str,
        api_paths: Iterable[str],
        auth_domain: str,
        auth_client_id: str,
    ) -> None:
        super().__init__(scope, construct_id)
        # Server access logs of the site bucket and CloudFront's standard logs land here. CloudFront
        # writes its logs with ACLs, hence object ownership "bucket owner preferred".
        self.logs = s3.Bucket(
            self,
            "AccessLogs",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            versioned=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[
                s3.LifecycleRule(expiration=Duration.days(90), noncurrent_version_expiration=Duration.days(7))
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.bucket = s3.Bucket(
            self,
            "Site",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            versioned=True,
            server_access_logs_bucket=self.logs,
            server_access_logs_prefix="s3/",
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=Duration.days(30))],
            removal_policy=RemovalPolicy.RETAIN,
        )
        region = Stack.of(self).region
        # Every value comes from chalicelib/security_headers.py, the one place that writes them.
        # The API sets its own Content-Security-Policy (a JSON answer loads nothing), so that one
        # header is added only where the origin sent none (the portal's files in S3).
        headers = cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.seconds(security_headers.HSTS_MAX_AGE_SECONDS),
                    include_subdomains=True,
                    preload=True,
                    override=True,
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override=True
                ),
                # Sign-in talks to the pool's hosted UI: the browser POSTs the code and its PKCE
                # verifier to its /oauth2/token (connect-src) and is sent to its pages (form-action).
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=security_headers.portal_content_security_policy(
                        connect=(f"https://{auth_domain}", f"https://cognito-idp.{region}.amazonaws.com"),
                        form_action=(f"https://{auth_domain}",),
                    ),
                    override=False,
                ),
            ),
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Cdn",
            comment="Cocrea web portal and API",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=headers,
                function_associations=[
                    cloudfront.FunctionAssociation(
                        function=self._page_paths_function(),
                        event_type=cloudfront.FunctionEventType.VIEWER_REQUEST,
                    )
                ],
            ),
            additional_behaviors=self._api_behaviors(api_domain, api_stage, api_paths, headers),
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            enable_logging=True,
            log_bucket=self.logs,
            log_file_prefix="cloudfront/",
        )
        self.url = f"https://{self.distribution.distribution_domain_name}"
        s3_deployment.BucketDeployment(
            self,
            "Upload",
            sources=[
                s3_deployment.Source.asset(str(web_dir)),
                # What the portal's sign-in reads (web/assets/auth.js): the hosted UI and the app
                # client, for the authorization code flow with PKCE. Locally there is no such file.
                s3_deployment.Source.json_data(
                    "assets/config.json",
                    {
                        "auth": {
                            "domain": f"https://{auth_domain}",
                            "client_id": auth_client_id,
                            "scopes": list(AUTH_SCOPES),
                        }
                    },
                ),
            ],
            destination_bucket=self.bucket,
            distribution=self.distribution,
            distribution_paths=["/index.html", "/assets/*"],
            memory_limit=256,
        )

    def _page_paths_function(self) -> cloudfront.Function:
        """Every path of the bucket's behaviour but the portal's files is the portal's page:
        the portal shows its "not found" for a path it does not know (web/assets/routes.js),
        where the bucket would answer an unknown key with S3's XML 403. The local stack does
        the same (devstack/local_server.py)."""
        return cloudfront.Function(
            self,
            "PagePaths",
            comment="Cocrea: any page path is the portal's index.html",
            runtime=cloudfront.FunctionRuntime.JS_2_0,
            code=cloudfront.FunctionCode.from_inline(PAGE_PATHS_FUNCTION),
        )

    def _api_behaviors(
        self, api_domain: str, api_stage: str, api_paths: Iterable[str], headers: cloudfront.IResponseHeadersPolicy
    ) -> dict[str, cloudfront.BehaviorOptions]:
        # API Gateway serves the stage under /<stage>: CloudFront adds it in front of each path.
        origin = origins.HttpOrigin(
            api_domain,
            origin_path=f"/{api_stage}",
            protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            origin_ssl_protocols=[cloudfront.OriginSslPolicy.TLS_V1_2],
        )
        # Nothing of the API is cached, but GET requests must still carry the token to the origin:
        # CloudFront forwards Authorization only when the cache key includes it.
        no_cache = cloudfront.CachePolicy(
            self,
            "ApiPassThrough",
            default_ttl=Duration.seconds(0),
            min_ttl=Duration.seconds(0),
            max_ttl=Duration.seconds(1),
            header_behavior=cloudfront.CacheHeaderBehavior.allow_list("Authorization"),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.all(),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
        )
        behavior = cloudfront.BehaviorOptions(
            origin=origin,
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=no_cache,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            response_headers_policy=headers,
        )
        # "/ideas*" covers /ideas and /ideas/...: one behaviour per path keeps far under CloudFront's
        # 25. The portal's own files are /, /index.html and /assets/*, which no API path shadows.
        return {f"/{path}*": behavior for path in sorted(api_paths)}
