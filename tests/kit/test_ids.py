"""Snowflake IDs: 64-bit, unique, ordered by creation time."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from potluck.kit.ids import SnowflakeGenerator, id_timestamp, new_id


def test_ids_are_unique_and_increasing_even_in_bursts() -> None:
    generator = SnowflakeGenerator(node=7)
    ids = [generator.next_id() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(0 < value < 2**63 for value in ids)


def test_ids_from_threads_never_collide() -> None:
    generator = SnowflakeGenerator(node=1)
    results: list[list[int]] = [[] for _ in range(4)]

    def work(index: int) -> None:
        results[index] = [generator.next_id() for _ in range(5000)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    merged = [value for chunk in results for value in chunk]
    assert len(set(merged)) == len(merged)


def test_different_nodes_never_collide_in_the_same_millisecond() -> None:
    a, b = SnowflakeGenerator(node=1), SnowflakeGenerator(node=2)
    assert {a.next_id() for _ in range(1000)}.isdisjoint({b.next_id() for _ in range(1000)})


def test_id_carries_its_creation_time() -> None:
    created = id_timestamp(new_id())
    assert abs(created - datetime.now(UTC)) < timedelta(seconds=5)
