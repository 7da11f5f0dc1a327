"""Helpers for the social graph tests: acting through the API and reading what people see."""

from __future__ import annotations

from typing import Any

import httpx


async def follow(client: httpx.AsyncClient, username: str) -> dict[str, Any]:
    """Follow (or ask to follow) ``username``; the relationship the API answers with."""
    response = await client.post(f"/api/v1/users/{username}/follow")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def act(client: httpx.AsyncClient, method: str, path: str) -> dict[str, Any]:
    """``POST`` or ``DELETE`` ``/api/v1/users/{path}`` that must succeed."""
    response = await client.request(method, f"/api/v1/users/{path}")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def relationship(client: httpx.AsyncClient, username: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/users/{username}/relationship")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def counters(client: httpx.AsyncClient, username: str) -> tuple[int, int]:
    """(followers, following) on ``username``'s profile."""
    response = await client.get(f"/api/v1/users/{username}")
    assert response.status_code == 200, response.text
    profile = response.json()
    return int(profile["follower_count"]), int(profile["following_count"])


async def make_private(client: httpx.AsyncClient) -> None:
    response = await client.patch("/api/v1/me", json={"is_private": True})
    assert response.status_code == 200, response.text
    assert response.json()["is_private"] is True


async def usernames(client: httpx.AsyncClient, path: str, **params: Any) -> list[str]:
    """The usernames on one page of ``/api/v1/{path}`` (followers, following, requests)."""
    response = await client.get(f"/api/v1/{path}", params=params)
    assert response.status_code == 200, response.text
    return [person["username"] for person in response.json()["items"]]


def flags(body: dict[str, Any]) -> set[str]:
    """The relationship flags that are true, e.g. ``{"following", "muting"}``."""
    return {name for name, value in body.items() if value is True}


def assert_error(response: httpx.Response, status: int, code: str, reason: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    if reason is not None:
        assert error["reason"] == reason
