"""Reading the marketing segments a nightly run published, and their members whom marketing may
see: consenting customers, and no one else.

Consent is read from the user item at the moment of listing (it may have been withdrawn since
the nightly run). Pages are cut only at listed members, and a page's position is the last
member it listed, so neither a page's size nor its cursor says anything about the people left
out between two listed ones.
"""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.domain.segments import may_be_marketed_to
from chalicelib.store.models import SegmentMemberModel, SegmentModel, UserModel

# Members read, and users fetched in one batch, at a time.
_BATCH = 100

Listed = tuple[SegmentMemberModel, UserModel]


def segments_of(run_id: str) -> list[SegmentModel]:
    return list(SegmentModel.query(run_id))


def get_segment(run_id: str, segment_id: str) -> SegmentModel | None:
    try:
        return SegmentModel.get(run_id, segment_id)
    except SegmentModel.DoesNotExist:
        return None


def listed_members(segment_key: str, after_user_id: str | None = None, batch: int = _BATCH) -> Iterator[Listed]:
    """Every member after ``after_user_id`` (in user id order) who may be listed, with their user."""
    start = {"segment_key": {"S": segment_key}, "user_id": {"S": after_user_id}} if after_user_id else None
    members = SegmentMemberModel.query(segment_key, last_evaluated_key=start, page_size=batch)
    chunk: list[SegmentMemberModel] = []
    for member in members:
        chunk.append(member)
        if len(chunk) == batch:
            yield from _marketable(chunk)
            chunk = []
    yield from _marketable(chunk)


def listed_members_page(segment_key: str, limit: int, after_user_id: str | None) -> tuple[list[Listed], str | None]:
    """Up to ``limit`` listed members and the user id to continue after (None on the last page)."""
    page: list[Listed] = []
    for listed in listed_members(segment_key, after_user_id, batch=min(limit + 1, _BATCH)):
        if len(page) == limit:
            return page, page[-1][0].user_id
        page.append(listed)
    return page, None


def _marketable(chunk: list[SegmentMemberModel]) -> Iterator[Listed]:
    if not chunk:
        return
    users = {user.id: user for user in UserModel.batch_get([member.user_id for member in chunk])}
    for member in chunk:
        user = users.get(member.user_id)
        if user is not None and may_be_marketed_to(
            [str(role) for role in user.roles or []], bool(user.marketing_consent)
        ):
            yield member, user
