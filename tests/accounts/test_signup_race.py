"""Double-clicks and races against a real server: one account per name, whatever the timing."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.support.live import LiveServer

pytestmark = [pytest.mark.live]


async def test_simultaneous_sign_ups_for_one_name_make_one_account(live_server: LiveServer) -> None:
    # The same name in three spellings that are one name, sent at once from six clients.
    names = ["RaceMe", "raceme", "ＲＡＣＥＭＥ"] * 2

    async def sign_up(name: str) -> httpx.Response:
        async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as client:
            return await client.post(
                "/api/v1/auth/signup", json={"username": name, "password": "a long enough password"}
            )

    responses = await asyncio.gather(*(sign_up(name) for name in names))
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as client:
        statuses = sorted(response.status_code for response in responses)
        assert statuses.count(201) == 1, [response.text for response in responses]
        assert statuses.count(409) == len(names) - 1
        for response in responses:
            if response.status_code == 409:
                assert response.json()["error"]["field"] == "username"
                assert response.json()["error"]["reason"] == "taken"
        profile = await client.get("/api/v1/users/raceme")
        assert profile.status_code == 200


async def test_a_burst_of_different_sign_ups_all_succeed(live_server: LiveServer) -> None:
    async def sign_up(name: str) -> httpx.Response:
        async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as client:
            response = await client.post(
                "/api/v1/auth/signup", json={"username": name, "password": "a long enough password"}
            )
            # ... and, logged in, act at once (a write right after another's commit).
            if response.status_code == 201:
                token = (
                    client.cookies.get("potluck_csrf") or (await client.get("/login")).cookies["potluck_csrf"]
                )
                edited = await client.patch(
                    "/api/v1/me", json={"bio": f"I am {name}"}, headers={"X-CSRF-Token": token}
                )
                assert edited.status_code == 200, edited.text
            return response

    responses = await asyncio.gather(*(sign_up(f"burst_{index}") for index in range(8)))
    assert [response.status_code for response in responses] == [201] * 8, [r.text for r in responses]
