"""Use cases: what a view calls after parsing a request, before rendering the answer."""
