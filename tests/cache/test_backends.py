"""The cache backends on their own: process memory, Redis, and Redis with a near copy."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from potluck.cache import MemoryCache, RedisCache, TieredCache
from potluck.cache.redis import PREFIX
from tests.cache.helpers import FakeClock, fresh_key

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        await client.aclose()


# MemoryCache


async def test_memory_returns_what_was_set() -> None:
    cache = MemoryCache()
    await cache.set("a", b"first", ttl=60)
    await cache.set("b", b"other", ttl=60)
    assert await cache.get("a") == b"first"
    assert await cache.get("b") == b"other"
    assert await cache.get("never-set") is None

    await cache.set("a", b"second", ttl=60)
    assert await cache.get("a") == b"second"


async def test_memory_entries_expire_each_after_its_own_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(clock=clock)
    await cache.set("short", b"s", ttl=5)
    await cache.set("long", b"l", ttl=20)

    clock.advance(4.9)
    assert await cache.get("short") == b"s"
    assert await cache.get("long") == b"l"

    clock.advance(0.1)
    assert await cache.get("short") is None
    assert await cache.get("long") == b"l"

    clock.advance(15)
    assert await cache.get("long") is None


async def test_memory_setting_again_restarts_the_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(clock=clock)
    await cache.set("a", b"old", ttl=5)
    clock.advance(4)
    await cache.set("a", b"new", ttl=5)
    clock.advance(4)
    assert await cache.get("a") == b"new"
    clock.advance(1)
    assert await cache.get("a") is None


async def test_memory_evicts_the_least_recently_used_to_stay_under_max_bytes() -> None:
    cache = MemoryCache(max_bytes=10)
    await cache.set("a", b"aaaa", ttl=60)
    await cache.set("b", b"bbbb", ttl=60)
    assert await cache.get("a") == b"aaaa"  # "a" is now used more recently than "b"

    await cache.set("c", b"cccc", ttl=60)  # 12 bytes would not fit: "b" goes

    assert await cache.get("b") is None
    assert await cache.get("a") == b"aaaa"
    assert await cache.get("c") == b"cccc"

    await cache.set("d", b"dddddddd", ttl=60)  # needs both others gone
    assert await cache.get("a") is None
    assert await cache.get("c") is None
    assert await cache.get("d") == b"dddddddd"


async def test_memory_counts_bytes_not_entries() -> None:
    cache = MemoryCache(max_bytes=10)
    for n in range(10):
        await cache.set(f"k{n}", b"x", ttl=60)
    assert [await cache.get(f"k{n}") for n in range(10)] == [b"x"] * 10
    await cache.set("k10", b"x", ttl=60)
    assert await cache.get("k0") is None
    assert await cache.get("k10") == b"x"


async def test_memory_skips_a_value_larger_than_the_whole_cache() -> None:
    cache = MemoryCache(max_bytes=10)
    await cache.set("small", b"12345", ttl=60)
    await cache.set("exact", b"12345", ttl=60)

    await cache.set("huge", b"x" * 11, ttl=60)  # no error

    assert await cache.get("huge") is None
    assert await cache.get("small") == b"12345"
    assert await cache.get("exact") == b"12345"


async def test_memory_a_too_large_value_does_not_leave_the_old_one_behind() -> None:
    cache = MemoryCache(max_bytes=10)
    await cache.set("a", b"old", ttl=60)
    await cache.set("a", b"x" * 11, ttl=60)
    assert await cache.get("a") is None  # never the outdated value


async def test_memory_delete_forgets_present_keys_and_ignores_absent_ones() -> None:
    cache = MemoryCache()
    await cache.set("a", b"1", ttl=60)
    await cache.set("b", b"2", ttl=60)
    await cache.set("c", b"3", ttl=60)

    await cache.delete("a", "b", "absent")
    await cache.delete("absent-too")
    await cache.delete()

    assert await cache.get("a") is None
    assert await cache.get("b") is None
    assert await cache.get("c") == b"3"


async def test_memory_delete_of_an_expired_key_is_harmless(clock: FakeClock) -> None:
    cache = MemoryCache(clock=clock)
    await cache.set("a", b"1", ttl=1)
    clock.advance(2)
    await cache.delete("a")
    assert await cache.get("a") is None


# RedisCache


@pytest.mark.redis
async def test_redis_returns_what_was_set(redis_client: Redis) -> None:
    cache = RedisCache(redis_client)
    key = fresh_key()
    assert await cache.get(key) is None
    await cache.set(key, b"\x00binary\xff", ttl=60)
    assert await cache.get(key) == b"\x00binary\xff"
    await cache.set(key, b"second", ttl=60)
    assert await cache.get(key) == b"second"


@pytest.mark.redis
async def test_redis_values_are_shared_between_processes(redis_url: str, redis_client: Redis) -> None:
    other_client = Redis.from_url(redis_url)
    try:
        key = fresh_key()
        await RedisCache(redis_client).set(key, b"shared", ttl=60)
        assert await RedisCache(other_client).get(key) == b"shared"
        await RedisCache(other_client).delete(key)
        assert await RedisCache(redis_client).get(key) is None
    finally:
        await other_client.aclose()


@pytest.mark.redis
async def test_redis_keys_expire_after_their_ttl(redis_client: Redis) -> None:
    cache = RedisCache(redis_client)
    key = fresh_key()
    await cache.set(key, b"v", ttl=30)
    pttl = await redis_client.pttl(PREFIX + key)
    assert 0 < pttl <= 30_000

    await cache.set(key, b"v", ttl=0.25)  # fractions of a second count too
    pttl = await redis_client.pttl(PREFIX + key)
    assert 0 < pttl <= 250


@pytest.mark.redis
async def test_redis_delete_forgets_present_keys_and_ignores_absent_ones(redis_client: Redis) -> None:
    cache = RedisCache(redis_client)
    first, second, kept = fresh_key(), fresh_key(), fresh_key()
    for key in (first, second, kept):
        await cache.set(key, b"v", ttl=60)

    await cache.delete(first, second, fresh_key())
    await cache.delete(fresh_key())

    assert await cache.get(first) is None
    assert await cache.get(second) is None
    assert await cache.get(kept) == b"v"
    assert await redis_client.exists(PREFIX + first) == 0


@pytest.mark.redis
async def test_redis_prefix_keeps_caches_apart(redis_client: Redis) -> None:
    key = fresh_key()
    await RedisCache(redis_client).set(key, b"default", ttl=60)
    other = RedisCache(redis_client, prefix="elsewhere:")
    assert await other.get(key) is None
    await other.set(key, b"other", ttl=60)
    assert await RedisCache(redis_client).get(key) == b"default"
    await other.delete(key)


async def test_an_unreachable_redis_reads_as_a_miss_and_never_raises(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Redis.from_url(UNREACHABLE_REDIS, socket_connect_timeout=0.2)
    cache = RedisCache(client)
    try:
        with caplog.at_level(logging.WARNING, logger="potluck.cache.redis"):
            assert await cache.get("k") is None
            await cache.set("k", b"v", ttl=60)
            await cache.delete("k")
    finally:
        await client.aclose()
    assert "cache read failed" in caplog.text
    assert "cache write failed" in caplog.text
    assert "cache delete failed" in caplog.text


# TieredCache


@pytest.fixture
def far(redis_client: Redis) -> RedisCache:
    return RedisCache(redis_client)


@pytest.mark.redis
async def test_tiered_serves_its_near_copy_for_near_seconds(
    far: RedisCache, redis_client: Redis, clock: FakeClock
) -> None:
    tiered = TieredCache(far, MemoryCache(clock=clock), near_seconds=1.0)
    key = fresh_key()
    await far.set(key, b"v", ttl=60)  # written by another process
    assert await tiered.get(key) == b"v"

    await redis_client.delete(PREFIX + key)  # forgotten by another process
    assert await tiered.get(key) == b"v"
    clock.advance(0.9)
    assert await tiered.get(key) == b"v"

    clock.advance(0.1)
    assert await tiered.get(key) is None


@pytest.mark.redis
async def test_tiered_sees_another_process_write_once_its_near_copy_expires(
    far: RedisCache, clock: FakeClock
) -> None:
    tiered = TieredCache(far, MemoryCache(clock=clock), near_seconds=1.0)
    key = fresh_key()
    await far.set(key, b"old", ttl=60)
    assert await tiered.get(key) == b"old"
    await far.set(key, b"new", ttl=60)
    assert await tiered.get(key) == b"old"
    clock.advance(1)
    assert await tiered.get(key) == b"new"


@pytest.mark.redis
async def test_tiered_set_keeps_a_near_copy_for_at_most_near_seconds(
    far: RedisCache, redis_client: Redis, clock: FakeClock
) -> None:
    tiered = TieredCache(far, MemoryCache(clock=clock), near_seconds=1.0)
    long_lived, short_lived = fresh_key(), fresh_key()
    await tiered.set(long_lived, b"long", ttl=60)
    await tiered.set(short_lived, b"short", ttl=0.5)
    assert await far.get(long_lived) == b"long"  # written through to Redis
    await redis_client.delete(PREFIX + long_lived, PREFIX + short_lived)

    assert await tiered.get(long_lived) == b"long"
    assert await tiered.get(short_lived) == b"short"
    clock.advance(0.5)  # the short entry's own ttl
    assert await tiered.get(short_lived) is None
    assert await tiered.get(long_lived) == b"long"
    clock.advance(0.5)  # near_seconds
    assert await tiered.get(long_lived) is None


@pytest.mark.redis
async def test_tiered_delete_forgets_both_tiers_at_once(far: RedisCache, clock: FakeClock) -> None:
    near = MemoryCache(clock=clock)
    tiered = TieredCache(far, near, near_seconds=1.0)
    first, second = fresh_key(), fresh_key()
    await tiered.set(first, b"1", ttl=60)
    await tiered.set(second, b"2", ttl=60)
    assert await tiered.get(first) == b"1"

    await tiered.delete(first, second)

    assert await tiered.get(first) is None
    assert await tiered.get(second) is None
    assert await near.get(first) is None
    assert await far.get(first) is None
    assert await far.get(second) is None


@pytest.mark.redis
async def test_tiered_without_near_seconds_always_asks_redis(
    far: RedisCache, redis_client: Redis, clock: FakeClock
) -> None:
    tiered = TieredCache(far, MemoryCache(clock=clock), near_seconds=0)
    key = fresh_key()
    await tiered.set(key, b"v", ttl=60)
    assert await tiered.get(key) == b"v"
    await redis_client.delete(PREFIX + key)
    assert await tiered.get(key) is None
