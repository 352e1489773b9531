"""One PynamoDB model per concept. docs/data-model.md lists the access pattern behind each index."""

from __future__ import annotations

from typing import Any, Final

from pynamodb.attributes import (
    BinaryAttribute,
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.store.base import BaseMeta, table_name
from chalicelib.store.loop_models import ReleaseNoteModel, WebhookDeliveryModel, WebhookEventModel, WebhookModel

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
    # Name and description in other languages: {"en": {"name": ..., "description": ...}, "pt": ...};
    # ``name`` and ``description`` above are the board's own words, shown where no translation is.
    translations = MapAttribute[str, Any](null=True)
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


class ProductTrendIndex(_IdeaIndex):
    """A product's ideas by ``trend_rank``: trending is a Query of a page, like top and new."""

    class Meta:
        index_name = "product_trend"
        projection = AllProjection()

    product = UnicodeAttribute(hash_key=True)
    trend_rank = NumberAttribute(range_key=True)


class EveryTrendIndex(_IdeaIndex):
    class Meta:
        index_name = "every_trend"
        projection = AllProjection()

    scope = UnicodeAttribute(hash_key=True)
    trend_rank = NumberAttribute(range_key=True)


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
        # Every change of an idea goes to its stream: the semantic worker embeds new and edited
        # text from it, so writing an idea never waits for the model (chalicelib/semantic/stream.py).
        stream_view_type = "NEW_AND_OLD_IMAGES"

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
    # Votes of the trending window * TREND_WEIGHT + top_score, moved with each vote and lowered
    # when a day leaves the window (store/vote_days.py): trending as an index order.
    trend_rank = NumberAttribute(null=True)
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
    product_trend = ProductTrendIndex()
    every_trend = EveryTrendIndex()


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


class VoteDayModel(Model):
    """How many votes of the trending window an idea received on one UTC day.

    Moved by the same transaction as the vote (and its idea's ``trend_rank``); once the day
    leaves the window, ``expire_days`` takes its votes off ``trend_rank`` and marks it ``swept``,
    both in one transaction, so a day is taken off exactly once.
    """

    class Meta(BaseMeta):
        table_name = table_name("vote_days")

    day = UnicodeAttribute(hash_key=True)
    idea_id = UnicodeAttribute(range_key=True)
    votes = NumberAttribute(default=0)
    swept = BooleanAttribute(null=True)


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


class UsersByNameIndex(GlobalSecondaryIndex["UserModel"]):
    """The user directory by lower-cased name: ``GET /users`` and its name-prefix search are a
    Query (``begins_with`` on the range key), never a Scan. One constant partition: a company's
    staff and customers are thousands, not millions (docs/data-model.md)."""

    class Meta:
        index_name = "users_by_name"
        projection = AllProjection()

    directory = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)


class UsersByEmailIndex(GlobalSecondaryIndex["UserModel"]):
    """The same directory by lower-cased e-mail, for the e-mail-prefix half of ``q``."""

    class Meta:
        index_name = "users_by_email"
        projection = AllProjection()

    directory = UnicodeAttribute(hash_key=True)
    email_key = UnicodeAttribute(range_key=True)


DIRECTORY: Final = "user"


def directory_key(text: str, user_id: str) -> str:
    """``lower(text)`` then the id: prefixes match case-insensitively and keys stay unique."""
    return f"{text.strip().lower()}\x00{user_id}"


class UserModel(Model):
    """The only place that holds personal data (email, consent)."""

    class Meta(BaseMeta):
        table_name = table_name("users")

    def save(self, *args: Any, **kwargs: Any) -> Any:
        """Every saved, not-erased user is in the directory indexes under its current name and e-mail."""
        if self.erased_at is None:
            self.directory = DIRECTORY
            self.name_key = directory_key(self.name, self.id)
            self.email_key = directory_key(self.email or "", self.id)
        return super().save(*args, **kwargs)

    id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    email = UnicodeAttribute(default="")
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    language = UnicodeAttribute(null=True)
    marketing_consent = BooleanAttribute(default=False)
    notifications = BooleanAttribute(default=True)
    # Kinds of e-mail turned off one by one (settings, one-click unsubscribe); see
    # chalicelib/domain/notice_kinds.py. Absent: every kind is on while ``notifications`` is.
    muted = UnicodeSetAttribute(null=True)
    created_at = UnicodeAttribute()
    # Set by POST /me/erase: the item stays as a tombstone without personal data, so that a
    # later request with an old token does not recreate the person from its claims.
    erased_at = UnicodeAttribute(null=True)
    # Set by PUT /users/{id}/roles: from then on ``roles`` is what an admin chose, and the local
    # issuer puts it in the user's tokens as Cognito puts the pool's groups (docs/data-model.md).
    roles_assigned_at = UnicodeAttribute(null=True)
    # The directory (see UsersByNameIndex); removed on erasure so a former member is not listed.
    directory = UnicodeAttribute(null=True)
    name_key = UnicodeAttribute(null=True)
    email_key = UnicodeAttribute(null=True)

    by_name = UsersByNameIndex()
    by_email = UsersByEmailIndex()


