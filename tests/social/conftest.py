"""People the social graph tests share: alice (the test's ``client``), bob, carol, and an
onlooker who is not logged in (blocked people see no profile of each other)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.conftest import CSRFClient

# The same three people as the notes tests (alice is the test's ``client``).
from tests.notes.conftest import alice, bob, carol

__all__ = ["alice", "bob", "carol", "onlooker"]


@pytest.fixture
async def onlooker(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in, who reads profiles and lists as the public sees them."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as anonymous:
        await anonymous.get("/login")
        yield anonymous
