"""Use cases: what the API does for a request, between parsing it and rendering the answer.

A view parses (its declaration does), calls a service function, renders. Services combine the
rules of ``domain/`` with the reads and writes of ``store/``; like them, they know nothing of
HTTP and raise the exceptions of ``chalicelib.domain.errors``.
"""
