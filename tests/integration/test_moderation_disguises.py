# ruff: noqa: RUF001, RUF003 - look-alike letters are what these tests are about
"""Disguised words are held for a moderator through the API, and stored exactly as written."""

from __future__ import annotations

import pytest

from chalicelib.store.models import CommentModel, IdeaModel
from tests.support import Api, User

DISGUISED = [
    "Los de soporte son unos і\u00addiotas",  # Cyrillic і and a soft hyphen
    "What an id\u200biot\u200d design",  # zero-width space and joiner
    "Que m\u2060erda de instalação",  # word joiner
    "Essa app é uma mеrdа",  # Cyrillic е, а
]


@pytest.mark.parametrize("text", DISGUISED)
def test_disguised_idea_and_comment_are_held_and_stored_as_written(
    api: Api, customer: User, product: str, text: str
) -> None:
    idea = api.post("/ideas", customer, {"title": text, "product": product, "phase": "design"})
    clean = api.post("/ideas", customer, {"title": "Clean title", "product": product, "phase": "design"}).body
    comment = api.post(f"/ideas/{clean['id']}/comments", customer, {"body": text})

    assert idea.status == 201 and idea.body["status"] == "pending_moderation"
    assert idea.body["title"] == text
    assert IdeaModel.get(idea.body["id"], consistent_read=True).title == text
    assert comment.status == 201
    stored = next(CommentModel.by_id.query(comment.body["id"]))
    assert (stored.status, stored.body) == ("pending_moderation", text)
    assert api.get(f"/ideas/{clean['id']}").body["comment_count"] == 0
