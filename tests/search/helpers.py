"""Posting notes and running search's jobs as a worker would, then searching through the API."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from potluck.search import tasks
from tests.notes.factories import job_context, post_note


async def index(runtime: Runtime, note_id: str) -> None:
    await tasks.index_note(job_context(runtime, "search.index_note"), note_id=note_id)


async def posted(
    client: httpx.AsyncClient, runtime: Runtime, title: str, body: str = "", **fields: Any
) -> str:
    """Post a note and run its indexing job; its ID."""
    note_id = str((await post_note(client, runtime, title=title, body=body, **fields))["id"])
    await index(runtime, note_id)
    return note_id


async def refresh_vocabulary(runtime: Runtime) -> None:
    await tasks.refresh_vocabulary(job_context(runtime, "search.refresh_vocabulary"))


async def search(client: httpx.AsyncClient, q: str, **params: Any) -> dict[str, Any]:
    response = await client.get("/api/v1/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def titles(client: httpx.AsyncClient, q: str, **params: Any) -> list[str]:
    return [hit["note"]["title"] for hit in (await search(client, q, **params))["notes"]]
