"""The rules of the portal: no Chalice, no boto, no PynamoDB here."""
