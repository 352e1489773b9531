"""One PynamoDB model per concept. docs/data-model.md lists the access pattern behind each index."""

from __future__ import annotations

from pynamodb.attributes import (
    BinaryAttribute,
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.store.base import BaseMeta, table_name

# ---------------------------------------------------------------- products


class PhaseCounts(MapAttribute[str, int]):
    """Visible ideas of a product per phase, kept by the same transactions that add ideas."""

    design = NumberAttribute(default=0)
    development = NumberAttribute(default=0)
    testing = NumberAttribute(default=0)
    provision = NumberAttribute(default=0)
    installation = NumberAttribute(default=0)
    modification = NumberAttribute(default=0)


class ProductsInOrderIndex(GlobalSecondaryIndex["ProductModel"]):
    """All products by slug: a handful of items, so one constant partition is fine."""

    class Meta:
        index_name = "products_in_order"
        projection = AllProjection()

    kind = UnicodeAttribute(hash_key=True)
    slug = UnicodeAttribute(range_key=True)


class ProductModel(Model):
    class Meta(BaseMeta):
        table_name = table_name("products")

    slug = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(default="product")
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    idea_counts = PhaseCounts(default=PhaseCounts)
    created_at = UnicodeAttribute()

    in_order = ProductsInOrderIndex()


# ---------------------------------------------------------------- ideas


class OfficialResponse(MapAttribute[str, str]):
    body = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    at = UnicodeAttribute()


class _IdeaIndex(GlobalSecondaryIndex["IdeaModel"]):
    """Ideas are always read whole, so every index projects every attribute."""


class BoardNewIndex(_IdeaIndex):
    class Meta:
        index_name = "board_new"
        projection = AllProjection()

    board = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class BoardTopIndex(_IdeaIndex):
    class Meta:
        index_name = "board_top"
        projection = AllProjection()

    board = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class ProductNewIndex(_IdeaIndex):
    class Meta:
        index_name = "product_new"
        projection = AllProjection()

    product = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class ProductTopIndex(_IdeaIndex):
    class Meta:
        index_name = "product_top"
        projection = AllProjection()

    product = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class StatusNewIndex(_IdeaIndex):
    class Meta:
        index_name = "status_new"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class StatusTopIndex(_IdeaIndex):
    class Meta:
        index_name = "status_top"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class TopicSlot0NewIndex(_IdeaIndex):
    """Ideas of a topic of the run published in slot 0 (see ``IdeaModel.topic_slot0``)."""

    class Meta:
        index_name = "topic_slot0_new"
        projection = AllProjection()

    topic_slot0 = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TopicSlot0TopIndex(_IdeaIndex):
    class Meta:
        index_name = "topic_slot0_top"
        projection = AllProjection()

    topic_slot0 = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class TopicSlot1NewIndex(_IdeaIndex):
    class Meta:
        index_name = "topic_slot1_new"
        projection = AllProjection()

    topic_slot1 = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class TopicSlot1TopIndex(_IdeaIndex):
    class Meta:
        index_name = "topic_slot1_top"
        projection = AllProjection()

    topic_slot1 = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class AuthorNewIndex(_IdeaIndex):
    class Meta:
        index_name = "author_new"
        projection = AllProjection()

    author_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class AuthorTopIndex(_IdeaIndex):
    class Meta:
        index_name = "author_top"
        projection = AllProjection()

    author_id = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class EveryNewIndex(_IdeaIndex):
    """Every idea, for the unfiltered list; see docs/scaling.md on its single partition."""

    class Meta:
        index_name = "every_new"
        projection = AllProjection()

    scope = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class EveryTopIndex(_IdeaIndex):
    class Meta:
        index_name = "every_top"
        projection = AllProjection()

    scope = UnicodeAttribute(hash_key=True)
    top_score = NumberAttribute(range_key=True)


class IdeaModel(Model):
    class Meta(BaseMeta):
        table_name = table_name("ideas")

    id = UnicodeAttribute(hash_key=True)
    title = UnicodeAttribute()
    body = UnicodeAttribute(default="")
    product = UnicodeAttribute()
    phase = UnicodeAttribute()
    # ``product#phase``: the partition of a board.
    board = UnicodeAttribute()
    scope = UnicodeAttribute(default="idea")
    status = UnicodeAttribute()
    hidden = BooleanAttribute(default=False)
    vote_count = NumberAttribute(default=0)
    # vote_count * VOTE_WEIGHT + creation epoch seconds: one number that sorts by votes, then
    # newest, and that a vote moves with an atomic ADD (no read-modify-write on a hot item).
    top_score = NumberAttribute()
    comment_count = NumberAttribute(default=0)
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    # The idea's topic id in the nightly runs, in two alternating slots: a run writes the slot
    # that readers are not using, then flips the pointer (TopicRunModel), so readers see the
    # previous run or the new one, never a mix, and a crashed run simply writes its slot again.
    topic_slot0 = UnicodeAttribute(null=True)
    topic_slot1 = UnicodeAttribute(null=True)
    response = OfficialResponse(null=True)
    merged_into = UnicodeAttribute(null=True)
    # Why the moderation filter held it, kept after a decision: backlash alerts count these.
    held_reason = UnicodeAttribute(null=True)
    # When the team first answered (an official response or comment): reports' response time.
    first_response_at = UnicodeAttribute(null=True)

    board_new = BoardNewIndex()
    board_top = BoardTopIndex()
    product_new = ProductNewIndex()
    product_top = ProductTopIndex()
    status_new = StatusNewIndex()
    status_top = StatusTopIndex()
    topic_slot0_new = TopicSlot0NewIndex()
    topic_slot0_top = TopicSlot0TopIndex()
    topic_slot1_new = TopicSlot1NewIndex()
    topic_slot1_top = TopicSlot1TopIndex()
    author_new = AuthorNewIndex()
    author_top = AuthorTopIndex()
    every_new = EveryNewIndex()
    every_top = EveryTopIndex()


# ---------------------------------------------------------------- votes


class VotesByUserIndex(GlobalSecondaryIndex["VoteModel"]):
    class Meta:
        index_name = "by_user"
        projection = KeysOnlyProjection()

    user_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class VotesByDayIndex(GlobalSecondaryIndex["VoteModel"]):
    """Votes per UTC day: trending reads the last seven partitions of it."""

    class Meta:
        index_name = "by_day"
        projection = IncludeProjection(["product", "phase"])

    day = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class VotesByProductDayIndex(GlobalSecondaryIndex["VoteModel"]):
    """Votes per product and UTC day: a board's trending reads only its own product's votes."""

    class Meta:
        index_name = "by_product_day"
        projection = IncludeProjection(["phase"])

    product_day = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class VoteModel(Model):
    """One item per (idea, user): its existence is the vote."""

    class Meta(BaseMeta):
        table_name = table_name("votes")

    idea_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute(range_key=True)
    created_at = UnicodeAttribute()
    day = UnicodeAttribute()
    product = UnicodeAttribute()
    phase = UnicodeAttribute()
    product_day = UnicodeAttribute()  # ``product#day``

    by_user = VotesByUserIndex()
    by_day = VotesByDayIndex()
    by_product_day = VotesByProductDayIndex()


# ---------------------------------------------------------------- comments


class CommentsByIdIndex(GlobalSecondaryIndex["CommentModel"]):
    class Meta:
        index_name = "by_id"
        projection = AllProjection()

    id = UnicodeAttribute(hash_key=True)


class CommentsByAuthorIndex(GlobalSecondaryIndex["CommentModel"]):
    class Meta:
        index_name = "by_author"
        projection = KeysOnlyProjection()

    author_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CommentsByTimeIndex(GlobalSecondaryIndex["CommentModel"]):
    """Every comment by time, for activity reports over a period."""

    class Meta:
        index_name = "by_time"
        projection = IncludeProjection(["author_id", "phase", "hidden", "status", "held_reason"])

    scope = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CommentModel(Model):
    class Meta(BaseMeta):
        table_name = table_name("comments")

    idea_id = UnicodeAttribute(hash_key=True)
    # ``created_at#id``: comments of an idea in the order they were written.
    position = UnicodeAttribute(range_key=True)
    id = UnicodeAttribute()
    body = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    official = BooleanAttribute(default=False)
    hidden = BooleanAttribute(default=False)
    status = UnicodeAttribute(default="published")
    created_at = UnicodeAttribute()
    scope = UnicodeAttribute(default="comment")
    held_reason = UnicodeAttribute(null=True)
    # The idea's phase, copied so that reports count comments per phase without reading ideas.
    phase = UnicodeAttribute(null=True)

    by_id = CommentsByIdIndex()
    by_author = CommentsByAuthorIndex()
    by_time = CommentsByTimeIndex()


# ---------------------------------------------------------------- users


class UserModel(Model):
    """The only place that holds personal data (email, consent)."""

    class Meta(BaseMeta):
        table_name = table_name("users")

    id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    email = UnicodeAttribute(default="")
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    language = UnicodeAttribute(null=True)
    marketing_consent = BooleanAttribute(default=False)
    notifications = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()


# ---------------------------------------------------------------- history


class HistoryModel(Model):
    """Append-only audit trail of an idea or a comment: nothing published is ever lost."""

    class Meta(BaseMeta):
        table_name = table_name("history")

    item_id = UnicodeAttribute(hash_key=True)
    # ``at#event id``: events of an item in the order they happened.
    position = UnicodeAttribute(range_key=True)
    at = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    action = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    before = MapAttribute[str, str](null=True)
    after = MapAttribute[str, str](null=True)


# ---------------------------------------------------------------- moderation queue


class QueueEntryModel(Model):
    """An idea or comment held for a moderator's decision.

    Written in the same transaction that holds the item, removed in the one that decides: the
    queue never disagrees with the items' states. Removing an entry destroys no content.
    """

    class Meta(BaseMeta):
        table_name = table_name("moderation_queue")

    queue = UnicodeAttribute(hash_key=True)
    # ``created_at#kind#id``: oldest first, so the longest-waiting item is decided first.
    position = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()
    item_id = UnicodeAttribute()
    idea_id = UnicodeAttribute()
    reason = UnicodeAttribute()
    created_at = UnicodeAttribute()


# ---------------------------------------------------------------- notifications


class PendingNoticesIndex(GlobalSecondaryIndex["NoticeModel"]):
    """Sparse: only notices with followers still to reach carry ``pending``."""

    class Meta:
        index_name = "pending"
        projection = AllProjection()

    pending = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class NoticeModel(Model):
    """Something followers of an idea should hear about, recorded by the request that caused it.

    Delivery happens apart from the request (``chalicelib.notifications``), so a failing mail
    service never fails or slows the change itself.
    """

    class Meta(BaseMeta):
        table_name = table_name("notices")

    id = UnicodeAttribute(hash_key=True)
    # ``updated`` (status and/or official answer) or ``merged``.
    kind = UnicodeAttribute()
    idea_id = UnicodeAttribute()
    idea_title = UnicodeAttribute()
    actor_id = UnicodeAttribute()
    at = UnicodeAttribute()
    status = UnicodeAttribute(null=True)
    response = UnicodeAttribute(null=True)
    merged_into = UnicodeAttribute(null=True)
    pending = UnicodeAttribute(null=True)

    pending_notices = PendingNoticesIndex()


class DeliveryModel(Model):
    """One notice to one user: makes sure nobody gets the same notice twice."""

    class Meta(BaseMeta):
        table_name = table_name("deliveries")

    notice_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute(range_key=True)
    # ``sending`` (claimed), ``sent`` or ``failed`` (to be retried).
    state = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    claimed_at = UnicodeAttribute()
    last_error = UnicodeAttribute(null=True)


# ---------------------------------------------------------------- nightly topics


class TopicRunModel(Model):
    """One run of the nightly job, and (``run_id`` = "current") the pointer readers follow."""

    class Meta(BaseMeta):
        table_name = table_name("topic_runs")

    run_id = UnicodeAttribute(hash_key=True)
    state = UnicodeAttribute()
    slot = NumberAttribute()
    started_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    idea_count = NumberAttribute(default=0)
    # When the last full clustering ran (this run's start for a full run): incremental runs
    # carry it forward, so that the job knows when everything must be clustered again.
    full_at = UnicodeAttribute(null=True)
    # Only on the pointer: the run readers use.
    current_run = UnicodeAttribute(null=True)
    # ``product#phase`` → ideas the run left "not grouped yet" (no topic is close enough).
    ungrouped = MapAttribute[str, int](default=dict)


class RepresentativeIdea(MapAttribute[str, str]):
    id = UnicodeAttribute()
    title = UnicodeAttribute()


class TopicModel(Model):
    """A topic or a theme (a group of topics, ``level`` "theme") of one run. ``id`` stays the same
    across runs while the subject is the same. A topic holds ideas of one ``product``."""

    class Meta(BaseMeta):
        table_name = table_name("topics")

    run_id = UnicodeAttribute(hash_key=True)
    topic_id = UnicodeAttribute(range_key=True)
    label = UnicodeAttribute()
    keywords = ListAttribute(of=UnicodeAttribute, default=list)
    size = NumberAttribute()
    vote_total = NumberAttribute()
    size_delta = NumberAttribute(default=0)
    votes_delta = NumberAttribute(default=0)
    # ``product#phase`` → ideas, so that /topics can be filtered by product and phase.
    boards = MapAttribute[str, int](default=dict)
    # ``product#phase`` → votes on those ideas (the topics page's themes x phases heat map).
    board_votes = MapAttribute[str, int](default=dict)
    representative_ideas = ListAttribute(of=RepresentativeIdea, default=list)
    # float32 bytes of the normalised centroid: how the next run recognises the theme.
    centroid = BinaryAttribute(legacy_encoding=False)
    level = UnicodeAttribute(default="topic")
    product = UnicodeAttribute(null=True)
    # A topic's theme; a theme's topics.
    theme_id = UnicodeAttribute(null=True)
    member_topics = ListAttribute(of=UnicodeAttribute, default=list)
    # Growing well beyond its usual rate (chalicelib.domain.emerging).
    emerging = BooleanAttribute(default=False)


class AffinityModel(Model):
    """How strongly a user leans to each topic of a run, from what it posted, voted and commented."""

    class Meta(BaseMeta):
        table_name = table_name("affinities")

    user_id = UnicodeAttribute(hash_key=True)
    run_id = UnicodeAttribute(range_key=True)
    weights = MapAttribute[str, float](default=dict)


class SegmentModel(Model):
    class Meta(BaseMeta):
        table_name = table_name("segments")

    run_id = UnicodeAttribute(hash_key=True)
    segment_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    description = UnicodeAttribute()
    size = NumberAttribute()


class SegmentMemberModel(Model):
    """A member of a segment. Name and e-mail are read from the user item when listed, and only
    users who currently give marketing consent are ever listed."""

    class Meta(BaseMeta):
        table_name = table_name("segment_members")

    segment_key = UnicodeAttribute(hash_key=True)  # ``run id#segment id``
    user_id = UnicodeAttribute(range_key=True)
    engagement = UnicodeAttribute()
    top_topics = ListAttribute(of=UnicodeAttribute, default=list)


class AlertsNewestIndex(GlobalSecondaryIndex["AlertModel"]):
    class Meta:
        index_name = "newest"
        projection = AllProjection()

    feed = UnicodeAttribute(hash_key=True)  # always "alerts": a few per day at most
    at = UnicodeAttribute(range_key=True)


class AlertModel(Model):
    """A surge or a backlash the detection found. ``id`` is derived from the situation and its
    time window, so detection can run as often as wanted and still raise each alert once."""

    class Meta(BaseMeta):
        table_name = table_name("alerts")

    id = UnicodeAttribute(hash_key=True)
    feed = UnicodeAttribute(default="alerts")
    at = UnicodeAttribute()
    kind = UnicodeAttribute()
    product = UnicodeAttribute(null=True)
    phase = UnicodeAttribute(null=True)
    topic_id = UnicodeAttribute(null=True)
    topic_label = UnicodeAttribute(null=True)
    message = UnicodeAttribute()
    evidence = MapAttribute[str, float](default=dict)

    newest = AlertsNewestIndex()


class EmbeddingModel(Model):
    """The nightly job's embedding cache: one vector per (model, text), so each night embeds
    only new or changed ideas. Keyed by sha256 of the model name and the text."""

    class Meta(BaseMeta):
        table_name = table_name("embeddings")

    key = UnicodeAttribute(hash_key=True)
    vector = BinaryAttribute(legacy_encoding=False)


def all_models() -> tuple[type[Model], ...]:
    """Every table of the API, in creation order."""
    return (
        ProductModel,
        IdeaModel,
        VoteModel,
        CommentModel,
        UserModel,
        HistoryModel,
        QueueEntryModel,
        NoticeModel,
        DeliveryModel,
        TopicRunModel,
        TopicModel,
        AffinityModel,
        SegmentModel,
        SegmentMemberModel,
        AlertModel,
        EmbeddingModel,
    )
