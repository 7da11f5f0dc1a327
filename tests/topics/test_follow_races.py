"""Many Follow presses at once against a real server: the topic's follower count stays
exact (each request has its own transaction there; PostgreSQL when configured)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.conftest import CSRFClient
from tests.notes.factories import jpeg_bytes
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live]

PASSWORD = "a long enough password"


async def sign_up(base_url: str, username: str) -> httpx.AsyncClient:
    client = CSRFClient(base_url=base_url, timeout=30)
    await client.get("/login")
    response = await client.post("/api/v1/auth/signup", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return client


async def followers(client: httpx.AsyncClient) -> int:
    return int((await client.get("/api/v1/topics/race")).json()["counts"]["followers"])


async def test_racing_follows_and_unfollows_count_exactly(live_server: LiveServer) -> None:
    author = await sign_up(live_server.base_url, "race_author")
    fans = [await sign_up(live_server.base_url, f"race_fan_{number}") for number in range(4)]
    try:
        upload = await author.post("/api/v1/media", files={"file": ("p.jpg", jpeg_bytes(), "image/jpeg")})
        assert upload.status_code == 201, upload.text
        note = await author.post(
            "/api/v1/notes", json={"title": "Ready", "body": "#race", "media_ids": [upload.json()["id"]]}
        )
        assert note.status_code == 201, note.text

        presses = [fan.post("/api/v1/topics/race/follow") for fan in fans for _ in range(5)]
        assert {response.status_code for response in await asyncio.gather(*presses)} == {200}
        assert await followers(author) == 4

        presses = [fan.delete("/api/v1/topics/race/follow") for fan in fans[:3] for _ in range(5)]
        assert {response.status_code for response in await asyncio.gather(*presses)} == {200}
        assert await followers(author) == 1
        assert [topic["name"] for topic in (await fans[3].get("/api/v1/me/topics")).json()["items"]] == [
            "race"
        ]
    finally:
        for client in (author, *fans):
            await client.aclose()
