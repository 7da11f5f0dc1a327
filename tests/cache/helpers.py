"""Small helpers shared by the cache tests: a clock the test moves by hand, a backend that
counts and can hold up writes, and a bounded wait."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

from potluck.cache import CacheBackend

# Generous: these bound how long a broken test hangs, they assert nothing about speed.
WAIT_SECONDS = 10.0


class FakeClock:
    """A clock that only moves when the test says so (usable as monotonic or wall time)."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class WatchedBackend:
    """A backend wrapper that counts finished reads and can hold writes back, as a slow
    network would."""

    def __init__(self, inner: CacheBackend) -> None:
        self.inner = inner
        self.reads = 0
        self.writes_allowed = asyncio.Event()
        self.writes_allowed.set()
        self.writes_waiting = 0

    async def get(self, key: str) -> bytes | None:
        value = await self.inner.get(key)
        self.reads += 1
        return value

    async def set(self, key: str, value: bytes, *, ttl: float) -> None:
        self.writes_waiting += 1
        await self.writes_allowed.wait()
        self.writes_waiting -= 1
        await self.inner.set(key, value, ttl=ttl)

    async def delete(self, *keys: str) -> None:
        await self.inner.delete(*keys)

    async def close(self) -> None:
        await self.inner.close()


def fresh_key() -> str:
    """Redis keeps keys between tests, so each test uses its own."""
    return f"test:{uuid.uuid4().hex}"


async def until(condition: Callable[[], bool]) -> None:
    """Let other tasks run until ``condition`` holds."""
    async with asyncio.timeout(WAIT_SECONDS):
        while not condition():
            await asyncio.sleep(0.001)
