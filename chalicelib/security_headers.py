"""The security headers of every response, written from here only: the API's responses (the
HTTP middleware), the portal's page in the local stage (``api/web.py``) and CloudFront's response
headers policy in AWS (``infra/stacks/web.py``). Standard library only: the CDK app imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

HSTS_MAX_AGE_SECONDS: Final = 365 * 24 * 60 * 60
STRICT_TRANSPORT_SECURITY: Final = f"max-age={HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload"
CONTENT_TYPE_OPTIONS: Final = "nosniff"
FRAME_OPTIONS: Final = "DENY"
REFERRER_POLICY: Final = "same-origin"

# The portal loads only its own files: no inline script or style, no plugin, no framing.
_PORTAL_DIRECTIVES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("connect-src", ("'self'",)),
    ("font-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'none'",)),
    ("form-action", ("'self'",)),
    ("frame-ancestors", ("'none'",)),
)

# A JSON answer is never a document to render: it may load nothing and be framed by nobody.
API_CONTENT_SECURITY_POLICY: Final = "default-src 'none'; frame-ancestors 'none'"


def portal_content_security_policy(*, connect: Sequence[str] = (), form_action: Sequence[str] = ()) -> str:
    """The portal's policy; ``connect`` and ``form_action`` add origins (the hosted sign-in UI)."""
    extra = {"connect-src": tuple(connect), "form-action": tuple(form_action)}
    return "; ".join(" ".join((name, *sources, *extra.get(name, ()))) for name, sources in _PORTAL_DIRECTIVES)


def portal_headers() -> dict[str, str]:
    """Headers of the portal's page as the local stage serves it."""
    return {
        "Content-Security-Policy": portal_content_security_policy(),
        "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY,
        "X-Content-Type-Options": CONTENT_TYPE_OPTIONS,
        "X-Frame-Options": FRAME_OPTIONS,
        "Referrer-Policy": REFERRER_POLICY,
    }


def api_headers() -> dict[str, str]:
    """Headers every API response carries unless its view set its own (the portal's page)."""
    return {
        "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
        "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY,
        "X-Content-Type-Options": CONTENT_TYPE_OPTIONS,
        "X-Frame-Options": FRAME_OPTIONS,
        "Referrer-Policy": REFERRER_POLICY,
    }
