"""The fixed vocabularies of the contract: phases, statuses, languages."""

from __future__ import annotations

from typing import Final

PHASES: Final = ("design", "development", "testing", "provision", "installation", "modification")

OPEN: Final = "open"
MERGED: Final = "merged"
PENDING_MODERATION: Final = "pending_moderation"
# Statuses the product role may set by PATCH; ``merged`` is set only by a merge and
# ``pending_moderation`` only by the moderation filter.
WORKFLOW_STATUSES: Final = (OPEN, "under_review", "planned", "in_progress", "done", "declined")
STATUSES: Final = (*WORKFLOW_STATUSES, MERGED, PENDING_MODERATION)

LANGUAGES: Final = ("es", "en", "pt")
DEFAULT_LANGUAGE: Final = "es"

SORTS: Final = ("top", "new", "trending")
TRENDING_WINDOW_DAYS: Final = 7
