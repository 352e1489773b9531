"""Error messages in the reader's language (../shared/API.md): the signed-in user's language,
else ``Accept-Language`` (es, en, pt), else English.

Domain exceptions carry an English message written for developers and English readers; an
English reader keeps it, with its detail. Other readers get the catalogue's sentence for the
error's code (or for the exception's own ``text_key``), the names of the invalid fields, and
marshmallow's field messages translated where their meaning is known.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any, Final

from chalicelib.domain.roles import Principal
from chalicelib.texts import CATALOGUES, FALLBACK_LANGUAGE, text

# The signed-in user of the request being served, once its token is verified (set and reset by
# routing.endpoint): an error raised after that is told in that user's language.
current_principal: ContextVar[Principal | None] = ContextVar("current_principal", default=None)

_FIELD_MESSAGES: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^Missing data for required field\.$"), "field.required"),
    (re.compile(r"^Field may not be null\.$"), "field.required"),
    (re.compile(r"^Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"), "field.length"),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"), "field.length_max"),
    (re.compile(r"^Unknown field\.$"), "field.unknown"),
    (re.compile(r"^Must be one of: "), "field.choice"),
)


def reader_language(request: Any, principal: Principal | None, may_read_store: bool = True) -> str:
    """The language of the error's reader. The profile is read only when the store is usable
    (never for a 503, which is answered because the store is not)."""
    if principal is not None and may_read_store:
        from chalicelib.store.users import get_user

        try:
            stored = get_user(principal.id)
        except Exception:  # noqa: BLE001 - an error answer must not fail for want of a language
            stored = None
        if stored is not None and stored.language in CATALOGUES:
            return str(stored.language)
    from chalicelib.api.language import accepted_language

    headers = getattr(request, "headers", None) or {}
    return accepted_language(headers.get("accept-language", "")) or FALLBACK_LANGUAGE


def localized(
    language: str, code: str, message: str, fields: dict[str, list[str]] | None, text_key: str | None = None
) -> tuple[str, dict[str, list[str]] | None]:
    """The message and the field messages of an error in ``language``."""
    if language == "en":
        return (text("en", text_key) if text_key else message), fields
    if text_key:
        sentence = text(language, text_key)
    elif code == "validation_error" and fields:
        sentence = text(language, "error.validation_error.fields", names=", ".join(sorted(fields)))
    else:
        sentence = text(language, f"error.{code}") if f"error.{code}" in CATALOGUES[language] else message
    if fields is None:
        return sentence, None
    if text_key:  # the failure's own sentence says what is wrong with each field named
        return sentence, {name: [sentence] for name in fields}
    return sentence, {name: [field_message(language, m) for m in messages] for name, messages in fields.items()}


def field_message(language: str, message: str) -> str:
    for pattern, key in _FIELD_MESSAGES:
        found = pattern.match(message)
        if found:
            return text(language, key, **found.groupdict())
    return text(language, "field.invalid")
