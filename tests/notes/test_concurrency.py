"""Counters stay exact when many people (and double-clicks) hit one note at once.

Runs against a real ``potluck serve`` process, so requests really overlap in separate
transactions: on PostgreSQL + Redis when those are configured, on SQLite otherwise.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest

from tests.conftest import CSRFClient
from tests.notes.factories import jpeg_bytes
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live]

PEOPLE = 30
PASSWORD = "a long enough password"


async def sign_up(base_url: str, username: str) -> httpx.AsyncClient:
    """A new account's own logged-in client (its own session cookie and CSRF token)."""
    client = CSRFClient(base_url=base_url, timeout=30)
    await client.get("/login")
    response = await client.post("/api/v1/auth/signup", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return client


async def ready_photo(author: httpx.AsyncClient) -> str:
    response = await author.post("/api/v1/media", files={"file": ("dish.jpg", jpeg_bytes(), "image/jpeg")})
    assert response.status_code == 201, response.text
    media_id = str(response.json()["id"])
    # The live server's job runner (embedded) or its worker (distributed) processes it.
    deadline = time.monotonic() + 20
    while True:
        media = (await author.get(f"/api/v1/media/{media_id}")).json()
        if media["status"] != "processing" or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    assert media["status"] == "ready", media
    return media_id


@pytest.fixture(scope="module")
async def crowd(live_server: LiveServer) -> AsyncIterator[dict[str, Any]]:
    """An author with a published note, and PEOPLE others, each logged in on their own."""
    async with AsyncExitStack() as stack:
        author = await sign_up(live_server.base_url, "the_cook")
        stack.push_async_callback(author.aclose)
        people = await asyncio.gather(
            *(sign_up(live_server.base_url, f"fan_{number}") for number in range(PEOPLE))
        )
        for person in people:
            stack.push_async_callback(person.aclose)
        photo = await ready_photo(author)
        response = await author.post(
            "/api/v1/notes", json={"type": "image", "title": "Mapo tofu", "media_ids": [photo]}
        )
        assert response.status_code == 201, response.text
        yield {"author": author, "people": people, "note_id": response.json()["id"]}


async def everyone_twice(
    people: list[httpx.AsyncClient], act: Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
) -> None:
    """Every person acts twice at the same moment (a double-click), all people at once."""
    responses = await asyncio.gather(*(act(person) for person in people for _ in range(2)))
    failures = [
        (response.status_code, response.text) for response in responses if response.status_code >= 300
    ]
    assert failures == []


async def note_counts(crowd: dict[str, Any]) -> dict[str, int]:
    response = await crowd["author"].get(f"/api/v1/notes/{crowd['note_id']}")
    assert response.status_code == 200, response.text
    return dict(response.json()["counts"])


async def likes_received(crowd: dict[str, Any]) -> int:
    return int((await crowd["author"].get("/api/v1/users/the_cook")).json()["likes_received_count"])


async def test_simultaneous_likes_and_unlikes_keep_exact_counts(crowd: dict[str, Any]) -> None:
    url = f"/api/v1/notes/{crowd['note_id']}/like"
    await everyone_twice(crowd["people"], lambda person: person.post(url))
    assert (await note_counts(crowd))["likes"] == PEOPLE
    assert await likes_received(crowd) == PEOPLE

    await everyone_twice(crowd["people"], lambda person: person.delete(url))
    assert (await note_counts(crowd))["likes"] == 0
    assert await likes_received(crowd) == 0


async def test_simultaneous_collects_keep_exact_counts(crowd: dict[str, Any]) -> None:
    url = f"/api/v1/notes/{crowd['note_id']}/collect"
    await everyone_twice(crowd["people"], lambda person: person.post(url))
    assert (await note_counts(crowd))["collects"] == PEOPLE
    assert await likes_received(crowd) == PEOPLE
    # Each person's first collect made their default board once, however the two raced.
    for person in crowd["people"][:5]:
        boards = (await person.get("/api/v1/boards")).json()
        assert [(board["is_default"], board["note_count"]) for board in boards] == [(True, 1)]

    await everyone_twice(crowd["people"], lambda person: person.delete(url))
    assert (await note_counts(crowd))["collects"] == 0
    assert await likes_received(crowd) == 0


async def test_simultaneous_comments_and_replies_keep_exact_counts(crowd: dict[str, Any]) -> None:
    url = f"/api/v1/notes/{crowd['note_id']}/comments"
    first = await crowd["author"].post(url, json={"body": "Ask me anything"})
    assert first.status_code == 201, first.text
    thread_id = first.json()["id"]

    async def comment_and_reply(person: httpx.AsyncClient) -> httpx.Response:
        comments = await asyncio.gather(
            person.post(url, json={"body": "Looks delicious"}),
            person.post(url, json={"body": "How spicy?", "reply_to": thread_id}),
        )
        return next((response for response in comments if response.status_code >= 300), comments[0])

    await everyone_twice(crowd["people"], comment_and_reply)

    assert (await note_counts(crowd))["comments"] == 1 + PEOPLE * 4
    pinned = await crowd["author"].put(
        f"/api/v1/notes/{crowd['note_id']}/pin", json={"comment_id": thread_id}
    )
    assert pinned.status_code == 204, pinned.text
    thread = (await crowd["author"].get(url)).json()["items"][0]
    assert (thread["id"], thread["reply_count"]) == (thread_id, PEOPLE * 2)
    replies: list[str] = []
    cursor = ""
    while cursor is not None:
        page = await crowd["author"].get(
            f"/api/v1/comments/{thread_id}/replies", params={"limit": 50, "cursor": cursor}
        )
        replies += [reply["id"] for reply in page.json()["items"]]
        cursor = page.json()["next_cursor"]
    assert len(set(replies)) == len(replies) == PEOPLE * 2
