"""The API benchmark (``make bench``, ``python -m bench.api``), one module per thing it measures:
``seed`` (the world), ``bare`` (direct DynamoDB calls), ``routes`` (latency beside them),
``imports`` (cold import), ``package`` (zip size); ``common`` and ``calls`` serve them all.
"""
