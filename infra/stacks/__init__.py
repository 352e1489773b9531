"""Constructs of the Cocrea CDK app, one module per concern; ``cocrea.CocreaStack`` puts them together."""
