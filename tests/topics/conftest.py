"""People the topics tests share (alice is the test's ``client``; the same three as the
notes tests) and an onlooker who is not logged in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.conftest import CSRFClient
from tests.notes.conftest import alice, bob, carol

__all__ = ["alice", "bob", "carol", "onlooker"]


@pytest.fixture
async def onlooker(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as anonymous:
        await anonymous.get("/login")
        yield anonymous
