"""The HTTP layer: blueprints that parse, authorize, call the domain and store, and render.

It is the only package that knows about HTTP and Chalice.
"""

from __future__ import annotations

from chalice.app import Chalice

from chalicelib.api import comments, dev, ideas, jobs, me, meta, moderation, products, reports, votes
from chalicelib.api.responses import contract_errors


def register(app: Chalice) -> None:
    """Attach every route and the middleware that keeps errors in the contract's shape."""
    app.register_middleware(contract_errors, "http")
    for module in (meta, products, ideas, votes, comments, moderation, reports, me, dev, jobs):
        app.register_blueprint(module.blueprint)
