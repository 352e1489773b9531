"""PynamoDB models and the queries the domain needs. docs/data-model.md maps each access
pattern to the key or index that serves it; nothing here ever Scans."""

import logging

# PynamoDB says at INFO, when imported, whether /etc/pynamodb/global_default_settings.py exists
# ("Override settings for pynamo not available"), which reads like an error in `make run`'s
# output. The project never uses that file: its settings come from chalicelib.config.
logging.getLogger("pynamodb.settings").setLevel(logging.WARNING)
