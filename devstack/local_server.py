"""The local stack's HTTP server: ``chalice local``, plus what CloudFront and API Gateway do in
AWS for a path that no route declares.

In AWS the portal's origin sends a path to the API when its first segment is one of the API's
(``/ideas``, ``/me``...), and everything else to the portal's bucket, where a CloudFront function
answers every page path with ``index.html`` (the portal then shows its "not found" page for a
path it does not know). API Gateway answers an unknown API path with the gateway response of
``chalicelib/api/gateway_answers.py``. Here one server plays both parts: on the local stage an
unknown GET of a non-API path is the portal's page, any other unknown path that 404.

Usage: ``python -m devstack.local_server --port 8000 [--stage local]``, from the repository root.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from chalice.cli.factory import CLIFactory
from chalice.local import (
    ChaliceRequestHandler,
    CustomLocalChalice,
    ForbiddenError,
    LocalChalice,
    LocalDevServer,
    LocalGatewayException,
    RouteMatcher,
)

from chalicelib.api.gateway_answers import UNKNOWN_ROUTE
from chalicelib.api.web import WEB_ROOT
from chalicelib.security_headers import api_headers, portal_headers

REPO_ROOT = Path(__file__).resolve().parents[1]
# First path segments that belong to the portal's files, never to the API (infra/stacks/api.py
# leaves the same ones out of CloudFront's API behaviours).
PORTAL_SEGMENTS = frozenset({"", "assets"})


class PortalAwareHandler(ChaliceRequestHandler):
    """``chalice local``'s handler; only its answer to an unknown path differs."""

    # Set by ``build_server``: the routes, their first segments and whether this is the local stage.
    routes: RouteMatcher
    api_segments: frozenset[str]
    serves_portal: bool

    def _send_error_response(self, error: LocalGatewayException) -> None:
        if isinstance(error, ForbiddenError) and not self._has_route():
            self._answer_unknown_path()
            return
        super()._send_error_response(error)

    def _has_route(self) -> bool:
        try:
            self.routes.match_route(self.path)
        except ValueError:
            return False
        return True

    def _answer_unknown_path(self) -> None:
        segment = self.path.split("?")[0].split("/")[1] if self.path.startswith("/") else ""
        page_path = segment not in self.api_segments and segment not in PORTAL_SEGMENTS
        if self.serves_portal and self.command in ("GET", "HEAD") and page_path:
            body = (WEB_ROOT / "index.html").read_bytes()
            headers: dict[str, Any] = {"Content-Type": "text/html; charset=utf-8", **portal_headers()}
            self._send_http_response(200, headers, body if self.command == "GET" else b"")
            return
        json_body = UNKNOWN_ROUTE.body().encode()
        headers = {"Content-Type": "application/json", **api_headers()}
        self._send_http_response(UNKNOWN_ROUTE.status, headers, json_body)


def build_server(stage: str, host: str, port: int) -> LocalDevServer:
    """What ``chalice local --stage STAGE`` builds (chalice.cli.create_local_server), with our handler."""
    factory = CLIFactory(project_dir=str(REPO_ROOT), environ=os.environ)
    config = factory.create_config_obj(chalice_stage_name=stage)
    app = config.chalice_app
    # As chalice.local.create_local_server does: current_request per thread.
    CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
    app.__class__ = CustomLocalChalice
    PortalAwareHandler.routes = RouteMatcher(list(app.routes))
    PortalAwareHandler.api_segments = frozenset(path.split("/")[1] for path in app.routes) - PORTAL_SEGMENTS
    PortalAwareHandler.serves_portal = stage == "local"
    return LocalDevServer(app, config, host, port, handler_cls=PortalAwareHandler)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--stage", default="local")
    args = parser.parse_args()
    # As `chalice local`: the app's log lines on stdout, as they would be in Lambda.
    logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(message)s")
    build_server(args.stage, args.host, args.port).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
