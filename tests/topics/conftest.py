"""People the topics tests share (alice is the test's ``client``; the same three as the
notes tests) and an onlooker who is not logged in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from potluck.runtime import Runtime
from potluck.topics.service import TRENDING_CACHE_KEY
from tests.conftest import CSRFClient
from tests.notes.conftest import alice, bob, carol

__all__ = ["alice", "bob", "carol", "onlooker"]


@pytest.fixture(autouse=True)
async def _fresh_trending(runtime: Runtime) -> None:
    """Trending is one shared copy for everyone: with Redis it would outlive a test."""
    await runtime.cache.delete(TRENDING_CACHE_KEY)


@pytest.fixture
async def onlooker(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as anonymous:
        await anonymous.get("/login")
        yield anonymous
