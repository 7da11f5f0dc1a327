"""Time-ordered 64-bit IDs in the Snowflake layout.

| 1 bit 0 | 41 bits milliseconds since EPOCH | 10 bits node | 12 bits sequence |

IDs sort by creation time, fit a signed BIGINT until 2094, and are unique as long as no two
live processes share a node number (see :func:`configure_node`).
"""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime

EPOCH_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z
NODE_BITS = 10
SEQUENCE_BITS = 12
MAX_NODE = (1 << NODE_BITS) - 1
MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1


class SnowflakeGenerator:
    def __init__(self, node: int) -> None:
        self._lock = threading.Lock()
        self._last_ms = -1
        self._sequence = 0
        self.node = node & MAX_NODE

    def next_id(self) -> int:
        with self._lock:
            now = _now_ms()
            # If the clock went backwards, keep issuing from the last instant.
            now = max(now, self._last_ms)
            if now == self._last_ms:
                self._sequence = (self._sequence + 1) & MAX_SEQUENCE
                if self._sequence == 0:
                    while now <= self._last_ms:
                        now = _now_ms()
            else:
                self._sequence = 0
            self._last_ms = now
            return (
                ((now - EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS))
                | (self.node << SEQUENCE_BITS)
                | self._sequence
            )


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


_generator = SnowflakeGenerator(os.getpid())


def configure_node(node: int) -> None:
    """Give this process its own node number (distributed mode leases one from Redis)."""
    global _generator  # noqa: PLW0603 - one generator per process, by design
    _generator = SnowflakeGenerator(node)


def new_id() -> int:
    return _generator.next_id()


def id_timestamp(snowflake: int) -> datetime:
    """When an ID was made; handy for 'posted 3 minutes ago' without a column."""
    ms = (snowflake >> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, tz=UTC)
