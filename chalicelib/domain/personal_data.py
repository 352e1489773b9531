"""Rules of a person's own data (GDPR articles 15, 17 and 20)."""

from __future__ import annotations

from typing import Final

# What erased people are called wherever their words stay published; the portal localises it.
FORMER_MEMBER: Final = "former member"
# The exact text POST /me/erase must carry, so that no stray request erases anyone.
ERASE_CONFIRMATION: Final = "erase"
