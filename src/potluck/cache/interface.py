"""The cache interface: short-lived copies of expensive, shareable results.

A cache holds bytes under string keys, each with its own time to live. Two backends
implement :class:`CacheBackend`: process memory (embedded mode) and Redis (distributed
mode, shared by every process, so a write in one process is forgotten for all).
:class:`Cache` adds what callers need on top: fill-on-miss with at most one fill per key
in flight per process, and forgetting keys once a session commits.

A cache failure never fails a request: a backend that cannot answer logs and behaves as
a miss, and the caller computes the result as if there were no cache.
"""

from __future__ import annotations

import asyncio
import struct
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache.decoded import Decoded
from potluck.db.session import after_commit

CACHE_KEY = "potluck.cache"
# Stored values start with the wall-clock time until which they are fresh (processes
# share it through Redis).
_FRESH_UNTIL = struct.Struct("!d")


class CacheBackend(Protocol):
    async def get(self, key: str) -> bytes | None:
        """The value stored under ``key``, or None if absent, expired or unreachable."""

    async def set(self, key: str, value: bytes, *, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""

    async def delete(self, *keys: str) -> None:
        """Forget ``keys`` (absent keys are fine)."""

    async def close(self) -> None: ...


class Cache:
    """A backend plus single-flight fills, serving stale copies while one refreshes,
    and after-commit invalidation.

    Each stored value carries the time until which it is fresh; the backend keeps it
    for twice as long. A reader that finds a stale copy refreshes it while every other
    reader in the process gets the stale copy meanwhile, so when a popular key goes
    stale one request waits for the database instead of all of them. A forgotten key is
    gone, never served stale.
    """

    def __init__(self, backend: CacheBackend, *, clock: Callable[[], float] = time.time) -> None:
        self.backend = backend
        self._clock = clock
        # This process's decoded copies of marked values (kept pages, credentials).
        self.decoded = Decoded(clock=clock)
        self._filling: dict[str, asyncio.Future[bytes]] = {}

    async def get(self, key: str) -> bytes | None:
        """The value if it is fresh, or stale while this process refreshes it; else
        None, and the caller should go through :meth:`get_or_fill`."""
        entry = await self.backend.get(key)
        if entry is None:
            return None
        value, fresh = self._unpack(entry)
        return value if fresh or key in self._filling else None

    async def delete(self, *keys: str) -> None:
        """Forget ``keys``. A fill of one of them already running in this process read
        the data before the change: its callers get its result, but it is not stored, and
        later callers fill afresh. (A fill running in another process at that moment can
        still store its older copy; it is then served for one interval at most.)"""
        for key in keys:
            self._filling.pop(key, None)
            self.decoded.drop(key)
        if keys:
            await self.backend.delete(*keys)

    async def get_or_fill(self, key: str, *, ttl: float, fill: Callable[[], Awaitable[bytes]]) -> bytes:
        """The cached value, or ``fill()``'s result, fresh for ``ttl`` seconds.

        Concurrent misses on one key in this process wait for a single fill instead of
        each running it (a popular note whose copy just expired is read by everyone at
        once); while a stale copy is being refreshed, they get the stale copy. If the
        fill raises, every waiter gets the same exception and nothing is stored.
        ``ttl <= 0`` turns caching off: every call fills.
        """
        if ttl <= 0:
            return await fill()
        entry = await self.backend.get(key)
        if entry is not None:
            value, fresh = self._unpack(entry)
            if fresh or key in self._filling:
                return value
        else:
            while (pending := self._filling.get(key)) is not None:
                try:
                    return await asyncio.shield(pending)
                except asyncio.CancelledError:
                    if not pending.cancelled():
                        raise  # this caller was cancelled, not the fill it waited for
                    # The request filling it went away: the next waiter fills instead.
        return await self._fill(key, ttl, fill)

    async def _fill(self, key: str, ttl: float, fill: Callable[[], Awaitable[bytes]]) -> bytes:
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._filling[key] = future
        try:
            value = await fill()
            # Stored before anyone is told, so no caller finds neither a value nor a fill;
            # and only if no delete came meanwhile (see :meth:`delete`).
            if self._filling.get(key) is future:
                entry = _FRESH_UNTIL.pack(self._clock() + ttl) + value
                await self.backend.set(key, entry, ttl=2 * ttl)
                if self._filling.get(key) is not future:  # deleted while being stored
                    await self.backend.delete(key)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: no "never retrieved" warning without waiters
            raise
        else:
            future.set_result(value)
        finally:
            if self._filling.get(key) is future:
                del self._filling[key]
        return value

    def _unpack(self, entry: bytes) -> tuple[bytes, bool]:
        (fresh_until,) = _FRESH_UNTIL.unpack_from(entry)
        return entry[_FRESH_UNTIL.size :], self._clock() < fresh_until

    async def close(self) -> None:
        await self.backend.close()


def cache_of(info: Mapping[str, Any]) -> Cache:
    """The process's cache from a session's ``info`` or a job's ``resources``."""
    cache = info.get(CACHE_KEY)
    if cache is None:
        raise RuntimeError("no cache here: was this session or job made by a Runtime?")
    return cache  # type: ignore[no-any-return]


def forget_on_commit(session: AsyncSession, *keys: str) -> None:
    """Forget ``keys`` once ``session`` commits, so the next read sees the change."""
    cache = cache_of(session.info)

    async def forget() -> None:
        await cache.delete(*keys)

    after_commit(session, forget)
