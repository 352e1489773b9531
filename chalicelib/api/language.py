"""The reader's language for the texts the API composes (../shared/API.md): the signed-in user's
profile language, else the request's ``Accept-Language`` (es, en, pt), else English."""

from __future__ import annotations

from chalicelib.api.routing import Call
from chalicelib.store.users import get_user
from chalicelib.texts import CATALOGUES, FALLBACK_LANGUAGE


def accepted_language(header: str) -> str | None:
    """The first of ``es, en, pt`` that an ``Accept-Language`` header names, in its order of
    preference (``q`` weights honoured; ``*`` and unknown languages skipped)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        code, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        short = code.strip()[:2].lower()
        if short in CATALOGUES and weight > 0:
            ranked.append((-weight, position, short))
    return min(ranked)[2] if ranked else None


def reader_language(call: Call) -> str:
    if call.principal is not None:
        stored = get_user(call.principal.id)
        if stored is not None and stored.language in CATALOGUES:
            return str(stored.language)
    return accepted_language(call.request.headers.get("accept-language", "")) or FALLBACK_LANGUAGE
