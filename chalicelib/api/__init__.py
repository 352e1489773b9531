"""The HTTP layer: blueprints that parse, authorize, call the domain and store, and render.

It is the only package that knows about HTTP and Chalice. Views import their marshmallow
schemas (and auth its JWT library) on first use: nothing heavy runs at cold start, and the
import of ``app.py`` stays close to a bare Chalice app's (docs/benchmarks.md).
"""

from __future__ import annotations

from chalice.app import Chalice

from chalicelib.api import (
    alerts,
    changelog,
    comments,
    dev,
    failed_notices,
    finding,
    ideas,
    jobs,
    me,
    meta,
    moderation,
    my_data,
    products,
    reports,
    segments,
    topics,
    users,
    votes,
    web,
    webhooks,
)
from chalicelib.api.responses import contract_errors
from chalicelib.logs import configure_logging


def register(app: Chalice) -> None:
    """Attach every route and the middleware that keeps errors in the contract's shape."""
    configure_logging()
    app.register_middleware(contract_errors, "http")
    for module in (
        meta,
        products,
        users,
        ideas,
        votes,
        comments,
        moderation,
        reports,
        topics,
        segments,
        alerts,
        finding,
        me,
        my_data,
        changelog,
        webhooks,
        failed_notices,
        dev,
        jobs,
        web,
    ):
        app.register_blueprint(module.blueprint)
