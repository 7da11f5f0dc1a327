"""Group counts stay exact when many people (and double clicks) act at the same moment.

Runs against a real ``potluck serve`` process, so requests overlap in separate
transactions: on PostgreSQL + Redis when those are configured, on SQLite otherwise.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest

from tests.notes.test_concurrency import ready_photo, sign_up
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live]

PEOPLE = 20


@pytest.fixture(scope="module")
async def crowd(live_server: LiveServer) -> AsyncIterator[dict[str, Any]]:
    async with AsyncExitStack() as stack:
        author = await sign_up(live_server.base_url, "the_baker")
        stack.push_async_callback(author.aclose)
        people = await asyncio.gather(*(sign_up(live_server.base_url, f"crowd_{n}") for n in range(PEOPLE)))
        for person in people:
            stack.push_async_callback(person.aclose)
        photo = await ready_photo(author)
        response = await author.post(
            "/api/v1/notes", json={"type": "image", "title": "Sourdough", "media_ids": [photo]}
        )
        assert response.status_code == 201, response.text
        yield {"author": author, "people": people, "note_id": response.json()["id"]}


async def everyone_twice(
    people: list[httpx.AsyncClient], act: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
) -> None:
    responses = await asyncio.gather(*(act(person) for person in people for _ in range(2)))
    assert [(r.status_code, r.text) for r in responses if r.status_code >= 300] == []


async def lines(author: httpx.AsyncClient, kind: str) -> list[dict[str, Any]]:
    response = await author.get("/api/v1/notifications", params={"kind": kind})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_simultaneous_double_likes_and_unlikes_keep_the_group_exact(crowd: dict[str, Any]) -> None:
    author, url = crowd["author"], f"/api/v1/notes/{crowd['note_id']}/like"
    await everyone_twice(crowd["people"], lambda person: person.post(url))
    [line] = await lines(author, "likes_collects")
    assert line["actor_count"] == PEOPLE
    assert line["text"].endswith(f"and {PEOPLE - 1} others liked your note")
    assert (await author.get("/api/v1/notifications/unread-count")).json()["total"] == 1

    await everyone_twice(crowd["people"], lambda person: person.delete(url))
    assert await lines(author, "likes_collects") == []

    async def like_unlike_like(person: httpx.AsyncClient) -> httpx.Response:
        await person.post(url)
        await person.delete(url)
        return await person.post(url)

    await everyone_twice(crowd["people"], like_unlike_like)
    [line] = await lines(author, "likes_collects")
    assert line["actor_count"] == PEOPLE


async def test_simultaneous_double_follows_count_each_follower_once(crowd: dict[str, Any]) -> None:
    await everyone_twice(crowd["people"], lambda person: person.post("/api/v1/users/the_baker/follow"))
    [line] = await lines(crowd["author"], "follows")
    assert line["actor_count"] == PEOPLE
    await everyone_twice(crowd["people"][::2], lambda person: person.delete("/api/v1/users/the_baker/follow"))
    [line] = await lines(crowd["author"], "follows")
    assert line["actor_count"] == PEOPLE // 2
