"""What a deployer relies on, read from the synthesized template: ``cdk synth`` itself has already
run cdk-nag's AwsSolutions pack, and would have failed on an unacknowledged finding."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from chalicelib import security_headers
from chalicelib.api.gateway_answers import GATEWAY_ANSWERS
from chalicelib.store.models import all_models
from tests.infra.conftest import Synth

TABLE_PREFIX = "cocrea-dev-"


def _statements(synth: Synth) -> list[dict[str, Any]]:
    documents = [r["Properties"]["PolicyDocument"] for r in synth.resources("AWS::IAM::Policy").values()]
    for role in synth.resources("AWS::IAM::Role").values():
        documents += [policy["PolicyDocument"] for policy in role["Properties"].get("Policies", [])]
    return [statement for document in documents for statement in document["Statement"]]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_cfn_lint_finds_no_error(synth: Synth) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("cfn-lint")), "--format", "parseable", str(synth.template_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout, result.stderr)
    # cfn-lint's exit code is a bit field: 2 errors, 4 warnings, 8 informational, 1 a crash.
    assert result.returncode & 0b11 == 0, result.stdout + result.stderr


def test_cdk_nag_reports_nothing_unacknowledged_and_every_acknowledgement_says_why(synth: Synth) -> None:
    report = json.loads((synth.out_dir / "validation-report.json").read_text())
    (nag,) = [plugin for plugin in report["pluginReports"] if plugin["pluginName"] == "AwsSolutions"]
    assert nag["conclusion"] == "success"
    assert nag["violations"] == []
    for acknowledged in nag["suppressedViolations"]:
        print(f"{acknowledged['acknowledgedId']} at {acknowledged['acknowledgedAt']}: {acknowledged['reason']}")
        assert len(acknowledged["reason"]) >= 60, acknowledged


def test_every_table_is_on_demand_recoverable_protected_and_encrypted(synth: Synth) -> None:
    tables = synth.resources("AWS::DynamoDB::Table")
    assert len(tables) == len(all_models())
    for name, table in tables.items():
        properties = table["Properties"]
        assert properties["BillingMode"] == "PAY_PER_REQUEST", name
        assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True, name
        assert properties["DeletionProtectionEnabled"] is True, name
        assert properties["SSESpecification"]["SSEEnabled"] is True, name
        assert table["DeletionPolicy"] == "Retain", name


def _key_schema(keys: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    return {key["KeyType"]: key["AttributeName"] for key in keys}


def test_tables_have_exactly_the_keys_indexes_and_projections_of_the_models(synth: Synth) -> None:
    by_name = {t["Properties"]["TableName"]: t["Properties"] for t in synth.resources("AWS::DynamoDB::Table").values()}
    for model in all_models():
        schema = model._get_schema()
        suffix = model.Meta.table_name.split("-")[-1]
        table = by_name[f"{TABLE_PREFIX}{suffix}"]
        assert _key_schema(table["KeySchema"]) == _key_schema(schema["key_schema"]), suffix
        assert {(a["AttributeName"], a["AttributeType"]) for a in table["AttributeDefinitions"]} == {
            (a["AttributeName"], a["AttributeType"]) for a in schema["attribute_definitions"]
        }, suffix
        declared = {
            index["index_name"]: (_key_schema(index["key_schema"]), index["projection"])
            for index in schema["global_secondary_indexes"]
        }
        built = {
            index["IndexName"]: (_key_schema(index["KeySchema"]), index["Projection"])
            for index in table.get("GlobalSecondaryIndexes", [])
        }
        assert built == declared, suffix


def test_the_nightly_job_is_a_container_lambda_on_a_schedule(synth: Synth) -> None:
    (job_id, job) = next(
        (name, f)
        for name, f in synth.resources("AWS::Lambda::Function").items()
        if f["Properties"].get("PackageType") == "Image" and "nightly topics" in f["Properties"].get("Description", "")
    )
    properties = job["Properties"]
    assert properties["Timeout"] == 900
    assert 3008 <= properties["MemorySize"] <= 4096
    assert properties["ReservedConcurrentExecutions"] == 1
    rules = [r["Properties"] for r in synth.resources("AWS::Events::Rule").values()]
    nightly = [r for r in rules if r["ScheduleExpression"].startswith("cron(")]
    assert len(nightly) == 1
    assert nightly[0]["State"] == "ENABLED"
    assert [t["Arn"] for t in nightly[0]["Targets"]] == [{"Fn::GetAtt": [job_id, "Arn"]}]


def test_the_image_assets_hold_only_what_the_images_copy(synth: Synth) -> None:
    assets = json.loads((synth.out_dir / "Cocrea-dev.assets.json").read_text())["dockerImages"]
    assert sorted(image["source"]["dockerFile"] for image in assets.values()) == [
        "Dockerfile.semantic",
        "Dockerfile.topics",
    ]
    for image in assets.values():
        staged = synth.out_dir / image["source"]["directory"]
        names = {path.relative_to(staged).parts[0] for path in staged.rglob("*")}
        assert names <= {
            "Dockerfile.topics",
            "Dockerfile.semantic",
            ".dockerignore",
            "requirements.txt",
            "requirements-topics.txt",
            "requirements-vendor.txt",
            "requirements-semantic.txt",
            "chalicelib",
        }


def test_the_semantic_function_reads_the_ideas_stream_and_the_api_invokes_it(synth: Synth) -> None:
    functions = synth.resources("AWS::Lambda::Function")
    (semantic_id,) = [
        name for name, f in functions.items() if "semantic model" in f["Properties"].get("Description", "")
    ]
    semantic = functions[semantic_id]["Properties"]
    assert semantic["PackageType"] == "Image"
    assert "SEMANTIC_BUCKET" in semantic["Environment"]["Variables"]
    (mapping,) = synth.resources("AWS::Lambda::EventSourceMapping").values()
    assert mapping["Properties"]["FunctionName"] == {"Ref": semantic_id}
    assert mapping["Properties"]["BisectBatchOnFunctionError"] is True
    assert "OnFailure" in mapping["Properties"]["DestinationConfig"]
    tables = {t["Properties"]["TableName"]: t["Properties"] for t in synth.resources("AWS::DynamoDB::Table").values()}
    assert tables[f"{TABLE_PREFIX}ideas"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert tables[f"{TABLE_PREFIX}rate_windows"]["TimeToLiveSpecification"] == {
        "AttributeName": "expires",
        "Enabled": True,
    }
    api = synth.template["Resources"]["APIHandler"]["Properties"]
    assert api["Environment"]["Variables"]["SEMANTIC_FUNCTION"] == {"Ref": semantic_id}
    invokes = [s for s in _statements(synth) if "lambda:InvokeFunction" in _as_list(s["Action"])]
    assert any({"Fn::GetAtt": [semantic_id, "Arn"]} in _as_list(s["Resource"]) for s in invokes)
    settings = synth.template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    throttled = {(m["ResourcePath"], m["HttpMethod"]) for m in settings}
    assert throttled >= {("/~1search", "GET"), ("/~1ideas~1similar", "POST")}


def test_cloudfront_serves_https_only_with_security_headers(synth: Synth) -> None:
    (distribution,) = synth.resources("AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    assert config["DefaultRootObject"] == "index.html"
    behaviors = [config["DefaultCacheBehavior"], *config.get("CacheBehaviors", [])]
    assert {b["ViewerProtocolPolicy"] for b in behaviors} == {"redirect-to-https"}
    assert all("ResponseHeadersPolicyId" in b for b in behaviors)
    assert any("OriginAccessControlId" in origin for origin in config["Origins"])
    assert "Logging" in config
    (policy,) = synth.resources("AWS::CloudFront::ResponseHeadersPolicy").values()
    security = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    # The same values as the API's and the local portal's (chalicelib/security_headers.py).
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == security_headers.HSTS_MAX_AGE_SECONDS
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == security_headers.REFERRER_POLICY
    assert security["FrameOptions"]["FrameOption"] == security_headers.FRAME_OPTIONS
    policy_text = json.dumps(security["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    for directive in ("script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in policy_text
    # The API's own policy reaches clients: CloudFront adds the portal's only where none was sent.
    assert security["ContentSecurityPolicy"]["Override"] is False


def test_any_page_path_is_the_portal_and_the_bucket_never_answers_its_own_403(synth: Synth) -> None:
    (distribution,) = synth.resources("AWS::CloudFront::Distribution").values()
    [association] = distribution["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    (function,) = synth.resources("AWS::CloudFront::Function").values()
    assert function["Properties"]["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    # Run the function's own code on the paths a browser may ask for.
    uris = ["/", "/index.html", "/assets/app.js", "/assets/config.json", "/no/such/page", "/ideas-old", "/favicon.ico"]
    script = function["Properties"]["FunctionCode"] + (
        f"\nconsole.log(JSON.stringify({json.dumps(uris)}.map((uri) => handler({{request: {{uri}}}}).uri)));"
    )
    rewritten = json.loads(subprocess.run(["node", "-e", script], capture_output=True, check=True, text=True).stdout)
    assert dict(zip(uris, rewritten, strict=True)) == {
        "/": "/",
        "/index.html": "/index.html",
        "/assets/app.js": "/assets/app.js",
        "/assets/config.json": "/assets/config.json",
        "/no/such/page": "/index.html",
        "/ideas-old": "/index.html",
        "/favicon.ico": "/index.html",
    }


def test_api_gateways_own_answers_are_in_the_contracts_shape(synth: Synth) -> None:
    responses = {
        r["Properties"]["ResponseType"]: r["Properties"]
        for r in synth.resources("AWS::ApiGateway::GatewayResponse").values()
    }
    assert set(responses) == set(GATEWAY_ANSWERS)
    for response_type, answer in GATEWAY_ANSWERS.items():
        declared = responses[response_type]
        assert declared["StatusCode"] == str(answer.status)
        body = json.loads(declared["ResponseTemplates"]["application/json"])
        assert body == {"error": {"code": answer.code, "message": answer.message}}
        assert declared["ResponseParameters"]["gatewayresponse.header.X-Content-Type-Options"] == "'nosniff'"
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == "404"  # an unknown path
    assert responses["THROTTLED"]["ResponseParameters"]["gatewayresponse.header.Retry-After"] == "'1'"


def test_buckets_are_private_encrypted_versioned_and_ssl_only(synth: Synth) -> None:
    buckets = synth.resources("AWS::S3::Bucket")
    for name, bucket in buckets.items():
        properties = bucket["Properties"]
        assert properties["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert properties["VersioningConfiguration"] == {"Status": "Enabled"}, name
    assert any("LoggingConfiguration" in b["Properties"] for b in buckets.values())
    policies = [
        p["Properties"]["PolicyDocument"]["Statement"] for p in synth.resources("AWS::S3::BucketPolicy").values()
    ]
    assert len(policies) == len(buckets)
    for statements in policies:
        assert any(
            s["Effect"] == "Deny" and s.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
            for s in statements
        )


def test_no_iam_statement_grants_every_action_or_every_dynamodb_action(synth: Synth) -> None:
    for statement in _statements(synth):
        actions = _as_list(statement.get("Action", []))
        resources = _as_list(statement.get("Resource", []))
        assert "dynamodb:*" not in actions, statement
        assert not ("*" in actions and "*" in resources), statement
        # ListStreams (added by the semantic function's stream mapping) reads no data and has no
        # resource-level permission in IAM: the one DynamoDB action that can only be granted on "*".
        if any(action.startswith("dynamodb:") for action in actions) and actions != ["dynamodb:ListStreams"]:
            assert "*" not in resources, statement


@pytest.mark.parametrize("function", ["APIHandler", "DeliverNotifications"])
def test_chalice_functions_verify_cognito_tokens_with_their_own_roles(synth: Synth, function: str) -> None:
    properties = synth.template["Resources"][function]["Properties"]
    variables = properties["Environment"]["Variables"]
    (pool,) = synth.resources("AWS::Cognito::UserPool")
    (client,) = synth.resources("AWS::Cognito::UserPoolClient")
    assert variables["STAGE"] == "dev"
    assert variables["TABLE_PREFIX"] == TABLE_PREFIX
    assert variables["JWT_ISSUER"] == {"Fn::GetAtt": [pool, "ProviderURL"]}
    assert variables["JWT_AUDIENCE"] == {"Ref": client}
    assert variables["JWKS_URL"] == {
        "Fn::Join": ["", [{"Fn::GetAtt": [pool, "ProviderURL"]}, "/.well-known/jwks.json"]]
    }
    role = properties["Role"]["Fn::GetAtt"][0]
    assert synth.template["Resources"][role]["Type"] == "AWS::IAM::Role"
    assert "ManagedPolicyArns" not in synth.template["Resources"][role]["Properties"]


def test_each_function_gets_only_the_secrets_it_reads_and_never_their_values(synth: Synth) -> None:
    (secret,) = synth.resources("AWS::SecretsManager::Secret")
    functions = synth.resources("AWS::Serverless::Function") | synth.resources("AWS::Lambda::Function")
    holders = {
        name
        for name, function in functions.items()
        if "CURSOR_SECRET_ARN" in function["Properties"].get("Environment", {}).get("Variables", {})
    }
    # The API seals page cursors; the notifier signs the unsubscribe links of its e-mails.
    assert holders == {"APIHandler", "DeliverNotifications"}
    for holder in holders:
        variables = functions[holder]["Properties"]["Environment"]["Variables"]
        assert variables["CURSOR_SECRET_ARN"] == {"Ref": secret}
    # No secret value anywhere in the template, resolved or not.
    assert "resolve:secretsmanager" not in json.dumps(synth.template)
    assert not any("CURSOR_SECRET" in json.dumps(f["Properties"].get("Environment", {})) for n, f in functions.items()
                   if n not in holders)  # fmt: skip
    readers = [
        statement
        for statement in _statements(synth)
        if "secretsmanager:GetSecretValue" in _as_list(statement.get("Action", []))
    ]
    assert readers and all(statement["Resource"] == {"Ref": secret} for statement in readers)
    holder_roles = sorted(functions[holder]["Properties"]["Role"]["Fn::GetAtt"][0] for holder in holders)
    policies = [
        policy
        for policy in synth.resources("AWS::IAM::Policy").values()
        if "secretsmanager:GetSecretValue" in json.dumps(policy["Properties"]["PolicyDocument"])
    ]
    granted = sorted(role["Ref"] for policy in policies for role in policy["Properties"]["Roles"])
    assert granted == holder_roles


def test_user_pool_has_the_five_groups_and_new_users_become_customers(synth: Synth) -> None:
    groups = {g["Properties"]["GroupName"] for g in synth.resources("AWS::Cognito::UserPoolGroup").values()}
    assert groups == {"customer", "product", "marketing", "moderator", "admin"}
    (pool,) = synth.resources("AWS::Cognito::UserPool").values()
    trigger = pool["Properties"]["LambdaConfig"]["PostConfirmation"]["Fn::GetAtt"][0]
    code = synth.template["Resources"][trigger]["Properties"]["Code"]["ZipFile"]
    assert 'GroupName="customer"' in code
    assert len(synth.resources("AWS::Cognito::UserPoolDomain")) == 1


def test_alarms_cover_api_errors_every_table_and_the_job(synth: Synth) -> None:
    alarms = [a["Properties"] for a in synth.resources("AWS::CloudWatch::Alarm").values()]
    assert any(a.get("MetricName") == "5XXError" for a in alarms)
    throttling = [a for a in alarms if "throttled" in a.get("AlarmDescription", "")]
    assert len(throttling) == len(all_models())
    assert any("topics job failed" in a.get("AlarmDescription", "") for a in alarms)
    assert all(a.get("AlarmActions") for a in alarms)


def _deployed_json(synth: Synth, object_key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON file that a BucketDeployment writes as ``object_key``, its CloudFormation values
    (the deployment's markers) put back as ``{"cfn": value}``; and the deployment's properties."""
    (deployment,) = synth.resources("Custom::CDKBucketDeployment").values()
    properties = deployment["Properties"]
    for key, markers in zip(properties["SourceObjectKeys"], properties["SourceMarkers"], strict=True):
        staged = synth.out_dir / f"asset.{key.removesuffix('.zip')}" / object_key
        if not staged.is_file():
            continue
        text = staged.read_text(encoding="utf-8")
        for marker, value in markers.items():
            text = text.replace(marker, json.dumps({"cfn": value}))
        loaded: dict[str, Any] = json.loads(text)
        return loaded, properties
    raise AssertionError(f"no source of the deployment holds {object_key}")


