"""Marshmallow schemas: they validate every request, shape every response, and are the source
of the served OpenAPI document (chalicelib/openapi.py).

Request schemas raise on unknown fields (marshmallow's default), so a misspelt field is a 400
that names it rather than a silently ignored value.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from chalicelib.config import MAX_DEV_TOKEN_TTL_SECONDS
from chalicelib.domain.changelog import MAX_LINKED_IDEAS
from chalicelib.domain.personal_data import ERASE_CONFIRMATION
from chalicelib.domain.roles import ROLES
from chalicelib.domain.vocabulary import LANGUAGES, PHASES, SORTS, STATUSES, WORKFLOW_STATUSES
from chalicelib.domain.webhooks import EVENTS as WEBHOOK_EVENTS
from chalicelib.domain.webhooks import FORMATS as WEBHOOK_FORMATS

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{1,39}$"
TITLE_LENGTH = validate.Length(min=3, max=140)
IDEA_BODY_LENGTH = validate.Length(max=5000)
COMMENT_BODY_LENGTH = validate.Length(min=1, max=2000)
NAME_LENGTH = validate.Length(min=1, max=100)


class WholeMatch(validate.Regexp):
    """``validate.Regexp`` with ``re.fullmatch``: ``$`` alone also matches before a final newline,
    which would let ``"slug\n"`` through."""

    def __call__(self, value: Any) -> Any:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


class TrimmedString(fields.String):
    """A string whose surrounding whitespace is removed before it is validated."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).strip()


class StrictBoolean(fields.Boolean):
    """Only JSON ``true`` and ``false``: ``"yes"`` or ``1`` is a mistake worth reporting."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("Not a valid boolean.")
        return value


# ------------------------------------------------------------------ requests


class ProductTranslationSchema(Schema):
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=80))
    description = TrimmedString(load_default="", validate=validate.Length(max=500))


def product_translations() -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=validate.OneOf(LANGUAGES)),
        values=fields.Nested(ProductTranslationSchema),
        validate=validate.Length(max=len(LANGUAGES)),
        metadata={
            "description": "Name and description per language (es, en, pt), e.g. "
            '{"en": {"name": "...", "description": "..."}}; readers of that language get them.'
        },
    )


class ProductCreateSchema(Schema):
    slug = fields.String(required=True, validate=WholeMatch(SLUG_PATTERN))
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=80))
    description = TrimmedString(load_default="", validate=validate.Length(max=500))
    translations = product_translations()


class ProductPatchSchema(Schema):
    """A board's name and description; its slug is its address and never changes. A language
    given in ``translations`` replaces that language's texts only."""

    name = TrimmedString(validate=validate.Length(min=1, max=80))
    description = TrimmedString(validate=validate.Length(max=500))
    translations = product_translations()


class IdeaCreateSchema(Schema):
    title = TrimmedString(required=True, validate=TITLE_LENGTH)
    body = TrimmedString(load_default="", validate=IDEA_BODY_LENGTH)
    product = fields.String(required=True, validate=WholeMatch(SLUG_PATTERN))
    phase = fields.String(required=True, validate=validate.OneOf(PHASES))


class IdeaPatchSchema(Schema):
    """Authors send ``title``/``body``; the product role sends ``status``/``response``."""

    title = TrimmedString(validate=TITLE_LENGTH)
    body = TrimmedString(validate=IDEA_BODY_LENGTH)
    status = fields.String(validate=validate.OneOf(WORKFLOW_STATUSES))
    response = TrimmedString(validate=validate.Length(min=1, max=5000))


class CommentCreateSchema(Schema):
    body = TrimmedString(required=True, validate=COMMENT_BODY_LENGTH)


class HideSchema(Schema):
    reason = TrimmedString(required=True, validate=validate.Length(min=1, max=500))


class MergeSchema(Schema):
    into = fields.String(required=True, validate=validate.Length(min=1, max=64))


