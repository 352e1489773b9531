"""Models of closing the loop with customers and tools: release notes and webhooks.

Kept apart from ``models.py`` because they share nothing with the idea board's tables; each
is still one declared model per concept, listed in ``models.all_models()``.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.store.base import BaseMeta, table_name

# ---------------------------------------------------------------- changelog


class ReleaseNotesNewestIndex(GlobalSecondaryIndex["ReleaseNoteModel"]):
    """Every published note, newest first. Sparse: a note still being published has no ``feed``."""

    class Meta:
        index_name = "newest"
        projection = AllProjection()

    feed = UnicodeAttribute(hash_key=True)  # always "changelog": a few notes a week
    published_at = UnicodeAttribute(range_key=True)


class ReleaseNotesOfProductIndex(GlobalSecondaryIndex["ReleaseNoteModel"]):
    """A product's published notes, newest first (sparse like ``newest``)."""

    class Meta:
        index_name = "of_product"
        projection = AllProjection()

    listed_product = UnicodeAttribute(hash_key=True)
    published_at = UnicodeAttribute(range_key=True)


class ReleaseNotesByAuthorIndex(GlobalSecondaryIndex["ReleaseNoteModel"]):
    """Notes a person wrote: what an export lists and an erasure rewrites."""

    class Meta:
        index_name = "by_author"
        projection = KeysOnlyProjection()

    author_id = UnicodeAttribute(hash_key=True)
    published_at = UnicodeAttribute(range_key=True)


class ReleaseNoteModel(Model):
    """A release note in Markdown and the ideas it delivers (their current status is read live)."""

    class Meta(BaseMeta):
        table_name = table_name("changelog")

    id = UnicodeAttribute(hash_key=True)
    title = UnicodeAttribute()
    body = UnicodeAttribute(default="")
    product = UnicodeAttribute()
    author_id = UnicodeAttribute()
    author_name = UnicodeAttribute()
    published_at = UnicodeAttribute()
    idea_ids = ListAttribute(of=UnicodeAttribute, default=list)
    # Set only once every linked idea is ``done``: see store/changelog.py for the two-step case.
    feed = UnicodeAttribute(null=True)
    listed_product = UnicodeAttribute(null=True)

    newest = ReleaseNotesNewestIndex()
    of_product = ReleaseNotesOfProductIndex()
    by_author = ReleaseNotesByAuthorIndex()


# ---------------------------------------------------------------- webhooks


class WebhooksInOrderIndex(GlobalSecondaryIndex["WebhookModel"]):
    """Every subscription, oldest first: a handful per company, one constant partition."""

    class Meta:
        index_name = "in_order"
        projection = AllProjection()

    scope = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class WebhookModel(Model):
    """An admin's subscription of a URL to public events. Configuration, so it can be deleted."""

    class Meta(BaseMeta):
        table_name = table_name("webhooks")

    id = UnicodeAttribute(hash_key=True)
    scope = UnicodeAttribute(default="webhook")
    url = UnicodeAttribute()
    events = ListAttribute(of=UnicodeAttribute, default=list)
    format = UnicodeAttribute(default="json")
    # The HMAC key of the signatures: shown once at creation, needed at every delivery.
    secret = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    # The language of the Slack texts: the creating admin's.
    language = UnicodeAttribute(default="en")
    # When deliveries started failing without a success since: 24 hours of it pauses the hook.
    failing_since = UnicodeAttribute(null=True)
    paused_at = UnicodeAttribute(null=True)

    in_order = WebhooksInOrderIndex()


class PendingEventsIndex(GlobalSecondaryIndex["WebhookEventModel"]):
    """Sparse: events not yet fanned out to the subscriptions."""

    class Meta:
        index_name = "pending"
        projection = AllProjection()

    pending = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)


class WebhookEventModel(Model):
    """A public event, written in the same transaction as the change it reports (an outbox).

    ``data`` is the event's JSON payload. It names ideas and comments by id, title and text, never
    a person, so that no personal data lands in the webhook tables.
    """

    class Meta(BaseMeta):
        table_name = table_name("webhook_events")

    id = UnicodeAttribute(hash_key=True)
    event = UnicodeAttribute()
    at = UnicodeAttribute()
    data = UnicodeAttribute()
    pending = UnicodeAttribute(null=True)

    pending_events = PendingEventsIndex()


class DueDeliveriesIndex(GlobalSecondaryIndex["WebhookDeliveryModel"]):
    """Sparse: deliveries waiting for their next attempt, soonest first."""

    class Meta:
        index_name = "due"
        projection = KeysOnlyProjection()

    due = UnicodeAttribute(hash_key=True)
    next_attempt_at = UnicodeAttribute(range_key=True)


class WebhookDeliveryModel(Model):
    """One event for one subscription: its attempts, last status code and state (the delivery log)."""

    class Meta(BaseMeta):
        table_name = table_name("webhook_deliveries")

    webhook_id = UnicodeAttribute(hash_key=True)
    # ``created_at#id``: a subscription's deliveries in order (the log reads it newest first).
    position = UnicodeAttribute(range_key=True)
    id = UnicodeAttribute()
    event = UnicodeAttribute()
    event_id = UnicodeAttribute()
    created_at = UnicodeAttribute()
    # The exact JSON body sent, so that every retry sends (and signs) the same bytes.
    body = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    # The HTTP status the receiver answered on the last attempt (None: no answer at all).
    receiver_status = NumberAttribute(null=True)
    last_error = UnicodeAttribute(null=True)
    # ``pending`` (waiting or retrying), ``delivered`` or ``failed`` (gave up after 24 hours).
    state = UnicodeAttribute(default="pending")
    next_attempt_at = UnicodeAttribute(null=True)
    due = UnicodeAttribute(null=True)

    due_deliveries = DueDeliveriesIndex()