def test_the_portal_is_deployed_with_the_hosted_ui_settings_and_may_call_its_token_endpoint(synth: Synth) -> None:
    (client,) = synth.resources("AWS::Cognito::UserPoolClient")
    (domain,) = synth.resources("AWS::Cognito::UserPoolDomain")
    (client_properties,) = synth.resources("AWS::Cognito::UserPoolClient").values()
    assert client_properties["Properties"]["AllowedOAuthFlows"] == ["code"]
    assert not client_properties["Properties"].get("GenerateSecret", False)  # a public client: PKCE

    config, deployment = _deployed_json(synth, "assets/config.json")
    auth = config["auth"]
    assert auth["scopes"] == ["openid", "email", "profile"]
    assert sorted(auth["scopes"]) == sorted(client_properties["Properties"]["AllowedOAuthScopes"])
    # Each value is the JSON string CloudFormation renders: a quoted Fn::Join of the resource.
    assert auth["client_id"]["cfn"] == {"Fn::Join": ["", ['"', {"Ref": client}, '"']]}
    parts = auth["domain"]["cfn"]["Fn::Join"][1]
    assert parts[0] == '"https://' and {"Ref": domain} in parts and '.amazoncognito.com"' in parts
    assert "/assets/*" in deployment["DistributionPaths"]  # a new config.json reaches browsers

    (policy,) = synth.resources("AWS::CloudFront::ResponseHeadersPolicy").values()
    csp = policy["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["ContentSecurityPolicy"]
    text = json.dumps(csp["ContentSecurityPolicy"])
    assert "connect-src 'self' https://" in text
    assert json.dumps({"Ref": domain}) in text