# ---------------------------------------------------------------- follows


class FollowsByUserIndex(GlobalSecondaryIndex["FollowModel"]):
    """A person's choices, oldest first: what their data export lists and their erasure removes.
    Every attribute is projected (four small ones), so neither needs a second read."""

    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class FollowModel(Model):
    """A person's own choice about an idea's e-mails: ``following`` true (followed, by the
    Follow button or by first voting or commenting) or false (unfollowed). Without an item, the
    author, voters and commenters follow (the rule before explicit follows existed)."""

    class Meta(BaseMeta):
        table_name = table_name("follows")

    idea_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute(range_key=True)
    following = BooleanAttribute()
    at = UnicodeAttribute()
    by_user = FollowsByUserIndex()


# ---------------------------------------------------------------- history


class HistoryByActorIndex(GlobalSecondaryIndex["HistoryModel"]):
    """Events a person caused, on any item: what an erasure must rewrite."""

    class Meta:
        index_name = "by_actor"
        projection = KeysOnlyProjection()

    actor_id = UnicodeAttribute(hash_key=True)
    position = UnicodeAttribute(range_key=True)


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

    by_actor = HistoryByActorIndex()


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


class HiddenNewestIndex(GlobalSecondaryIndex["HiddenEntryModel"]):
    """Every hidden item under one constant key, newest hiding first."""

    class Meta:
        index_name = "newest"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    position = UnicodeAttribute(range_key=True)


class HiddenEntryModel(Model):
    """A hidden idea or comment, for the moderators' list of what is hidden (so that it can be
    found and restored). Written in the transaction that hides the item, removed in the one
    that restores it; keyed by the item, listed newest first by ``newest``."""

    class Meta(BaseMeta):
        table_name = table_name("moderation_hidden")

    item_key = UnicodeAttribute(hash_key=True)  # ``kind#id``
    listing = UnicodeAttribute()  # "hidden"
    position = UnicodeAttribute()  # ``hidden_at#kind#id``
    kind = UnicodeAttribute()
    item_id = UnicodeAttribute()
    idea_id = UnicodeAttribute()
    product = UnicodeAttribute()
    reason = UnicodeAttribute()
    hidden_at = UnicodeAttribute()
    hidden_by_id = UnicodeAttribute()
    hidden_by_name = UnicodeAttribute()

    newest = HiddenNewestIndex()


# ---------------------------------------------------------------- notifications


class DueNoticesIndex(GlobalSecondaryIndex["NoticeModel"]):
    """Sparse: only notices with followers still to reach carry ``pending``; soonest due first,
    so a notice that failed waits behind the others until its next attempt."""

    class Meta:
        index_name = "due"
        projection = AllProjection()

    pending = UnicodeAttribute(hash_key=True)
    due = UnicodeAttribute(range_key=True)


class FailedNoticesIndex(GlobalSecondaryIndex["NoticeModel"]):
    """Sparse: notices parked after failing too often, for an admin to look at."""

    class Meta:
        index_name = "failed"
        projection = AllProjection()

    failed = UnicodeAttribute(hash_key=True)
    failed_at = UnicodeAttribute(range_key=True)


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
    # ``changelog`` notices: the release note (``idea_id``/``idea_title`` hold its id and title);
    # ``webhook_paused`` notices name their recipients (the admins) here.
    release_note_id = UnicodeAttribute(null=True)
    recipient_ids = ListAttribute(of=UnicodeAttribute, null=True)
    pending = UnicodeAttribute(null=True)
    # When the worker next tries it: its own time at first, later after each failed run.
    due = UnicodeAttribute(null=True)
    # Runs of the worker in which sending or composing it failed, and the last reason.
    attempts = NumberAttribute(default=0)
    last_error = UnicodeAttribute(null=True)
    # "yes" once parked: it failed ``MAX_NOTICE_ATTEMPTS`` times and is not retried on its own.
    failed = UnicodeAttribute(null=True)
    failed_at = UnicodeAttribute(null=True)

    due_notices = DueNoticesIndex()
    failed_notices = FailedNoticesIndex()


class DeliveriesByUserIndex(GlobalSecondaryIndex["DeliveryModel"]):
    """The notices sent to a person: what their data export lists."""

    class Meta:
        index_name = "by_user"
        projection = IncludeProjection(["state"])

    user_id = UnicodeAttribute(hash_key=True)
    claimed_at = UnicodeAttribute(range_key=True)


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

    by_user = DeliveriesByUserIndex()


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
    # Only on the lease item (chalicelib/store/leases.py): who runs the job now, and until when
    # (Unix seconds) the lease holds unless renewed.
    lease_owner = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)
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
    engagement = UnicodeAttribute()  # the tier (champions, active, new, lapsing)
    # 0-100 (domain/segments.py engagement_score); None in runs stored before it existed.
    score = NumberAttribute(null=True)
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


