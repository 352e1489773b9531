"""Texts for people come from one catalogue per language, with the same keys in each."""

from __future__ import annotations

import string
from typing import Any

import pytest

from chalicelib.services.alerts import alert_message
from chalicelib.store.models import AlertModel
from chalicelib.texts import CATALOGUES, status_name, text


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    english = CATALOGUES["en"]
    for language, catalogue in CATALOGUES.items():
        assert set(catalogue) == set(english), language
        for key, template in catalogue.items():
            assert placeholders(template) == placeholders(english[key]), (language, key)
            assert template.strip(), (language, key)


def test_an_unknown_language_reads_english() -> None:
    assert text("de", "mail.greeting", name="Ana") == "Hi Ana,"
    assert text(None, "mail.greeting", name="Ana") == "Hi Ana,"
    assert text("es", "mail.greeting", name="Ana") == "Hola, Ana:"


def test_status_names_fall_back_to_the_status_itself() -> None:
    assert status_name("pt", "in_progress") == "em curso"
    assert status_name("es", "someday") == "someday"


def alert(**fields: Any) -> AlertModel:
    evidence = {"last_24h": 12.0, "baseline_mean": 2.5, "baseline_stdev": 1.0, "baseline_days": 14.0}
    defaults: dict[str, Any] = {"id": "a1", "at": "2026-01-01T00:00:00.000000Z", "kind": "surge", "message": ""}
    return AlertModel(**{**defaults, "evidence": evidence, **fields})


def test_alert_message_in_english_reads_as_before() -> None:
    """The wording the store used to compose, now made from the alert's evidence."""
    board = alert(product="nube-hogar", phase="installation")
    topic = alert(kind="backlash", topic_id="t1", topic_label="Battery life")

    assert alert_message(board, "en") == (
        "12 new ideas, votes and comments in nube-hogar / installation in the last 24 hours, 4.8 times the usual 2.5."
    )
    assert alert_message(topic, "en") == (
        "12 posts held by moderation in topic “Battery life” in the last 24 hours, 4.8 times the usual 2.5."
    )


@pytest.mark.parametrize("language", ["es", "pt"])
def test_alert_message_follows_the_language(language: str) -> None:
    message = alert_message(alert(product="nube-hogar", phase="design"), language)

    assert message.startswith("12 ")
    assert "nube-hogar / design" in message
    assert message != alert_message(alert(product="nube-hogar", phase="design"), "en")
