"""The rules of the portal, without any IO: who may change an idea, roles, the trending order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from chalicelib.api.errors import contract_error
from chalicelib.domain.errors import InvalidInput, InvalidTransition, NotPermitted
from chalicelib.domain.ideas import classify_patch
from chalicelib.domain.roles import Principal, roles_from_groups
from chalicelib.domain.trending import rank_trending
from chalicelib.domain.vocabulary import STATUSES, WORKFLOW_STATUSES

AUTHOR = Principal(id="author-1", name="Ana", email="ana@example.com", roles=("customer",))
OTHER_CUSTOMER = Principal(id="customer-2", name="Beto", email="beto@example.com", roles=("customer",))
PRODUCT_TEAM = Principal(id="product-1", name="Pablo", email="pablo@example.com", roles=("product",))
ADMIN = Principal(id="admin-1", name="Alba", email="alba@example.com", roles=("admin",))
MODERATOR = Principal(id="moderator-1", name="Mora", email="mora@example.com", roles=("moderator",))
MARKETING = Principal(id="marketing-1", name="Marta", email="marta@example.com", roles=("marketing",))


# ----------------------------------------------------------------------------- classify_patch


@pytest.mark.parametrize("changes", [{"title": "Better title"}, {"body": "More detail"}, {"title": "T", "body": "B"}])
def test_author_edits_text_while_open(changes: dict[str, Any]) -> None:
    assert classify_patch(AUTHOR, AUTHOR.id, "open", changes) == "author"


@pytest.mark.parametrize("editor", [OTHER_CUSTOMER, PRODUCT_TEAM, MODERATOR, ADMIN])
def test_nobody_else_edits_an_authors_text(editor: Principal) -> None:
    with pytest.raises(NotPermitted):
        classify_patch(editor, AUTHOR.id, "open", {"title": "Hijacked"})


@pytest.mark.parametrize("status", [status for status in STATUSES if status != "open"])
def test_author_cannot_edit_once_the_idea_left_open(status: str) -> None:
    with pytest.raises(NotPermitted):
        classify_patch(AUTHOR, AUTHOR.id, status, {"body": "Changed my mind"})


@pytest.mark.parametrize("editor", [PRODUCT_TEAM, ADMIN])
@pytest.mark.parametrize("status", WORKFLOW_STATUSES)
@pytest.mark.parametrize(
    "changes", [{"status": "planned"}, {"response": "On the roadmap"}, {"status": "done", "response": "Shipped"}]
)
def test_product_team_and_admin_answer_and_set_status(editor: Principal, status: str, changes: dict[str, Any]) -> None:
    assert classify_patch(editor, AUTHOR.id, status, changes) == "product"


def test_product_member_answers_its_own_idea_as_product() -> None:
    author_in_product = Principal(id="product-1", name="Pablo", email="", roles=("product",))

    assert classify_patch(author_in_product, "product-1", "open", {"status": "planned"}) == "product"


@pytest.mark.parametrize("editor", [AUTHOR, OTHER_CUSTOMER, MODERATOR, MARKETING])
@pytest.mark.parametrize("changes", [{"status": "done"}, {"response": "Official answer"}])
def test_other_roles_cannot_set_status_or_answer(editor: Principal, changes: dict[str, Any]) -> None:
    with pytest.raises(NotPermitted):
        classify_patch(editor, AUTHOR.id, "open", changes)


@pytest.mark.parametrize("editor", [AUTHOR, PRODUCT_TEAM, ADMIN])
@pytest.mark.parametrize(
    "changes",
    [
        {"title": "New title", "status": "planned"},
        {"body": "x", "response": "y"},
        {"title": "a", "body": "b", "status": "done", "response": "c"},
    ],
)
def test_text_and_status_cannot_change_in_one_request(editor: Principal, changes: dict[str, Any]) -> None:
    with pytest.raises(NotPermitted):
        classify_patch(editor, AUTHOR.id, "open", changes)


@pytest.mark.parametrize("editor", [AUTHOR, PRODUCT_TEAM, ADMIN])
def test_empty_patch_is_a_validation_error(editor: Principal) -> None:
    with pytest.raises(InvalidInput) as raised:
        classify_patch(editor, AUTHOR.id, "open", {})

    assert contract_error(raised.value).status == 400
    assert raised.value.fields


@pytest.mark.parametrize("status", ["merged", "pending_moderation"])
@pytest.mark.parametrize("changes", [{"status": "planned"}, {"response": "Thanks"}])
def test_merged_or_held_idea_cannot_be_answered(status: str, changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidTransition) as raised:
        classify_patch(PRODUCT_TEAM, AUTHOR.id, status, changes)

    assert contract_error(raised.value).status == 409


def test_customer_on_a_merged_idea_is_forbidden_not_conflict() -> None:
    """Permission is decided before state: a customer learns nothing about the idea's state."""
    with pytest.raises(NotPermitted):
        classify_patch(OTHER_CUSTOMER, AUTHOR.id, "merged", {"status": "planned"})


