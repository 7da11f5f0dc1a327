"""Reading what people are told, through the API."""

from __future__ import annotations

from typing import Any

import httpx


async def notifications(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    """The first page of the client's notifications (``kind=``, ``limit=``, ``cursor=``)."""
    response = await client.get("/api/v1/notifications", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def texts(client: httpx.AsyncClient, **params: Any) -> list[str]:
    return [item["text"] for item in await notifications(client, **params)]


async def unread(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/api/v1/notifications/unread-count")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def like(client: httpx.AsyncClient, note_id: str, *, liked: bool = True) -> None:
    response = await client.request("POST" if liked else "DELETE", f"/api/v1/notes/{note_id}/like")
    assert response.status_code == 200, response.text


async def comment(client: httpx.AsyncClient, note_id: str, body: str, reply_to: str | None = None) -> str:
    payload: dict[str, Any] = {"body": body}
    if reply_to is not None:
        payload["reply_to"] = reply_to
    response = await client.post(f"/api/v1/notes/{note_id}/comments", json=payload)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def mark_read(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/notifications/read", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())
