"""axe-core on every page of every role: no serious or critical violation.

axe is injected with ``add_script_tag``, an inline script that the portal's own CSP refuses, so
this one context bypasses the CSP; every other test runs under it. Every page is checked twice:
with what the API serves today, and with the not-yet-served routes answered in API.md's shapes.
"""

from __future__ import annotations

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
from tests.web.fakes import serve_fakes

PAGES = {
    None: ["/", "/?product={product}", "/?idea={idea}", "/?view=signin", "/?idea=unknown"],
    CUSTOMER: ["/?view=new", "/?view=feed", "/?view=profile", "/?idea={idea}", "/?view=new&fail=1"],
    PRODUCT: [
        "/?idea={idea}",
        "/?view=topics",
        "/?topic=topic-dark",
        "/?view=alerts",
        "/?view=reports",
        "/?view=history&idea={idea}",
    ],
    MARKETING: ["/?view=segments", "/?segment=seg-dark", "/?view=reports"],
    MODERATOR: ["/?view=queue", "/?idea={idea}"],
}


@pytest.mark.parametrize("role", list(PAGES), ids=lambda role: role or "anonymous")
@pytest.mark.parametrize("fake_unserved_routes", [False, True], ids=["served", "faked"])
def test_no_serious_accessibility_violation_on_any_page(
    browser: Browser, stack: Stack, role: str | None, fake_unserved_routes: bool
) -> None:
    idea_id = stack.idea("Página revisada por axe", body="Con cuerpo y un comentario.")
    stack.comment(idea_id, "Un comentario para que la lista no esté vacía.")
    context = open_context(browser, bypass_csp=True)
    try:
        page = context.new_page()
        if fake_unserved_routes:
            serve_fakes(page, stack)
        if role:
            sign_in(page, stack, role)
        found = {}
        for template in PAGES[role]:
            path = template.format(product=stack.product, idea=idea_id)
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
