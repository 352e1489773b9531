"""The one table from domain failures to the contract's status codes and error codes.

Nothing below the HTTP layer knows a status code: ``domain/`` and ``store/`` raise the
exceptions of ``chalicelib.domain.errors`` and this module says how each is answered.
A class is looked up along its MRO, so ``IdeaNotFound`` answers as ``NotFound`` does.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from chalicelib.domain import errors


class ContractError(NamedTuple):
    status: int
    code: str


CONTRACT: Final[dict[type[errors.DomainError], ContractError]] = {
    errors.InvalidInput: ContractError(400, "validation_error"),
    errors.TooLarge: ContractError(413, "payload_too_large"),
    errors.Unauthenticated: ContractError(401, "unauthorized"),
    errors.NotPermitted: ContractError(403, "forbidden"),
    errors.NotFound: ContractError(404, "not_found"),
    errors.NeverDeleted: ContractError(405, "method_not_allowed"),
    errors.Conflict: ContractError(409, "conflict"),
    errors.Unavailable: ContractError(503, "unavailable"),
    errors.DomainError: ContractError(500, "internal"),
}

# Codes for the errors Chalice answers itself, before a view runs (405 on a known path,
# 415 for a content type): the statuses of the table above, plus 415 as a validation error.
CODES_BY_STATUS: Final[dict[int, str]] = {
    **{entry.status: entry.code for entry in CONTRACT.values() if entry.status < 500},
    415: "validation_error",
    503: "unavailable",
}


def contract_error(error: errors.DomainError) -> ContractError:
    for kind in type(error).__mro__:
        if kind in CONTRACT:
            return CONTRACT[kind]
    return CONTRACT[errors.DomainError]  # pragma: no cover - every DomainError has DomainError in its MRO