# ---------------------------------------------------------------- meaning (chalicelib/semantic)


class VectorsByTimeIndex(GlobalSecondaryIndex["IdeaVectorModel"]):
    """A product's vectors embedded after a time: what a search merges over its snapshot."""

    class Meta:
        index_name = "vectors_by_time"
        projection = AllProjection()

    product = UnicodeAttribute(hash_key=True)
    embedded_at = UnicodeAttribute(range_key=True)


class IdeaVectorModel(Model):
    """An idea's meaning: its vector (int8, 384 bytes) and the text it was computed from.

    Apart from ``ideas`` so that the 14 indexes of ``ideas``, which project every attribute, never
    copy vectors; keyed by product because search and duplicate pairs work within a product. The
    title and body are kept for the exact-word half of search; visibility and status are always
    read from ``ideas`` itself, so a stale copy here can never show what a reader may not see.
    """

    class Meta(BaseMeta):
        table_name = table_name("idea_vectors")

    product = UnicodeAttribute(hash_key=True)
    idea_id = UnicodeAttribute(range_key=True)
    phase = UnicodeAttribute()
    title = UnicodeAttribute()
    body = UnicodeAttribute(default="")
    vector = BinaryAttribute(legacy_encoding=False)
    model = UnicodeAttribute()
    # sha256 of model and text: an edit that changes nothing is not embedded again.
    text_hash = UnicodeAttribute()
    embedded_at = UnicodeAttribute()

    by_time = VectorsByTimeIndex()


class PairsByScoreIndex(GlobalSecondaryIndex["DuplicatePairModel"]):
    """Open pairs of a product, most likely first (sparse: a dismissed pair drops its ``open_in``)."""

    class Meta:
        index_name = "pairs_by_score"
        projection = AllProjection()

    open_in = UnicodeAttribute(hash_key=True)
    score = NumberAttribute(range_key=True)


class OpenPairsByScoreIndex(GlobalSecondaryIndex["DuplicatePairModel"]):
    """Open pairs of every product, most likely first (``open_anywhere`` = "pair" while open)."""

    class Meta:
        index_name = "open_pairs_by_score"
        projection = AllProjection()

    open_anywhere = UnicodeAttribute(hash_key=True)
    score = NumberAttribute(range_key=True)


class DuplicatePairModel(Model):
    """Two ideas of one product that may be the same request, found when one of them was written.

    ``pair`` is both ids in sorted order, so the pair has one item whichever idea found it.
    While the pair is open ``open_in`` holds its product and ``open_anywhere`` the constant "pair";
    dismissing removes both, so the sparse indexes forget it, and the item stays as the record
    that keeps it from ever being listed again.
    """

    class Meta(BaseMeta):
        table_name = table_name("duplicate_pairs")

    pair = UnicodeAttribute(hash_key=True)
    product = UnicodeAttribute()
    idea_a = UnicodeAttribute()
    idea_b = UnicodeAttribute()
    score = NumberAttribute()
    found_at = UnicodeAttribute()
    open_in = UnicodeAttribute(null=True)
    open_anywhere = UnicodeAttribute(null=True)
    dismissed_by = UnicodeAttribute(null=True)
    dismissed_at = UnicodeAttribute(null=True)

    by_score = PairsByScoreIndex()
    open_by_score = OpenPairsByScoreIndex()


class RateWindowModel(Model):
    """Calls of one caller to one route in one minute; DynamoDB's TTL removes old windows."""

    class Meta(BaseMeta):
        table_name = table_name("rate_windows")
        # Read by the CDK app (infra/stacks/tables.py), which turns DynamoDB's TTL on for it.
        time_to_live_attribute = "expires"

    key = UnicodeAttribute(hash_key=True)
    calls = NumberAttribute(default=0)
    expires = NumberAttribute()


def all_models() -> tuple[type[Model], ...]:
    """Every table of the API, in creation order."""
    return (
        ProductModel,
        IdeaModel,
        VoteModel,
        VoteDayModel,
        CommentModel,
        UserModel,
        HistoryModel,
        QueueEntryModel,
        HiddenEntryModel,
        NoticeModel,
        DeliveryModel,
        TopicRunModel,
        TopicModel,
        AffinityModel,
        SegmentModel,
        SegmentMemberModel,
        AlertModel,
        EmbeddingModel,
        ReleaseNoteModel,
        WebhookModel,
        WebhookEventModel,
        WebhookDeliveryModel,
        IdeaVectorModel,
        DuplicatePairModel,
        RateWindowModel,
        FollowModel,
    )
