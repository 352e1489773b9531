"""Every text the API composes for people, one module per language (``es``, ``en``, ``pt``).

A text is looked up by key and filled with ``str.format`` values; each language module holds
the same keys (a unit test compares them), so adding a text means adding it three times, in one
place each. Nothing else in the API writes a sentence meant for people, except error messages
of the contract's error shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from chalicelib.texts import en, es, pt

CATALOGUES: Final[Mapping[str, Mapping[str, str]]] = {"es": es.TEXTS, "en": en.TEXTS, "pt": pt.TEXTS}
FALLBACK_LANGUAGE: Final = "en"


def language_or_fallback(language: str | None) -> str:
    return language if language is not None and language in CATALOGUES else FALLBACK_LANGUAGE


def text(language: str | None, key: str, **values: Any) -> str:
    """The text ``key`` in ``language`` (English for an unknown one), filled with ``values``."""
    return CATALOGUES[language_or_fallback(language)][key].format(**values)


def status_name(language: str | None, status: str) -> str:
    """An idea status as a sentence names it (the key itself for a status without a text)."""
    key = f"status.{status}"
    catalogue = CATALOGUES[language_or_fallback(language)]
    return catalogue.get(key, status)
