"""Reading the marketing segments a nightly run published, and their members."""

from __future__ import annotations

from chalicelib.store.models import SegmentMemberModel, SegmentModel, UserModel
from chalicelib.store.paging import LastKey, read_page


def segments_of(run_id: str) -> list[SegmentModel]:
    return list(SegmentModel.query(run_id))


def get_segment(run_id: str, segment_id: str) -> SegmentModel | None:
    try:
        return SegmentModel.get(run_id, segment_id)
    except SegmentModel.DoesNotExist:
        return None


def members_page(
    segment_key: str, limit: int, start: LastKey | None
) -> tuple[list[SegmentMemberModel], LastKey | None]:
    results = SegmentMemberModel.query(segment_key, last_evaluated_key=start, page_size=limit + 1)
    return read_page(results, limit)


def all_members(segment_key: str) -> list[SegmentMemberModel]:
    return list(SegmentMemberModel.query(segment_key))


def users_by_id(user_ids: list[str]) -> dict[str, UserModel]:
    return {user.id: user for user in UserModel.batch_get(user_ids)} if user_ids else {}
