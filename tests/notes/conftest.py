"""People and a note the notes tests share: alice writes, bob and carol read and react."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.factories import log_in, make_user
from tests.notes.factories import client_of, post_note


@pytest.fixture
async def alice(client: httpx.AsyncClient, db: AsyncSession) -> httpx.AsyncClient:
    """The test's ``client``, logged in as alice, who writes the notes."""
    await make_user(db, username="alice")
    await log_in(client, "alice")
    return client


@pytest.fixture
async def bob(app: Any, db: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    """Another person, with a client of his own."""
    await make_user(db, username="bob")
    async with client_of(app, "bob") as other:
        yield other


@pytest.fixture
async def carol(app: Any, db: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    await make_user(db, username="carol")
    async with client_of(app, "carol") as other:
        yield other


@pytest.fixture
async def note(alice: httpx.AsyncClient, runtime: Runtime) -> dict[str, Any]:
    """A published photo note of alice's."""
    return await post_note(alice, runtime, title="Hotpot night")