class NotificationSettingsSchema(Schema):
    """One switch per kind of e-mail (chalicelib/domain/notice_kinds.py)."""

    updates = StrictBoolean(required=True, metadata={"description": "Answers and status changes."})
    merges = StrictBoolean(required=True, metadata={"description": "An idea one follows was merged."})
    release_notes = StrictBoolean(required=True, metadata={"description": "Release notes delivering ideas."})
    webhooks = StrictBoolean(required=True, metadata={"description": "(admins) A webhook was paused."})


class NotificationSettingsPatchSchema(NotificationSettingsSchema):
    class Meta:
        partial = True


class NotificationSettingsField(fields.Field[bool | dict[str, bool]]):
    """``true``/``false`` (every kind at once, as before settings per kind) or an object of
    some kinds: ``{"updates": false}``."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool | dict[str, bool]:
        if isinstance(value, bool):
            return value
        if not isinstance(value, dict) or not value:
            raise ValidationError("Expected true, false or an object of at least one kind.")
        loaded: dict[str, bool] = NotificationSettingsPatchSchema(partial=True).load(value)
        return loaded


class MePatchSchema(Schema):
    name = TrimmedString(validate=NAME_LENGTH)
    marketing_consent = StrictBoolean()
    notifications = NotificationSettingsField(
        metadata={"description": "true/false sets every kind; an object sets the kinds it names."}
    )
    language = fields.String(validate=validate.OneOf(LANGUAGES))


class DevTokenRequestSchema(Schema):
    sub = fields.String(required=True, validate=validate.Length(min=1, max=128))
    name = TrimmedString(required=True, validate=NAME_LENGTH)
    email = fields.Email()
    groups = fields.List(fields.String(validate=validate.OneOf(ROLES)), validate=validate.Length(max=5))
    ttl = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_DEV_TOKEN_TTL_SECONDS))


class PageQuerySchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.String(
        validate=validate.Length(min=1, max=2048),
        metadata={
            "description": "The `next_cursor` of the previous page: opaque, valid only for the route and filters "
            "that issued it, for one hour; anything else is a 400."
        },
    )


class IdeaListQuerySchema(PageQuerySchema):
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))
    phase = fields.String(validate=validate.OneOf(PHASES))
    status = fields.String(validate=validate.OneOf(STATUSES))
    topic = fields.String(validate=validate.Length(min=1, max=64))
    author = fields.String(validate=validate.OneOf(["me"]))
    sort = fields.String(load_default="top", validate=validate.OneOf(SORTS))
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(["json", "csv"]),
        metadata={"description": "`csv` (product, admin): every matching idea, not paged."},
    )


class ReportQuerySchema(Schema):
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))


# ------------------------------------------------------------------ responses


class HealthSchema(Schema):
    status = fields.String(required=True)


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    field_errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), data_key="fields")


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class PhaseCountsSchema(Schema):
    design = fields.Integer(required=True)
    development = fields.Integer(required=True)
    testing = fields.Integer(required=True)
    provision = fields.Integer(required=True)
    installation = fields.Integer(required=True)
    modification = fields.Integer(required=True)


class ProductSchema(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    idea_counts = fields.Nested(PhaseCountsSchema, required=True)


class PersonSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)


class TopicRefSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)


class OfficialResponseSchema(Schema):
    body = fields.String(required=True)
    author = fields.Nested(PersonSchema, required=True)
    at = fields.String(required=True)


class IdeaSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    product = fields.String(required=True)
    phase = fields.String(required=True, validate=validate.OneOf(PHASES))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    vote_count = fields.Integer(required=True)
    comment_count = fields.Integer(required=True)
    author = fields.Nested(PersonSchema, required=True)
    created_at = fields.String(required=True)
    updated_at = fields.String(required=True)
    topic = fields.Nested(TopicRefSchema, required=True, allow_none=True)
    response = fields.Nested(OfficialResponseSchema, required=True, allow_none=True)
    merged_into = fields.String(required=True, allow_none=True)
    voted = fields.Boolean(metadata={"description": "Present only when the request is signed in."})
    following = fields.Boolean(
        metadata={"description": "Whether the reader gets this idea's e-mails; present only when signed in."}
    )
    hidden = fields.Boolean(metadata={"description": "Present only for moderators."})


class CommentSchema(Schema):
    id = fields.String(required=True)
    idea_id = fields.String(required=True)
    body = fields.String(required=True)
    author = fields.Nested(PersonSchema, required=True)
    official = fields.Boolean(required=True)
    created_at = fields.String(required=True)


class FollowResultSchema(Schema):
    idea_id = fields.String(required=True)
    following = fields.Boolean(required=True)


class UnsubscribeSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=1024))
    # RFC 8058: a mail client's one-click POST is the form field List-Unsubscribe=One-Click, with
    # the token in the link's query string (the route joins the two).
    one_click = fields.String(
        data_key="List-Unsubscribe",
        validate=validate.OneOf(["One-Click"]),
        metadata={"description": "Sent by mail clients (RFC 8058) as a form field; the token is then in the query."},
    )


class UnsubscribedSchema(Schema):
    unsubscribed = fields.String(required=True, metadata={"description": "The kind of e-mail turned off."})


class VoteResultSchema(Schema):
    idea_id = fields.String(required=True)
    vote_count = fields.Integer(required=True)
    voted = fields.Boolean(required=True)


class UserStatsSchema(Schema):
    ideas = fields.Integer(required=True)
    votes = fields.Integer(required=True)
    comments = fields.Integer(required=True)


class MeSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    marketing_consent = fields.Boolean(required=True)
    notifications = fields.Nested(NotificationSettingsSchema, required=True)
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    stats = fields.Nested(UserStatsSchema, required=True)


class DevTokenSchema(Schema):
    token = fields.String(required=True)


class JwkSchema(Schema):
    kty = fields.String(required=True)
    kid = fields.String(required=True)
    use = fields.String(required=True)
    alg = fields.String(required=True)
    n = fields.String(required=True)
    e = fields.String(required=True)


class JwksSchema(Schema):
    keys = fields.List(fields.Nested(JwkSchema), required=True)


class HistoryEventSchema(Schema):
    at = fields.String(required=True)
    actor = fields.Nested(PersonSchema, required=True)
    action = fields.String(required=True)
    reason = fields.String()
    before = fields.Dict(keys=fields.String())
    after = fields.Dict(keys=fields.String())


class QueueItemSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["idea", "comment"]))
    id = fields.String(required=True)
    reason = fields.String(required=True)
    item = fields.Dict(required=True, metadata={"description": "The Idea or the Comment."})


class HiddenQuerySchema(PageQuerySchema):
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))
    kind = fields.String(validate=validate.OneOf(["idea", "comment"]))


class HiddenItemSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["idea", "comment"]))
    id = fields.String(required=True)
    reason = fields.String(required=True)
    hidden_at = fields.String(required=True)
    hidden_by = fields.Nested(PersonSchema, required=True)
    item = fields.Dict(required=True, metadata={"description": "The Idea or the Comment."})


class KindCountsSchema(Schema):
    ideas = fields.Integer(required=True)
    votes = fields.Integer(required=True)
    comments = fields.Integer(required=True)


class DayCountsSchema(KindCountsSchema):
    date = fields.String(required=True)


class ReportSummarySchema(Schema):
    from_ = fields.String(required=True, data_key="from")
    to = fields.String(required=True)
    ideas = fields.Integer(required=True)
    votes = fields.Integer(required=True)
    comments = fields.Integer(required=True)
    active_users = fields.Integer(required=True)
    per_phase = fields.Dict(keys=fields.String(), values=fields.Nested(KindCountsSchema), required=True)
    per_status = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    answered_ideas = fields.Integer(required=True)
    median_first_response_hours = fields.Float(required=True, allow_none=True)
    per_day = fields.List(fields.Nested(DayCountsSchema), required=True)


class TopicTrendSchema(Schema):
    size_delta = fields.Integer(required=True)
    votes_delta = fields.Integer(required=True)


class TopicIdeaRefSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)


class ThemeTopicSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    size = fields.Integer(required=True)


class TopicSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    keywords = fields.List(fields.String(), required=True)
    size = fields.Integer(required=True)
    vote_total = fields.Integer(required=True)
    trend = fields.Nested(TopicTrendSchema, required=True)
    phases = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    representative_ideas = fields.List(fields.Nested(TopicIdeaRefSchema), required=True)
    # Votes on the ideas of each phase (the themes x phases heat map counts ideas and votes).
    phase_votes = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    theme = fields.Nested(TopicRefSchema, required=True, allow_none=True)
    emerging = fields.Boolean(required=True)
    # Themes only (``GET /topics?level=theme``): the topics each groups.
    topics = fields.List(fields.Nested(ThemeTopicSchema))


class TopicRunSchema(Schema):
    id = fields.String(required=True)
    finished_at = fields.String(required=True)
    idea_count = fields.Integer(required=True)


class TopicsSchema(Schema):
    run = fields.Nested(TopicRunSchema, required=True, allow_none=True)
    items = fields.List(fields.Nested(TopicSchema), required=True)
    # Ideas in scope that no topic was close enough to: the "not grouped yet" bucket.
    ungrouped = fields.Integer(required=True)


class TopicDetailSchema(TopicSchema):
    ideas = fields.List(fields.Nested(IdeaSchema), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class TopicQuerySchema(Schema):
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))
    phase = fields.String(validate=validate.OneOf(PHASES))
    level = fields.String(validate=validate.OneOf(("topic", "theme")), load_default="topic")


class SegmentSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    size = fields.Integer(required=True)


class SegmentsSchema(Schema):
    items = fields.List(fields.Nested(SegmentSchema), required=True)


class SegmentMemberSchema(Schema):
    user_id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    engagement = fields.Integer(
        required=True,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "0 (long inactive, little contribution) to 100 (recent and prolific)."},
    )
    top_topics = fields.List(fields.String(), required=True)


class MembersQuerySchema(PageQuerySchema):
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))


class AlertSchema(Schema):
    id = fields.String(required=True)
    at = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["surge", "backlash"]))
    product = fields.String(required=True, allow_none=True)
    phase = fields.String(required=True, allow_none=True)
    topic = fields.Nested(TopicRefSchema, required=True, allow_none=True)
    message = fields.String(required=True)
    evidence = fields.Dict(required=True)


# ------------------------------------------------------------------ admin: users


class UserListQuerySchema(PageQuerySchema):
    role = fields.String(validate=validate.OneOf(ROLES))
    q = TrimmedString(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "Prefix of the name or the e-mail, case-insensitive."},
    )


class UserRolesSchema(Schema):
    roles = fields.List(
        fields.String(validate=validate.OneOf(ROLES)),
        required=True,
        validate=validate.Length(max=len(ROLES)),
        metadata={"description": "The roles to hold; `customer` is always kept."},
    )


class UserSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True)
    created_at = fields.String(required=True)


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The ``{"items": [...], "next_cursor": ...}`` envelope of a list route."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "next_cursor": fields.String(required=True, allow_none=True),
        },
        name=f"{item_schema.__name__.removesuffix('Schema')}PageSchema",
    )


ProductPageSchema = page_of(ProductSchema)
IdeaPageSchema = page_of(IdeaSchema)
CommentPageSchema = page_of(CommentSchema)
HistoryPageSchema = page_of(HistoryEventSchema)
QueuePageSchema = page_of(QueueItemSchema)
HiddenPageSchema = page_of(HiddenItemSchema)
SegmentMemberPageSchema = page_of(SegmentMemberSchema)
AlertPageSchema = page_of(AlertSchema)
UserPageSchema = page_of(UserSchema)


# ------------------------------------------------------------------ closing the loop, your data
# (requests and responses of the changelog, webhooks and personal data routes)


class ChangelogCreateSchema(Schema):
    title = TrimmedString(required=True, validate=TITLE_LENGTH)
    body = fields.String(load_default="", validate=validate.Length(max=20000), metadata={"format": "markdown"})
    product = fields.String(required=True, validate=WholeMatch(SLUG_PATTERN))
    ideas = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        load_default=list,
        validate=validate.Length(max=MAX_LINKED_IDEAS),
        metadata={"description": "Ideas this release delivers: they become `done`."},
    )


class ChangelogQuerySchema(PageQuerySchema):
    product = fields.String(validate=WholeMatch(SLUG_PATTERN))


class LinkedIdeaSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))


class ReleaseNoteSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True, metadata={"description": "Markdown; render it sanitised, never as raw HTML."})
    product = fields.String(required=True)
    published_at = fields.String(required=True)
    author = fields.Nested(PersonSchema, required=True)
    ideas = fields.List(fields.Nested(LinkedIdeaSchema), required=True)


class WebhookCreateSchema(Schema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=2048))
    events = fields.List(
        fields.String(validate=validate.OneOf(WEBHOOK_EVENTS)),
        required=True,
        validate=validate.Length(min=1, max=len(WEBHOOK_EVENTS)),
    )
    format = fields.String(load_default="json", validate=validate.OneOf(WEBHOOK_FORMATS))


class WebhookSchema(Schema):
    id = fields.String(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(validate=validate.OneOf(WEBHOOK_EVENTS)), required=True)
    format = fields.String(required=True, validate=validate.OneOf(WEBHOOK_FORMATS))
    active = fields.Boolean(required=True)
    created_at = fields.String(required=True)


class NewWebhookSchema(WebhookSchema):
    secret = fields.String(
        required=True, metadata={"description": "The HMAC-SHA256 key of the signatures; shown only in this answer."}
    )


class WebhookListSchema(Schema):
    items = fields.List(fields.Nested(WebhookSchema), required=True)


class WebhookDeliverySchema(Schema):
    id = fields.String(required=True)
    event = fields.String(required=True, validate=validate.OneOf(WEBHOOK_EVENTS))
    at = fields.String(required=True)
    attempts = fields.Integer(required=True)
    status_code = fields.Integer(required=True, allow_none=True)
    state = fields.String(required=True, validate=validate.OneOf(["pending", "delivered", "failed"]))


class EraseSchema(Schema):
    confirm = fields.String(
        required=True,
        validate=validate.Equal(ERASE_CONFIRMATION, error="Type exactly 'erase' to confirm."),
    )


class ErasedSchema(Schema):
    erased = fields.Boolean(required=True)


class FollowChoiceSchema(Schema):
    idea_id = fields.String(required=True)
    following = fields.Boolean(required=True, metadata={"description": "False: the person unfollowed."})
    at = fields.String(required=True)


class ConsentsSchema(Schema):
    """What the person agreed to receive: marketing, each kind of e-mail, and idea by idea."""

    marketing_consent = fields.Boolean(required=True)
    notifications = fields.Nested(NotificationSettingsSchema, required=True)
    follows = fields.List(
        fields.Nested(FollowChoiceSchema),
        required=True,
        metadata={"description": "Every explicit follow or unfollow (Follow, Unfollow, a first vote or comment)."},
    )


class MyDataSchema(Schema):
    profile = fields.Dict(required=True)
    consents = fields.Nested(ConsentsSchema, required=True)
    ideas = fields.List(fields.Dict(), required=True)
    comments = fields.List(fields.Dict(), required=True)
    votes = fields.List(fields.Dict(), required=True)
    notifications = fields.List(fields.Dict(), required=True)


ReleaseNotePageSchema = page_of(ReleaseNoteSchema)
WebhookDeliveryPageSchema = page_of(WebhookDeliverySchema)


class FailedNoticeSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(["updated", "merged"]))
    idea = fields.Nested(TopicIdeaRefSchema, required=True)
    at = fields.String(required=True, metadata={"description": "When the change it announces happened."})
    attempts = fields.Integer(required=True, metadata={"description": "Runs of the worker that failed to deliver it."})
    reason = fields.String(required=True, metadata={"description": "The last failure, as the mail service gave it."})
    failed_at = fields.String(required=True, metadata={"description": "When it was parked."})


FailedNoticePageSchema = page_of(FailedNoticeSchema)
# ------------------------------------------------------------------ finding ideas (API.md)

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
