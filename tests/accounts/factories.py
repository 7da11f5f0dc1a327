"""Factories for accounts data."""

from __future__ import annotations

import itertools

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service
from potluck.accounts.models import User

DEFAULT_PASSWORD = "correct horse battery"
_counter = itertools.count(1)


async def make_user(
    session: AsyncSession, *, username: str | None = None, password: str = DEFAULT_PASSWORD, **fields: object
) -> User:
    user = await service.create_user(
        session,
        username=username or f"user{next(_counter)}",
        password=password,
        **fields,  # type: ignore[arg-type]
    )
    await session.commit()
    return user


async def log_in(
    client: httpx.AsyncClient, username: str, password: str = DEFAULT_PASSWORD
) -> httpx.Response:
    response = await client.post("/api/v1/auth/login", json={"login": username, "password": password})
    assert response.status_code == 200, response.text
    return response
