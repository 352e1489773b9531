"""Publishing a nightly run's segment straight through the store, as the job writes it, so that
API tests of segments run without the topics environment."""

from __future__ import annotations

import uuid

from chalicelib.clock import to_storage, utc_now
from chalicelib.store import topics as topic_store
from chalicelib.store.models import SegmentMemberModel, SegmentModel, TopicRunModel


def publish_segment(member_ids: list[str], name: str = "Test segment") -> str:
    """A new run, published, holding one segment with ``member_ids``; its members path."""
    run_id = f"run-{uuid.uuid4().hex[:8]}"
    segment_id = f"seg-{uuid.uuid4().hex[:6]}"
    for user_id in member_ids:
        SegmentMemberModel(
            segment_key=f"{run_id}#{segment_id}", user_id=user_id, engagement="active", top_topics=["x"]
        ).save()
    SegmentModel(run_id=run_id, segment_id=segment_id, name=name, description="-", size=len(member_ids)).save()
    current = topic_store.current_view(max_age=0)
    run = TopicRunModel(
        run_id=run_id,
        state="running",
        slot=topic_store.publishing_slot(),
        started_at=to_storage(utc_now()),
        idea_count=0,
    )
    run.save()
    topic_store.publish(run, to_storage(utc_now()), current.run_id if current else None)
    topic_store.forget_cached_view()
    return f"/segments/{segment_id}/members"
