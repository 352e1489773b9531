"""Create the tables of a store and, with ``--seed``, put the demo data into it if it is empty.

Run as ``python -m devstack.prepare [--seed]`` with ``DYNAMODB_ENDPOINT`` set: the store modules
bind to the endpoint when they are imported, so this runs in its own process.
"""

from __future__ import annotations

import argparse
import time

from chalicelib.clock import utc_now
from chalicelib.store.tables import create_missing_tables
from devstack.backfill_trending import backfill_trend_ranks
from devstack.seed import seed_demo_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", action="store_true", help="load the demo data into an empty store")
    args = parser.parse_args()
    # Tables that exist get the indexes declared since they were made (an old DATA_DIR).
    created = create_missing_tables()
    if created:
        print(f"created tables: {', '.join(created)}", flush=True)
    ranked = backfill_trend_ranks(utc_now())
    if ranked:
        print(f"trending: ranked {ranked} ideas of an older store", flush=True)
    if args.seed:
        started = time.monotonic()
        summary = seed_demo_data()
        if summary is None:
            print("store already holds data: demo data not loaded", flush=True)
        else:
            print(f"demo data loaded in {time.monotonic() - started:.1f} s: {summary}", flush=True)


if __name__ == "__main__":
    main()
