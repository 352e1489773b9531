"""Schemas of the "Finding ideas" routes (API.md): search, hints, duplicate pairs.

Apart from ``chalicelib/schemas.py`` so that the routes of this feature and their shapes read
together; they reuse its fields and its ``IdeaSchema``.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from chalicelib.domain.vocabulary import PHASES, STATUSES
from chalicelib.schemas import (
    IDEA_BODY_LENGTH,
    SLUG_PATTERN,
    TITLE_LENGTH,
    IdeaSchema,
    PageQuerySchema,
    TrimmedString,
    WholeMatch,
    page_of,
)

QUERY_LENGTH = validate.Length(min=2, max=200)
ID_LENGTH = validate.Length(min=1, max=64)


class SearchQuerySchema(Schema):
    q = TrimmedString(required=True, validate=QUERY_LENGTH)
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))
    phase = fields.String(validate=validate.OneOf(PHASES))
    status = fields.String(validate=validate.OneOf(STATUSES))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))


class SimilarRequestSchema(Schema):
    title = TrimmedString(required=True, validate=TITLE_LENGTH)
    body = TrimmedString(load_default="", validate=IDEA_BODY_LENGTH)
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))


class DuplicatesQuerySchema(PageQuerySchema):
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))


class DismissRequestSchema(Schema):
    a = fields.String(required=True, validate=ID_LENGTH)
    b = fields.String(required=True, validate=ID_LENGTH)


class ScoredIdeaSchema(Schema):
    idea = fields.Nested(IdeaSchema, required=True)
    score = fields.Float(required=True, metadata={"description": "Higher is closer; comparable within one answer."})


class ScoredIdeasSchema(Schema):
    items = fields.List(fields.Nested(ScoredIdeaSchema), required=True)


class DuplicatePairSchema(Schema):
    a = fields.Nested(IdeaSchema, required=True)
    b = fields.Nested(IdeaSchema, required=True)
    score = fields.Float(required=True, metadata={"description": "Cosine similarity of the two ideas."})


class DismissedSchema(Schema):
    dismissed = fields.Boolean(required=True)


DuplicatePairPageSchema = page_of(DuplicatePairSchema)
