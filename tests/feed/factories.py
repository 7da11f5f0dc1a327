"""Acting for the feed tests: posting and following with the feed's jobs run as a worker
would run them (in embedded mode they have nothing to do; in distributed mode they push
into timelines)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.feed import tasks
from potluck.runtime import Runtime
from tests.notes.factories import job_context, post_note


async def publish(client: httpx.AsyncClient, runtime: Runtime, title: str, **fields: Any) -> dict[str, Any]:
    """Post a note and run its fan-out job to the end."""
    note = await post_note(client, runtime, title=title, **fields)
    await fan_out(runtime, note["id"])
    return note


async def fan_out(runtime: Runtime, note_id: str) -> None:
    await tasks.fan_out(job_context(runtime, "feed.fan_out"), note_id=note_id)


async def user_id(db: AsyncSession, username: str) -> int:
    return int((await db.scalars(select(User.id).where(User.username == username))).one())


async def follow(
    client: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, follower: str, whom: str
) -> None:
    """``follower`` (logged in on ``client``) follows ``whom``; the follow's job runs."""
    response = await client.post(f"/api/v1/users/{whom}/follow")
    assert response.status_code == 200, response.text
    await tasks.follow_started(
        job_context(runtime, "feed.follow_started"),
        follower_id=str(await user_id(db, follower)),
        followee_id=str(await user_id(db, whom)),
    )


async def feed(client: httpx.AsyncClient, **params: Any) -> tuple[list[str], str | None]:
    """Titles on one page of the Following feed, and its next cursor."""
    response = await client.get("/api/v1/feed/following", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    return [item["title"] for item in body["items"]], body["next_cursor"]


async def whole_feed(client: httpx.AsyncClient, limit: int = 3) -> list[str]:
    """Every title of the feed, following cursors to the end."""
    titles: list[str] = []
    cursor: str | None = None
    for _ in range(100):
        page, cursor = await feed(client, limit=limit, **({"cursor": cursor} if cursor else {}))
        titles += page
        if cursor is None:
            return titles
    raise AssertionError("the feed never ended")
