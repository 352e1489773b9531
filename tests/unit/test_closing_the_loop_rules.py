"""Pure rules of closing the loop: which ideas a release note may announce, which URLs may
receive webhooks (SSRF), the signature, the retry schedule, and the Slack texts."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.changelog import LinkedIdea, refused_ideas
from chalicelib.domain.webhooks import (
    address_is_public,
    gave_up,
    retry_delay,
    signature,
    url_problem,
)
from chalicelib.webhooks.dispatch import expand
from chalicelib.webhooks.slack import slack_text
from chalicelib.webhooks.transport import RefusedAddress, post, resolve


def test_declined_merged_unknown_and_invisible_ideas_are_refused_by_name() -> None:
    found = {
        "open": LinkedIdea("open", "open", False),
        "done": LinkedIdea("done", "done", False),
        "declined": LinkedIdea("declined", "declined", False),
        "merged": LinkedIdea("merged", "merged", False),
        "hidden": LinkedIdea("hidden", "planned", True),
        "held": LinkedIdea("held", "pending_moderation", False),
    }
    refused = refused_ideas(["open", "done", "declined", "merged", "hidden", "held", "ghost"], found)
    assert list(refused) == ["declined", "merged", "hidden", "held", "ghost"]
    assert "declined" in refused["declined"] and "merged" in refused["merged"]
    # Hidden, held and unknown read alike: a note must not reveal that an invisible idea exists.
    assert refused["hidden"] == "Idea 'hidden' does not exist."
    assert refused["ghost"] == "Idea 'ghost' does not exist."


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",  # plain http outside the local stage
        "ftp://example.com/hook",
        "not a url",
        "https://",
        "https://user:pass@example.com/hook",
        "https://localhost/hook",
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://172.16.5.4/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.100.100.200/",  # shared address space (a cloud's metadata service)
        "https://[::1]/hook",
        "https://[fd00:ec2::254]/",
        "https://[::ffff:127.0.0.1]/",
        "https://0.0.0.0/",
        "https://metadata.google.internal/",
        "https://router.local/",
        "https://example.com:0/",
        "https://example.com:99999/",
    ],
)
def test_urls_that_cannot_receive_webhooks_outside_the_local_stage(url: str) -> None:
    assert url_problem(url, local_stage=False) is not None


@pytest.mark.parametrize(
    "url", ["https://example.com/hook", "https://hooks.slack.com/services/T/B/x", "https://8.8.8.8/"]
)
def test_public_https_urls_are_accepted(url: str) -> None:
    assert url_problem(url, local_stage=False) is None


def test_the_local_stage_also_accepts_http_to_this_machine_but_no_other_scheme() -> None:
    assert url_problem("http://127.0.0.1:8765/hook", local_stage=True) is None
    assert url_problem("ftp://127.0.0.1/hook", local_stage=True) is not None
    assert url_problem("javascript:alert(1)", local_stage=True) is not None


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("127.0.0.1", False), ("10.0.0.1", False), ("169.254.169.254", False),
     ("100.64.0.1", False), ("::1", False), ("::ffff:10.0.0.1", False), ("224.0.0.1", False),
     ("2001:4860:4860::8888", True)],
)  # fmt: skip
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert address_is_public(ipaddress.ip_address(address)) is public


def test_a_name_that_resolves_to_this_machine_is_refused_at_delivery_time() -> None:
    with pytest.raises(RefusedAddress):
        resolve("localhost", 443, allow_private=False)
    assert resolve("localhost", 443, allow_private=True) in {"127.0.0.1", "::1"}
    outcome = post("http://127.0.0.1:9/hook", b"{}", {}, allow_private=False)
    assert outcome.status_code is None and not outcome.delivered
    assert outcome.error is not None and "non-public" in outcome.error


def test_signature_is_hmac_sha256_of_timestamp_dot_body_and_changes_with_either() -> None:
    body = b'{"event":"idea.created"}'
    expected = hmac.new(b"whsec_k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signature("whsec_k", 1700000000, body) == f"sha256={expected}"
    assert signature("whsec_k", 1700000001, body) != signature("whsec_k", 1700000000, body)
    assert signature("whsec_k", 1700000000, body + b" ") != signature("whsec_k", 1700000000, body)


def test_retries_back_off_exponentially_up_to_an_hour_and_stop_after_a_day() -> None:
    delays = [retry_delay(attempt).total_seconds() for attempt in range(1, 12)]
    assert delays[:4] == [30, 60, 120, 240]
    assert delays == sorted(delays) and delays[-1] == 3600
    start = datetime(2026, 12, 1, tzinfo=UTC)
    assert not gave_up(start, start + timedelta(hours=23, minutes=59))
    assert gave_up(start, start + timedelta(hours=24))


def test_a_release_note_event_also_stands_for_the_status_change_of_each_idea() -> None:
    note = {
        "id": "n1",
        "title": "Dark mode",
        "product": "p",
        "published_at": "x",
        "ideas": [{"id": "i1", "title": "A"}],
    }
    change = {"idea": {"id": "i1", "title": "A", "status": "done"}, "before": "planned", "after": "done"}
    events = expand("changelog.published", {"release_note": note, "status_changes": [change]})
    assert events == [("changelog.published", {"release_note": note}), ("idea.status_changed", change)]
    assert expand("idea.created", {"idea": {"id": "i2"}}) == [("idea.created", {"idea": {"id": "i2"}})]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "«Modo oscuro» ha pasado a hecha"),
        ("en", "“Modo oscuro” is now done"),
        ("pt", "«Modo oscuro» passou a concluída"),
    ],
)
def test_slack_texts_speak_the_admins_language(language: str, expected: str) -> None:
    data = {"idea": {"id": "i1", "title": "Modo oscuro"}, "before": "planned", "after": "done"}
    assert slack_text("idea.status_changed", data, language) == expected
