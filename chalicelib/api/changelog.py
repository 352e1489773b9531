"""Release notes: the public changelog, and publishing a note that delivers ideas."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api import loop_render
from chalicelib.api.request import next_cursor, start_position
from chalicelib.api.routing import PUBLIC, Call, Reply, endpoint
from chalicelib.clock import to_storage, utc_now
from chalicelib.domain.changelog import ReleaseNoteNotFound
from chalicelib.domain.roles import PRODUCT
from chalicelib.services.changelog import publish_release_note, release_note, release_notes_page

blueprint = Blueprint(__name__)


@endpoint(
    blueprint,
    "/changelog",
    "GET",
    summary="A page of release notes, newest first",
    access=PUBLIC,
    query="ChangelogQuerySchema",
    response="ReleaseNotePageSchema",
    errors=(400,),
    tag="changelog",
)
def changelog(call: Call) -> dict[str, Any]:
    product = call.query.get("product")
    fingerprint = f"changelog:{product or ''}"
    notes, last_key = release_notes_page(product, call.query["limit"], start_position(call.query, fingerprint))
    return {
        "items": [loop_render.release_note(note) for note in notes],
        "next_cursor": next_cursor(fingerprint, last_key),
    }


@endpoint(
    blueprint,
    "/changelog/{note_id}",
    "GET",
    summary="One release note",
    access=PUBLIC,
    response="ReleaseNoteSchema",
    errors=(404,),
    tag="changelog",
)
def one_release_note(call: Call, note_id: str) -> dict[str, Any]:
    note = release_note(note_id)
    if note is None:
        raise ReleaseNoteNotFound()
    return loop_render.release_note(note)


@endpoint(
    blueprint,
    "/changelog",
    "POST",
    summary="Publish a release note; the ideas it links become done and their supporters are told",
    access=(PRODUCT,),
    body="ChangelogCreateSchema",
    response="ReleaseNoteSchema",
    success=201,
    errors=(400, 401, 403, 409),
    headers={"Location": "URL of the new release note"},
    tag="changelog",
)
def publish(call: Call) -> Reply:
    data = call.body
    note = publish_release_note(
        call.user, data["title"], data["body"], data["product"], data["ideas"], to_storage(utc_now())
    )
    return Reply(loop_render.release_note(note), {"Location": f"/changelog/{note.note.id}"})
