"""axe-core on every page of every role: no serious or critical violation.

axe is injected with ``add_script_tag``, an inline script that the portal's own CSP refuses, so
this one context bypasses the CSP; every other test runs under it. The pages of topics, segments,
alerts and reports show a real nightly run over the demo data.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.web.conftest import (
    CUSTOMER,
    MARKETING,
    MODERATOR,
    PRODUCT,
    Stack,
    axe_violations,
    open_context,
    ready,
    sign_in,
)

PAGES = {
    None: [
        "/",
        "/?product={product}",
        "/?idea={idea}",
        "/?view=signin",
        "/?idea=unknown",
        "/?view=unsubscribe&token=x",
    ],
    CUSTOMER: ["/?view=new", "/?view=feed", "/?view=profile", "/?idea={idea}", "/?view=new&fail=1"],
    PRODUCT: [
        "/?idea={idea}",
        "/?view=topics",
        "/?topic={topic}",
        "/?view=alerts",
        "/?view=reports",
        "/?view=history&idea={idea}",
    ],
    MARKETING: ["/?view=segments", "/?segment={segment}", "/?view=reports"],
    MODERATOR: ["/?view=queue", "/?view=hidden", "/?idea={idea}"],
}


@pytest.mark.parametrize("role", list(PAGES), ids=lambda role: role or "anonymous")
def test_no_serious_accessibility_violation_on_any_page(
    browser: Browser, stack: Stack, nightly_run: dict[str, Any], role: str | None
) -> None:
    idea_id = stack.idea("Página revisada por axe", body="Con cuerpo y un comentario.")
    stack.comment(idea_id, "Un comentario para que la lista no esté vacía.")
    topic = stack.get("/topics")["items"][0]["id"]
    segment = stack.get("/segments", stack.token_of(MARKETING))["items"][0]["id"]
    context = open_context(browser, bypass_csp=True)
    try:
        page = context.new_page()
        if role:
            sign_in(page, stack, role)
        found = {}
        for template in PAGES[role]:
            path = template.format(product=stack.product, idea=idea_id, topic=topic, segment=segment)
            page.goto(stack.url(path))
            ready(page)
            if path.endswith("fail=1"):  # the submit form showing the API's inline errors
                page.get_by_test_id("idea-form-submit").click()
                expect(page.get_by_test_id("form-error").first).to_be_visible()
            violations = axe_violations(page)
            if violations:
                found[path] = violations
        assert found == {}
    finally:
        context.close()
