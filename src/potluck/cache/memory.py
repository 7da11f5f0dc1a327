"""The embedded cache: process memory, bounded by bytes, least recently used first out."""

from __future__ import annotations

import time
from collections.abc import Callable

from cachetools import TLRUCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _size(entry: tuple[bytes, float]) -> int:
    return len(entry[0])


def _expires(_key: str, entry: tuple[bytes, float], _now: float) -> float:
    return entry[1]


class MemoryCache:
    """Entries carry their own expiry; the total size of values stays under ``max_bytes``
    (a value larger than that is not stored)."""

    def __init__(
        self, max_bytes: int = DEFAULT_MAX_BYTES, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self._entries: TLRUCache[str, tuple[bytes, float]] = TLRUCache(
            maxsize=max_bytes, ttu=_expires, timer=clock, getsizeof=_size
        )

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        return None if entry is None else entry[0]

    async def set(self, key: str, value: bytes, *, ttl: float) -> None:
        try:
            self._entries[key] = (value, self._clock() + ttl)
        except ValueError:  # larger than the whole cache
            self._entries.pop(key, None)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._entries.pop(key, None)

    async def close(self) -> None:
        self._entries.clear()
