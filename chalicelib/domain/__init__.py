"""The rules of the portal: no web framework, no boto, no PynamoDB here."""
