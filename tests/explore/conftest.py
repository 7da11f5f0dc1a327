"""Explore tests share the notes tests' people (alice is the test's ``client``)."""

from __future__ import annotations

import pytest

from potluck.runtime import Runtime
from tests.notes.conftest import alice, bob, carol

__all__ = ["alice", "bob", "carol", "fresh_cache"]


@pytest.fixture(autouse=True)
async def fresh_cache(runtime: Runtime) -> None:
    """Shared lists (trending, fresh notes) are cached in Redis for a minute; each test's
    data is rolled back, so each test starts with an empty cache of its own worker."""
    if runtime.redis is not None:
        await runtime.redis.flushdb()
    runtime.cache.decoded.clear()
