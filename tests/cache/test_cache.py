"""Cache: one fill per key at a time, stale copies while one refreshes, forgetting on commit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from redis.asyncio import Redis

from potluck.cache import Cache, MemoryCache, RedisCache, TieredCache, cache_of, forget_on_commit
from potluck.db.session import commit, rollback
from potluck.runtime import Runtime
from tests.cache.helpers import WAIT_SECONDS, FakeClock, WatchedBackend, fresh_key, until

TTL = 60.0
CALLERS = 20


class Boom(Exception):
    pass


class Fill:
    """A fill that counts its calls and, when told to, waits for ``release`` first."""

    def __init__(self, value: bytes, *, held: bool = False, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error
        self.calls = 0
        self.release = asyncio.Event()
        if not held:
            self.release.set()

    async def __call__(self) -> bytes:
        self.calls += 1
        await self.release.wait()
        if self.error is not None:
            raise self.error
        return self.value


def never_called() -> Callable[[], Awaitable[bytes]]:
    async def fill() -> bytes:
        raise AssertionError("this caller should not have filled")

    return fill


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", pytest.param("tiered", marks=pytest.mark.redis)])
async def backend(request: pytest.FixtureRequest, clock: FakeClock, redis_url: str) -> AsyncIterator[Any]:
    """Embedded mode's backend, and distributed mode's (Redis behind a near copy), both
    behind a wrapper that counts reads. Redis expires keys on its own clock, which these
    tests never let run out (they move the fake clock by at most a few TTLs of 60 s)."""
    if request.param == "memory":
        yield WatchedBackend(MemoryCache(clock=clock))
        return
    client = Redis.from_url(redis_url)
    try:
        yield WatchedBackend(TieredCache(RedisCache(client), MemoryCache(clock=clock)))
    finally:
        await client.aclose()


@pytest.fixture
def cache(backend: WatchedBackend, clock: FakeClock) -> Cache:
    return Cache(backend, clock=clock)


async def fill_once(cache: Cache, key: str, value: bytes, *, ttl: float = TTL) -> None:
    assert await cache.get_or_fill(key, ttl=ttl, fill=Fill(value)) == value


async def test_a_miss_fills_and_the_next_calls_are_served_from_the_cache(cache: Cache) -> None:
    key = fresh_key()
    assert await cache.get(key) is None
    first = Fill(b"value")
    assert await cache.get_or_fill(key, ttl=TTL, fill=first) == b"value"
    assert await cache.get(key) == b"value"
    assert await cache.get_or_fill(key, ttl=TTL, fill=never_called()) == b"value"
    assert first.calls == 1


async def test_concurrent_misses_on_one_key_fill_once(cache: Cache, backend: WatchedBackend) -> None:
    key = fresh_key()
    fill = Fill(b"value", held=True)
    callers = [asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=fill)) for _ in range(CALLERS)]
    await until(lambda: backend.reads == CALLERS)  # every caller has looked and missed
    fill.release.set()
    results = await asyncio.wait_for(asyncio.gather(*callers), WAIT_SECONDS)
    assert results == [b"value"] * CALLERS
    assert fill.calls == 1


async def test_different_keys_fill_separately(cache: Cache) -> None:
    first, second = fresh_key(), fresh_key()
    held = Fill(b"first", held=True)
    waiting = asyncio.create_task(cache.get_or_fill(first, ttl=TTL, fill=held))
    await until(lambda: held.calls == 1)
    # The slow fill of one key holds up nobody reading another.
    assert await cache.get_or_fill(second, ttl=TTL, fill=Fill(b"second")) == b"second"
    held.release.set()
    assert await waiting == b"first"


async def test_a_failed_fill_fails_every_waiter_and_stores_nothing(
    cache: Cache, backend: WatchedBackend
) -> None:
    key = fresh_key()
    error = Boom("database down")
    failing = Fill(b"unused", held=True, error=error)
    callers = [asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=failing)) for _ in range(CALLERS)]
    await until(lambda: backend.reads == CALLERS)
    failing.release.set()
    results = await asyncio.wait_for(asyncio.gather(*callers, return_exceptions=True), WAIT_SECONDS)
    assert all(result is error for result in results)
    assert failing.calls == 1

    assert await cache.get(key) is None
    retry = Fill(b"value")
    assert await cache.get_or_fill(key, ttl=TTL, fill=retry) == b"value"
    assert retry.calls == 1


async def test_a_failed_fill_without_waiters_leaves_no_unretrieved_exception(cache: Cache) -> None:
    # pytest turns "Future exception was never retrieved" into an error (filterwarnings).
    key = fresh_key()
    with pytest.raises(Boom):
        await cache.get_or_fill(key, ttl=TTL, fill=Fill(b"", error=Boom()))
    assert await cache.get_or_fill(key, ttl=TTL, fill=Fill(b"value")) == b"value"


@pytest.mark.parametrize("ttl", [0, -1])
async def test_a_ttl_of_zero_or_less_fills_every_time(cache: Cache, ttl: float) -> None:
    key = fresh_key()
    fill = Fill(b"value")
    for _ in range(3):
        assert await cache.get_or_fill(key, ttl=ttl, fill=fill) == b"value"
    assert fill.calls == 3
    assert await cache.get(key) is None


async def test_an_entry_is_fresh_for_its_ttl(cache: Cache, clock: FakeClock) -> None:
    key = fresh_key()
    await fill_once(cache, key, b"value", ttl=10)
    clock.advance(9.9)
    assert await cache.get(key) == b"value"
    assert await cache.get_or_fill(key, ttl=10, fill=never_called()) == b"value"
    clock.advance(0.1)
    assert await cache.get(key) is None  # stale, and nobody refreshing it


async def test_a_stale_entry_is_served_while_one_caller_refreshes_it(cache: Cache, clock: FakeClock) -> None:
    key = fresh_key()
    await fill_once(cache, key, b"old")
    clock.advance(TTL + 1)
    assert await cache.get(key) is None

    refresh = Fill(b"new", held=True)
    refreshing = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=refresh))
    await until(lambda: refresh.calls == 1)

    assert await cache.get(key) == b"old"
    others = [asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=never_called())) for _ in range(5)]
    assert await asyncio.wait_for(asyncio.gather(*others), WAIT_SECONDS) == [b"old"] * 5
    assert not refreshing.done()  # nobody waited for the refresh

    refresh.release.set()
    assert await asyncio.wait_for(refreshing, WAIT_SECONDS) == b"new"
    assert await cache.get(key) == b"new"
    assert await cache.get_or_fill(key, ttl=TTL, fill=never_called()) == b"new"
    assert refresh.calls == 1

    # The refreshed entry is fresh for a whole TTL from when it was refreshed.
    clock.advance(TTL - 1)
    assert await cache.get(key) == b"new"
    clock.advance(1)
    assert await cache.get(key) is None


async def test_a_failed_refresh_keeps_nothing_new_and_the_next_caller_retries(
    cache: Cache, clock: FakeClock
) -> None:
    key = fresh_key()
    await fill_once(cache, key, b"old")
    clock.advance(TTL + 1)
    with pytest.raises(Boom):
        await cache.get_or_fill(key, ttl=TTL, fill=Fill(b"", error=Boom()))
    assert await cache.get(key) is None  # stale again: no refresh in flight
    retry = Fill(b"new")
    assert await cache.get_or_fill(key, ttl=TTL, fill=retry) == b"new"
    assert retry.calls == 1


async def test_memory_keeps_stale_copies_for_one_more_ttl_only(clock: FakeClock) -> None:
    cache = Cache(MemoryCache(clock=clock), clock=clock)
    await fill_once(cache, "k", b"old")
    clock.advance(2 * TTL)
    refresh = Fill(b"new", held=True)
    refreshing = asyncio.create_task(cache.get_or_fill("k", ttl=TTL, fill=refresh))
    await until(lambda: refresh.calls == 1)
    assert await cache.get("k") is None  # too old to serve even while refreshing
    waiter = asyncio.create_task(cache.get_or_fill("k", ttl=TTL, fill=never_called()))
    refresh.release.set()
    assert list(await asyncio.wait_for(asyncio.gather(refreshing, waiter), WAIT_SECONDS)) == [b"new", b"new"]


async def test_when_the_filler_is_cancelled_a_waiter_fills_instead(
    cache: Cache, backend: WatchedBackend
) -> None:
    key = fresh_key()
    abandoned = Fill(b"never", held=True)
    filler = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=abandoned))
    await until(lambda: abandoned.calls == 1)
    takeover = Fill(b"value", held=True)
    waiters = [asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=takeover)) for _ in range(3)]
    await until(lambda: backend.reads == 4)

    filler.cancel()
    with pytest.raises(asyncio.CancelledError):
        await filler
    await until(lambda: takeover.calls == 1)
    takeover.release.set()

    assert await asyncio.wait_for(asyncio.gather(*waiters), WAIT_SECONDS) == [b"value"] * 3
    assert takeover.calls == 1  # one waiter took over; the others waited for it
    assert await cache.get(key) == b"value"


async def test_a_cancelled_waiter_leaves_the_fill_running_for_the_others(
    cache: Cache, backend: WatchedBackend
) -> None:
    key = fresh_key()
    fill = Fill(b"value", held=True)
    filler = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=fill))
    leaving = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=fill))
    staying = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=fill))
    await until(lambda: backend.reads == 3)

    leaving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leaving
    fill.release.set()

    assert list(await asyncio.wait_for(asyncio.gather(filler, staying), WAIT_SECONDS)) == [b"value", b"value"]
    assert fill.calls == 1


async def test_delete_forgets_at_once_and_never_leaves_a_stale_copy(cache: Cache, clock: FakeClock) -> None:
    key = fresh_key()
    await fill_once(cache, key, b"old")
    await cache.delete(key)
    assert await cache.get(key) is None
    refill = Fill(b"new")
    assert await cache.get_or_fill(key, ttl=TTL, fill=refill) == b"new"
    assert refill.calls == 1

    # Forgotten while stale and being refreshed: the stale copy is not served either.
    clock.advance(TTL + 1)
    refresh = Fill(b"newer", held=True)
    refreshing = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=refresh))
    await until(lambda: refresh.calls == 1)
    assert await cache.get(key) == b"new"
    await cache.delete(key)
    assert await cache.get(key) is None
    refresh.release.set()
    await asyncio.wait_for(refreshing, WAIT_SECONDS)


async def test_a_fill_that_began_before_a_delete_is_not_kept(clock: FakeClock) -> None:
    # A reader fills from the database; meanwhile a writer commits and forgets the key.
    # What the reader read predates the change: neither a reader arriving after the delete
    # nor the cache afterwards may get it (a note made private must not stay readable).
    cache = Cache(MemoryCache(clock=clock), clock=clock)
    key = fresh_key()
    before_the_change = Fill(b"before", held=True)
    reading = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=before_the_change))
    await until(lambda: before_the_change.calls == 1)

    await cache.delete(key)  # the writer's forget_on_commit
    after_the_change = Fill(b"after")
    next_read = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=after_the_change))
    await asyncio.sleep(0.01)
    before_the_change.release.set()
    await asyncio.wait_for(reading, WAIT_SECONDS)

    assert await asyncio.wait_for(next_read, WAIT_SECONDS) == b"after"
    assert await cache.get(key) != b"before"


async def test_a_caller_arriving_while_the_value_is_stored_does_not_fill_again(clock: FakeClock) -> None:
    # Storing takes a Redis round trip in distributed mode (held here by the wrapper);
    # callers arriving meanwhile are concurrent with the fill that is finishing.
    backend = WatchedBackend(MemoryCache(clock=clock))
    cache = Cache(backend, clock=clock)
    key = fresh_key()
    backend.writes_allowed.clear()
    storing = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=Fill(b"value")))
    await until(lambda: backend.writes_waiting == 1)
    latecomer = Fill(b"second fill")
    arriving = asyncio.create_task(cache.get_or_fill(key, ttl=TTL, fill=latecomer))
    await until(lambda: backend.reads == 2)
    backend.writes_allowed.set()
    assert list(await asyncio.wait_for(asyncio.gather(storing, arriving), WAIT_SECONDS)) == [
        b"value",
        b"value",
    ]
    assert latecomer.calls == 0


@pytest.mark.redis
async def test_a_value_filled_in_one_process_serves_the_others(redis_url: str, clock: FakeClock) -> None:
    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    try:
        first, second = (
            Cache(TieredCache(RedisCache(client), MemoryCache(clock=clock)), clock=clock)
            for client in clients
        )
        key = fresh_key()
        await fill_once(first, key, b"value")
        assert await second.get(key) == b"value"
        assert await second.get_or_fill(key, ttl=TTL, fill=never_called()) == b"value"

        await first.delete(key)  # the other process keeps its near copy for at most a second
        clock.advance(1)
        assert await second.get(key) is None
    finally:
        for client in clients:
            await client.aclose()


async def test_an_unreachable_redis_only_makes_every_call_fill(caplog: pytest.LogCaptureFixture) -> None:
    client = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    cache = Cache(TieredCache(RedisCache(client), MemoryCache(), near_seconds=0))
    fill = Fill(b"value")
    try:
        with caplog.at_level(logging.WARNING, logger="potluck.cache.redis"):
            assert await cache.get_or_fill("k", ttl=TTL, fill=fill) == b"value"
            assert await cache.get_or_fill("k", ttl=TTL, fill=fill) == b"value"
            assert await cache.get("k") is None
            await cache.delete("k")
    finally:
        await client.aclose()
    assert fill.calls == 2
    assert "cache read failed" in caplog.text


# forget_on_commit


async def test_forget_on_commit_forgets_once_the_session_commits(runtime: Runtime, db: Any) -> None:
    assert cache_of(db.info) is runtime.cache
    key, other = fresh_key(), fresh_key()
    await fill_once(runtime.cache, key, b"value")
    await fill_once(runtime.cache, other, b"other")

    forget_on_commit(db, key)
    assert await runtime.cache.get(key) == b"value", "nothing is forgotten before the commit"
    await commit(db)

    assert await runtime.cache.get(key) is None
    assert await runtime.cache.get(other) == b"other"


async def test_forget_on_commit_keeps_the_key_after_a_rollback(runtime: Runtime) -> None:
    key = fresh_key()
    await fill_once(runtime.cache, key, b"value")
    async with runtime.database.sessionmaker() as session:
        forget_on_commit(session, key)
        await rollback(session)
        await commit(session)  # the next transaction does not inherit the dropped callback
    assert await runtime.cache.get(key) == b"value"


def test_cache_of_a_session_without_a_runtime_says_so() -> None:
    with pytest.raises(RuntimeError, match="no cache here"):
        cache_of({})
