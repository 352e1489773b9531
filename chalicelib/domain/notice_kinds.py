"""The kinds of e-mail a person can turn off one by one, and which notices belong to each."""

from __future__ import annotations

from typing import Final

# Settings kinds, in the order the profile page lists them.
UPDATES: Final = "updates"  # an answer or a status change on an idea one follows
MERGES: Final = "merges"  # an idea one follows was merged into another
RELEASE_NOTES: Final = "release_notes"  # a release note delivers an idea one follows
WEBHOOKS: Final = "webhooks"  # (admins) a webhook was paused after failing
SETTING_KINDS: Final = (UPDATES, MERGES, RELEASE_NOTES, WEBHOOKS)

# notice kind (chalicelib/store: new_notice, changelog, webhooks) -> settings kind
_BY_NOTICE: Final = {
    "updated": UPDATES,
    "merged": MERGES,
    "changelog": RELEASE_NOTES,
    "webhook_paused": WEBHOOKS,
}


def setting_kind(notice_kind: str) -> str:
    """The settings kind a notice is delivered under; an unknown notice kind counts as an update."""
    return _BY_NOTICE.get(notice_kind, UPDATES)


def enabled_kinds(master: bool | None, muted: set[str] | None) -> dict[str, bool]:
    """Every settings kind with whether it is on: the old single switch (``master``) turns
    all off, ``muted`` turns single kinds off."""
    return {kind: bool(master) and kind not in (muted or set()) for kind in SETTING_KINDS}
