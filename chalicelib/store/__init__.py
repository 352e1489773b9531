"""PynamoDB models and the queries the domain needs. docs/data-model.md maps each access
pattern to the key or index that serves it; nothing here ever Scans."""