# ----------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("groups", "roles"),
    [
        (None, ("customer",)),
        ([], ("customer",)),
        (["customer"], ("customer",)),
        (["product"], ("product",)),
        (["admin", "product"], ("product", "admin")),
        (["moderator", "marketing", "moderator"], ("marketing", "moderator")),
        (["beta-testers", "Admin", "ADMIN"], ("customer",)),
        (["beta-testers", "marketing"], ("marketing",)),
        ("admin", ("customer",)),  # a bare string is not a group list; "admin" in "administrators" must not count
        ("administrators", ("customer",)),
        ({"admin": True}, ("customer",)),
        ([["admin"]], ("customer",)),
    ],
)
def test_roles_from_groups(groups: object, roles: tuple[str, ...]) -> None:
    assert roles_from_groups(groups) == roles


def test_admin_holds_every_role_and_others_only_their_own() -> None:
    assert all(ADMIN.has_any(role) for role in ("customer", "product", "marketing", "moderator", "admin"))
    assert PRODUCT_TEAM.has_any("product") and not PRODUCT_TEAM.has_any("moderator", "marketing")
    assert not AUTHOR.has_any()
    assert MODERATOR.is_official and PRODUCT_TEAM.is_official
    assert not AUTHOR.is_official and not MARKETING.is_official


# ----------------------------------------------------------------------------- trending


@dataclass
class Idea:
    id: str
    top_score: float


def test_trending_orders_by_recent_votes() -> None:
    ideas = [Idea("a", 5e10), Idea("b", 1e10), Idea("c", 9e10)]

    assert rank_trending(ideas, {"a": 1, "b": 7, "c": 3}) == ["b", "c", "a"]


def test_trending_leaves_out_ideas_without_recent_votes() -> None:
    ideas = [Idea("old-favourite", 99e10), Idea("fresh", 1e10), Idea("zero", 2e10)]

    assert rank_trending(ideas, {"fresh": 2, "zero": 0, "not-in-page": 5}) == ["fresh"]


def test_trending_ties_go_to_the_better_ranked_idea_then_the_id() -> None:
    ideas = [Idea("m", 1e10), Idea("z", 3e10), Idea("b", 2e10), Idea("y", 2e10), Idea("x", 2e10)]

    ranked = rank_trending(ideas, {idea.id: 4 for idea in ideas})

    assert ranked == ["z", "b", "x", "y", "m"]


def test_trending_is_independent_of_input_order() -> None:
    ideas = [Idea(f"idea-{n}", float(n % 3)) for n in range(12)]
    recent = {idea.id: 1 + int(idea.id.rsplit("-", 1)[1]) % 4 for idea in ideas}

    assert rank_trending(ideas, recent) == rank_trending(list(reversed(ideas)), recent)
    assert rank_trending([], recent) == []
