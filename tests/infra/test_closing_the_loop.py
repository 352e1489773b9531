"""The AWS side of webhooks and erasure, read from the synthesized template."""

from __future__ import annotations

import json
from typing import Any

from tests.infra.conftest import Synth


def _policy_statements_of(synth: Synth, role_id: str) -> list[dict[str, Any]]:
    statements = []
    for policy in synth.resources("AWS::IAM::Policy").values():
        roles = policy["Properties"].get("Roles", [])
        if {"Ref": role_id} in roles:
            statements += policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


def _role_of(synth: Synth, function_id: str) -> str:
    role: str = synth.template["Resources"][function_id]["Properties"]["Role"]["Fn::GetAtt"][0]
    return role


def test_webhook_deliveries_flow_through_an_encrypted_queue_with_a_dead_letter_queue(synth: Synth) -> None:
    queues = synth.resources("AWS::SQS::Queue")
    ((queue_id, queue),) = [(name, q) for name, q in queues.items() if "RedrivePolicy" in q["Properties"]]
    redrive = queue["Properties"]["RedrivePolicy"]
    assert redrive["maxReceiveCount"] == 5
    dead_letters = redrive["deadLetterTargetArn"]["Fn::GetAtt"][0]
    for name in (queue_id, dead_letters):
        assert queues[name]["Properties"]["SqsManagedSseEnabled"] is True
    sender = synth.template["Resources"]["DeliverWebhooks"]["Properties"]
    (event,) = sender["Events"].values()
    assert event["Type"] == "SQS"
    assert event["Properties"]["Queue"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    dispatcher = synth.template["Resources"]["DispatchWebhooks"]["Properties"]
    assert dispatcher["Environment"]["Variables"]["WEBHOOK_QUEUE_URL"] == {"Ref": queue_id}
    assert [e["Type"] for e in dispatcher["Events"].values()] == ["Schedule"]
    sends = [
        s for s in _policy_statements_of(synth, _role_of(synth, "DispatchWebhooks")) if "sqs:SendMessage" in s["Action"]
    ]
    assert [s["Resource"] for s in sends] == [{"Fn::GetAtt": [queue_id, "Arn"]}]
    alarms = [a["Properties"] for a in synth.resources("AWS::CloudWatch::Alarm").values()]
    assert any(a.get("Dimensions", [{}])[0].get("Value") == {"Fn::GetAtt": [dead_letters, "QueueName"]} for a in alarms)


def test_the_api_may_delete_users_and_set_their_groups_and_nothing_else(synth: Synth) -> None:
    (pool,) = synth.resources("AWS::Cognito::UserPool")
    api = synth.template["Resources"]["APIHandler"]["Properties"]
    assert api["Environment"]["Variables"]["USER_POOL_ID"] == {"Ref": pool}
    cognito = [
        s
        for s in _policy_statements_of(synth, _role_of(synth, "APIHandler"))
        if "cognito-idp" in json.dumps(s["Action"])
    ]
    # Erasure deletes the account; role management sets the groups (PUT /users/{id}/roles).
    actions = ["cognito-idp:AdminDeleteUser", "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup"]
    assert len(cognito) == 1, cognito
    assert sorted(cognito[0]["Action"]) == sorted(actions)
    assert cognito[0]["Effect"] == "Allow" and cognito[0]["Resource"] == {"Fn::GetAtt": [pool, "Arn"]}
