"""Marketing segments of the newest run; their members only customers with marketing consent *now*."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chalicelib.domain.errors import SegmentNotFound
from chalicelib.domain.segments import CHAMPION_POINTS, LAPSED, POINTS, RECENT, TIERS
from chalicelib.domain.vocabulary import PHASES
from chalicelib.store import segments as segment_store
from chalicelib.store.models import SegmentModel
from chalicelib.store.topics import current_view
from chalicelib.texts import text

MAX_SEGMENT_ID_LENGTH: Final = 80
# Members of runs stored before the 0-100 score: the middle of each tier's usual range, until
# the next nightly run stores real scores.
TIER_SCORES: Final = {"champions": 85, "active": 55, "new": 35, "lapsing": 10}


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str
    email: str
    engagement: int  # 0-100
    top_topics: list[str]


@dataclass(frozen=True)
class SegmentRef:
    run_id: str
    segment_id: str

    @property
    def key(self) -> str:
        return f"{self.run_id}#{self.segment_id}"


def segment_words(segment: SegmentModel, language: str, topic_labels: dict[str, str]) -> tuple[str, str]:
    """A segment's name and description in ``language``, from what it is (its id), naming phases
    by their names; the stored English words stay for segments of another kind."""
    segment_id = segment.segment_id
    values: dict[str, object] = {
        "recent": RECENT.days,
        "lapsed": LAPSED.days,
        "points": CHAMPION_POINTS,
        "idea": POINTS["ideas"],
        "comment": POINTS["comments"],
        "vote": POINTS["votes"],
    }
    if segment_id.startswith("engagement-") and segment_id.removeprefix("engagement-") in TIERS:
        key = f"segment.{segment_id}"
    elif segment_id.startswith("phase-") and segment_id.removeprefix("phase-") in PHASES:
        key = "segment.phase"
        values["phase"] = text(language, f"phase.{segment_id.removeprefix('phase-')}")
    elif segment_id.startswith("topic-"):
        key = "segment.topic"
        values["label"] = topic_labels.get(segment_id.removeprefix("topic-"), segment.name.split(": ", 1)[-1])
    else:
        return segment.name, segment.description
    return text(language, f"{key}.name", **values), text(language, f"{key}.description", **values)


def newest_topic_labels() -> dict[str, str]:
    view = current_view()
    return dict(view.labels) if view else {}


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


def members_page(segment: SegmentRef, limit: int, after: str | None) -> tuple[list[Member], str | None]:
    """A page of the members marketing may see (consenting customers, now), and where the next
    page starts; pages are cut only at listed members (``store/segments.py``)."""
    page, next_after = segment_store.listed_members_page(segment.key, limit, after)
    return [_member(listed) for listed in page], next_after


def every_consenting_member(segment: SegmentRef) -> list[Member]:
    return [_member(listed) for listed in segment_store.listed_members(segment.key)]


def _member(listed: segment_store.Listed) -> Member:
    member, user = listed
    return Member(
        user_id=member.user_id,
        name=user.name,
        email=user.email,
        engagement=int(member.score) if member.score is not None else TIER_SCORES.get(member.engagement, 0),
        top_topics=[str(topic) for topic in member.top_topics or []],
    )
