"""The local stack's semantic worker: what the semantic function does in AWS, on DynamoDB Local.

It reads the ideas table's stream (DynamoDB Local implements DynamoDB Streams) and hands each
batch of records to the same code as the Lambda handler: new and edited ideas are embedded,
their likely duplicates recorded, snapshots refreshed under ``DATA_DIR/semantic/``. On start it
also embeds ideas that have no vector yet (the demo data, or ideas written while it was down).
``make run`` starts it; ``--once`` catches up and exits.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from types import FrameType
from typing import Any

from chalicelib.config import get_settings
from chalicelib.semantic import matching
from chalicelib.semantic.stream import changed_ideas
from chalicelib.semantic.writer import WriteReport, embed_ideas
from chalicelib.store.failures import is_unavailable
from chalicelib.store.models import IdeaModel, ProductModel
from chalicelib.store.vectors import vectors_of

POLL_SECONDS = 1.0


def _client(service: str) -> Any:
    import boto3

    settings = get_settings()
    return boto3.client(service, endpoint_url=settings.dynamodb_endpoint, region_name=settings.region)


def ensure_stream() -> str:
    """The ideas table's stream ARN, enabling the stream on a table created before it existed."""
    dynamodb = _client("dynamodb")
    name = IdeaModel.Meta.table_name
    table = dynamodb.describe_table(TableName=name)["Table"]
    if not table.get("StreamSpecification", {}).get("StreamEnabled"):
        dynamodb.update_table(
            TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
        )
        table = dynamodb.describe_table(TableName=name)["Table"]
    return str(table["LatestStreamArn"])


class StreamReader:
    """Every record of a stream once, in order within each shard, following shards as they
    close and open. Starts at the oldest record the stream keeps (24 hours), or with ``from_now``
    after the records already there (read and skipped: DynamoDB Local's ``LATEST`` iterators
    are unreliable)."""

    def __init__(self, stream_arn: str, from_now: bool = False) -> None:
        self.stream_arn = stream_arn
        self._streams = _client("dynamodbstreams")
        self._iterators: dict[str, str | None] = {}
        self._last_read: dict[str, str] = {}
        if from_now:
            for _ in self.batches():
                pass  # skip what is there already

    def _discover(self) -> None:
        description = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]
        for shard in description["Shards"]:
            if shard["ShardId"] not in self._iterators:
                self._iterators[shard["ShardId"]] = self._iterator(shard["ShardId"])

    def _iterator(self, shard_id: str) -> str:
        """Just after the last record read from the shard, or at its start."""
        after = self._last_read.get(shard_id)
        position: dict[str, str] = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
            if after
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        return str(
            self._streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard_id, **position)["ShardIterator"]
        )

    def _records(self, shard_id: str, iterator: str) -> dict[str, Any]:
        try:
            return dict(self._streams.get_records(ShardIterator=iterator, Limit=100))
        except (
            self._streams.exceptions.TrimmedDataAccessException,
            self._streams.exceptions.ExpiredIteratorException,
        ):
            # DynamoDB Local raises TrimmedDataAccessException on an iterator taken while the
            # shard was empty (aws/aws-sdk-java#2923); a fresh iterator from where we are reads on.
            return dict(self._streams.get_records(ShardIterator=self._iterator(shard_id), Limit=100))

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The records available now, one batch per shard call; ends when every shard is drained."""
        self._discover()
        for shard_id, iterator in list(self._iterators.items()):
            while iterator is not None:
                response = self._records(shard_id, iterator)
                iterator = response.get("NextShardIterator")
                self._iterators[shard_id] = iterator
                if not response["Records"]:
                    break
                self._last_read[shard_id] = response["Records"][-1]["dynamodb"]["SequenceNumber"]
                yield response["Records"]


def process_stream(reader: StreamReader) -> WriteReport:
    """Hand every available batch to the semantic function's own code; the summed report."""
    total = WriteReport()
    for records in reader.batches():
        report = embed_ideas(changed_ideas(records), matching.indexes())
        total.embedded += report.embedded
        total.pairs += report.pairs
        total.snapshots += report.snapshots
    return total


def backfill() -> WriteReport:
    """Embed every idea without a vector (one Query per product for ideas, one for vectors)."""
    total = WriteReport()
    for product in ProductModel.in_order.query("product"):
        embedded = {item.idea_id for item in vectors_of(product.slug)}
        missing = [idea for idea in IdeaModel.product_new.query(product.slug) if idea.id not in embedded]
        if missing:
            report = embed_ideas(missing, matching.indexes())
            total.embedded += report.embedded
            total.pairs += report.pairs
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--once", action="store_true", help="catch up with the stream, then exit")
    args = parser.parse_args()
    running = True

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    reader = StreamReader(ensure_stream())
    caught_up = backfill()
    print(f"semantic: {len(caught_up.embedded)} ideas embedded on start, {caught_up.pairs} pairs", flush=True)
    while running:
        try:
            report = process_stream(reader)
        except Exception as error:
            if not is_unavailable(error):
                raise
            print(f"semantic: DynamoDB unavailable ({error}); retrying", file=sys.stderr, flush=True)
        else:
            if report.embedded:
                print(f"semantic: {len(report.embedded)} embedded, {report.pairs} pairs", flush=True)
        if args.once:
            break
        time.sleep(POLL_SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
