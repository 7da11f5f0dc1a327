"""Acting on topics through the API, and running the jobs that keep their totals."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.time import utcnow
from potluck.notes.models import Note
from potluck.runtime import Runtime
from potluck.topics import tasks
from tests.notes.factories import job_context, post_note


async def topic(client: httpx.AsyncClient, name: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/topics/{name}")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def note_titles(client: httpx.AsyncClient, name: str, **params: Any) -> list[str]:
    response = await client.get(f"/api/v1/topics/{name}/notes", params=params)
    assert response.status_code == 200, response.text
    return [card["title"] for card in response.json()["items"]]


async def tagged(client: httpx.AsyncClient, runtime: Runtime, title: str, tags: str, **fields: Any) -> str:
    """Post a note whose text carries ``tags``; its ID."""
    return str((await post_note(client, runtime, title=title, body=f"Look {tags}", **fields))["id"])


async def refresh_totals(runtime: Runtime) -> None:
    """The minute job, as the worker runs it (in the test's transaction)."""
    await tasks.refresh_recent(job_context(runtime, "topics.refresh_recent"))


async def refresh_all_totals(runtime: Runtime) -> None:
    """The hourly sweep."""
    await tasks.refresh_all(job_context(runtime, "topics.refresh_all"))


async def published_ago(db: AsyncSession, note_id: str, age: timedelta) -> datetime:
    """Move a note's publication back in time (as if posted ``age`` ago)."""
    moment = utcnow() - age
    await db.execute(update(Note).where(Note.id == int(note_id)).values(published_at=moment))
    await db.commit()
    return moment
