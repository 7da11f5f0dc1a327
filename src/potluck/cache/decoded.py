"""Decoded copies of marked values, kept in each process until the values expire.

Some cached values are checked against change marks (:mod:`.marks`) every time they are
used: kept pages and remembered credentials. Whatever would make such a value wrong
marks it, in every process, so a process may keep its own decoded copy (a Python object,
not bytes to parse again) for the value's whole life instead of asking the cache
backend each time: in distributed mode that backend is Redis behind a one-second memory
copy, and under load the round trip every second per key was the slowest 1% of feed
reads (docs/benchmarks.md, "Feeds at scale"). The copy never outlives the value it was
decoded from; a process that stores a newer value, or forgets one, replaces or drops its
own copy, and the marks stop the other processes' copies from being used.

Bounded by count and by an estimate of size, least recently used first out.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 20_000
MAX_BYTES = 64 * 1024 * 1024


class Decoded:
    def __init__(
        self,
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._clock = clock
        self._entries: OrderedDict[str, tuple[Any, float, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: str) -> Any | None:
        """The copy kept under ``key``, or None if there is none or it has expired."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, until, _ = entry
        if until <= self._clock():
            self.drop(key)
            return None
        self._entries.move_to_end(key)
        return value

    def put(self, key: str, value: Any, *, ttl: float, size: int) -> None:
        """Keep ``value`` (about ``size`` bytes) under ``key`` for ``ttl`` seconds."""
        self.drop(key)
        if ttl <= 0 or size > self.max_bytes:
            return
        self._entries[key] = (value, self._clock() + ttl, size)
        self._bytes += size
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, (_, _, oldest) = self._entries.popitem(last=False)
            self._bytes -= oldest

    def drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
