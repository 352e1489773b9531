"""Delivering notices to the followers of ideas, apart from the requests that record them.

In AWS a scheduled function of the Chalice app sends through Amazon SES; in the local stack a
worker of ``make run`` writes each message as an RFC 5322 ``.eml`` file under
``DATA_DIR/outbox/``.
"""
