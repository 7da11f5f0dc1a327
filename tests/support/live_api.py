"""Arranging data on a live server through its JSON API, as a client would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from tests.notes.factories import jpeg_bytes
from tests.support.live import LiveServer


@asynccontextmanager
async def api_as(live_server: LiveServer, username: str, password: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client logged in as ``username`` that sends the CSRF header."""
    async with httpx.AsyncClient(base_url=live_server.base_url) as api:
        await api.get("/login")
        api.headers["X-CSRF-Token"] = api.cookies["potluck_csrf"]
        login = await api.post("/api/v1/auth/login", json={"login": username, "password": password})
        assert login.status_code == 200, login.text
        yield api


async def post_photo_note(api: httpx.AsyncClient, **fields: Any) -> str:
    """A note with one uploaded photo and these fields; its ID."""
    upload = await api.post(
        "/api/v1/media", files={"file": ("photo.jpg", jpeg_bytes(320, 240), "image/jpeg")}
    )
    assert upload.status_code == 201, upload.text
    note = await api.post("/api/v1/notes", json={"media_ids": [upload.json()["id"]], **fields})
    assert note.status_code == 201, note.text
    return str(note.json()["id"])
