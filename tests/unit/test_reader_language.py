"""Which of es, en, pt an Accept-Language header asks for (the reader's language when it is not
in their profile)."""

from __future__ import annotations

import pytest

from chalicelib.api.language import accepted_language


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("pt-BR", "pt"),
        ("fr-FR,fr;q=0.9,en-GB;q=0.7,es;q=0.5", "en"),
        ("en;q=0.2, pt;q=0.9", "pt"),
        ("es;q=0, en", "en"),
        ("*", None),
        ("de, fr", None),
        ("", None),
        ("es;q=nonsense, pt", "pt"),
    ],
)
def test_the_most_preferred_of_our_languages_wins(header: str, language: str | None) -> None:
    assert accepted_language(header) == language
