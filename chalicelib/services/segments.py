"""Marketing segments of the newest run; their members only with marketing consent *now*."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from chalicelib.domain.errors import SegmentNotFound
from chalicelib.store import segments as segment_store
from chalicelib.store.models import SegmentMemberModel, SegmentModel
from chalicelib.store.topics import current_view

MAX_SEGMENT_ID_LENGTH: Final = 80


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str
    email: str
    engagement: str
    top_topics: list[str]


@dataclass(frozen=True)
class SegmentRef:
    run_id: str
    segment_id: str

    @property
    def key(self) -> str:
        return f"{self.run_id}#{self.segment_id}"


def newest_segments() -> list[SegmentModel]:
    view = current_view()
    return segment_store.segments_of(view.run_id) if view else []


def find_segment(segment_id: str) -> SegmentRef:
    """The segment of the newest run called ``segment_id``; SegmentNotFound otherwise."""
    view = current_view()
    found = (
        segment_store.get_segment(view.run_id, segment_id)
        if view is not None and len(segment_id) <= MAX_SEGMENT_ID_LENGTH
        else None
    )
    if view is None or found is None:
        raise SegmentNotFound()
    return SegmentRef(view.run_id, segment_id)


def members_page(segment: SegmentRef, limit: int, start: Any) -> tuple[list[Member], Any]:
    """A page of the segment's members; those without consent are left out of the page."""
    members, last_key = segment_store.members_page(segment.key, limit, start)
    return consenting(members), last_key


def every_consenting_member(segment: SegmentRef) -> list[Member]:
    return consenting(segment_store.all_members(segment.key))


def consenting(members: list[SegmentMemberModel]) -> list[Member]:
    """Members joined with their user item; anyone without marketing consent *now* is left out."""
    users = segment_store.users_by_id([member.user_id for member in members])
    return [
        Member(
            user_id=member.user_id,
            name=users[member.user_id].name,
            email=users[member.user_id].email,
            engagement=member.engagement,
            top_topics=[str(topic) for topic in member.top_topics or []],
        )
        for member in members
        if member.user_id in users and users[member.user_id].marketing_consent
    ]
