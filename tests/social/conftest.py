"""People the social graph tests share: alice (the test's ``client``), bob, carol, and an
onlooker who is not logged in (blocked people see no profile of each other)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import log_in, make_user
from tests.conftest import CSRFClient
from tests.notes.factories import client_of


@pytest.fixture
async def alice(client: httpx.AsyncClient, db: AsyncSession) -> httpx.AsyncClient:
    """The test's ``client``, logged in as alice."""
    await make_user(db, username="alice")
    await log_in(client, "alice")
    return client


@pytest.fixture
async def bob(app: Any, db: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    await make_user(db, username="bob")
    async with client_of(app, "bob") as other:
        yield other


@pytest.fixture
async def carol(app: Any, db: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    await make_user(db, username="carol")
    async with client_of(app, "carol") as other:
        yield other


@pytest.fixture
async def onlooker(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in, who reads profiles and lists as the public sees them."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as anonymous:
        await anonymous.get("/login")
        yield anonymous
