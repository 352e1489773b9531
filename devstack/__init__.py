"""The local stack: DynamoDB Local, the API under ``chalice local``, demo data. Never deployed."""
