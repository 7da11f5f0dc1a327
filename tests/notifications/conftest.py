"""People the notifications tests share: alice (the test's ``client``), who writes a note
and is told about it; bob, carol and dave, who react."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import make_user
from tests.conftest import CSRFClient
from tests.notes.conftest import alice, bob, carol, note
from tests.notes.factories import client_of

__all__ = ["alice", "bob", "carol", "dave", "note", "onlooker"]


@pytest.fixture
async def dave(app: Any, db: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    await make_user(db, username="dave")
    async with client_of(app, "dave") as other:
        yield other


@pytest.fixture
async def onlooker(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as anonymous:
        await anonymous.get("/login")
        yield anonymous
