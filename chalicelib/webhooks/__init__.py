"""Delivering public events to webhook subscriptions, apart from the requests that cause them.

Requests write events to an outbox table in their own transactions. ``dispatch.fan_out`` turns
each event into one delivery per subscription; ``dispatch.attempt`` sends one delivery, signed,
and schedules its retry. Locally the notification worker runs both every few seconds; in AWS a
scheduled function fans out and queues due deliveries on SQS, whose consumer attempts them.
"""
