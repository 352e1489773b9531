"""The nightly job's lease on DynamoDB Local: one holder at a time, taken over only after it
expires, renewed and released only by its holder."""

from __future__ import annotations

import threading
import time
import uuid

from chalicelib.store import leases
from devstack.dynamodb import DynamoDBLocal


def lease_name() -> str:
    return f"lease#test-{uuid.uuid4().hex[:8]}"


def test_only_one_holder_until_release(dynamodb: DynamoDBLocal) -> None:
    name = lease_name()

    assert leases.acquire(name, "first", ttl=60)
    assert not leases.acquire(name, "second", ttl=60)
    assert leases.acquire(name, "first", ttl=60)  # the holder may take it again
    holder = leases.holder(name)
    assert holder is not None and holder.owner == "first" and holder.until > time.time()

    leases.release(name, "second")  # not the holder: nothing happens
    assert not leases.acquire(name, "second", ttl=60)
    leases.release(name, "first")
    assert leases.acquire(name, "second", ttl=60)


def test_expired_lease_is_taken_over_and_the_old_holder_cannot_touch_it(dynamodb: DynamoDBLocal) -> None:
    name = lease_name()
    clock = [1_000.0]
    assert leases.acquire(name, "crashed", ttl=10, now=lambda: clock[0])

    clock[0] += 5
    assert not leases.acquire(name, "next", ttl=10, now=lambda: clock[0])
    clock[0] += 6
    assert leases.acquire(name, "next", ttl=10, now=lambda: clock[0])

    assert not leases.renew(name, "crashed", ttl=10, now=lambda: clock[0])
    leases.release(name, "crashed")
    holder = leases.holder(name)
    assert holder is not None and holder.owner == "next"


def test_concurrent_takers_get_exactly_one_lease(dynamodb: DynamoDBLocal) -> None:
    name = lease_name()
    won: list[str] = []
    start = threading.Barrier(8)

    def take(owner: str) -> None:
        start.wait()
        if leases.acquire(name, owner, ttl=60):
            won.append(owner)

    threads = [threading.Thread(target=take, args=(f"run-{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(won) == 1


def test_held_skips_or_waits_while_another_run_holds_it(dynamodb: DynamoDBLocal) -> None:
    name = lease_name()
    told: list[leases.Holder | None] = []
    with leases.held(name, "first", ttl=30) as first:
        assert first
        with leases.held(name, "second", ttl=30) as second:
            assert not second
        # The first run finishes 0.5 s later: a second run willing to wait gets the lease then.
        finisher = threading.Timer(0.5, lambda: leases.release(name, "first"))
        finisher.start()
        with leases.held(name, "third", ttl=30, wait=10, poll=0.1, on_wait=told.append) as third:
            assert third
            holder = leases.holder(name)
            assert holder is not None and holder.owner == "third"
        finisher.join()
    assert [holder.owner for holder in told if holder] == ["first"]
    assert leases.acquire(name, "after", ttl=30)  # released when the block ended


def test_a_long_run_keeps_its_lease_by_renewing_it(dynamodb: DynamoDBLocal) -> None:
    name = lease_name()
    with leases.held(name, "long", ttl=1.5) as held:
        assert held
        time.sleep(2.5)  # longer than the ttl: only the renewals keep it
        assert not leases.acquire(name, "intruder", ttl=30)
