"""Roles come from the token's ``cognito:groups``; ``admin`` may do everything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

CUSTOMER: Final = "customer"
PRODUCT: Final = "product"
MARKETING: Final = "marketing"
MODERATOR: Final = "moderator"
ADMIN: Final = "admin"
ROLES: Final = (CUSTOMER, PRODUCT, MARKETING, MODERATOR, ADMIN)

# Comments written by these roles speak for the company.
OFFICIAL_ROLES: Final = frozenset({PRODUCT, MODERATOR, ADMIN})


@dataclass(frozen=True)
class Principal:
    """The signed-in user of one request, as its verified token describes it."""

    id: str
    name: str
    email: str
    roles: tuple[str, ...]

    def has_any(self, *roles: str) -> bool:
        """Whether the user holds one of ``roles``; an admin holds them all."""
        return ADMIN in self.roles or any(role in self.roles for role in roles)

    @property
    def is_official(self) -> bool:
        return any(role in OFFICIAL_ROLES for role in self.roles)


def roles_from_groups(groups: object) -> tuple[str, ...]:
    """Known roles among the token's groups; a token with none is a customer.

    Unknown group names (Cognito pools often hold others) are ignored rather than refused.
    """
    if not isinstance(groups, list):
        return (CUSTOMER,)
    known = tuple(role for role in ROLES if role in groups)
    return known or (CUSTOMER,)
