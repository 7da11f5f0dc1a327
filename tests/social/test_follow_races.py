"""Double clicks on Follow against a real server: counters stay exact whatever the timing.

The in-process ``app`` runs every request on one shared, rolled-back connection, so
requests cannot overlap there; a real ``potluck serve`` gives each its own transaction
(PostgreSQL + Redis when configured, SQLite otherwise).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from tests.conftest import CSRFClient
from tests.support.live import LiveServer

pytestmark = [pytest.mark.live]

PASSWORD = "a long enough password"


async def sign_up(base_url: str, username: str) -> httpx.AsyncClient:
    client = CSRFClient(base_url=base_url, timeout=30)
    await client.get("/login")
    response = await client.post("/api/v1/auth/signup", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return client


@dataclass
class Pair:
    fan: httpx.AsyncClient
    cook: httpx.AsyncClient
    fan_name: str
    cook_name: str


_serial = itertools.count(1)


@pytest.fixture
async def pair(live_server: LiveServer) -> AsyncIterator[Pair]:
    """Two new people, each logged in on their own (the server lives for the whole module)."""
    number = next(_serial)
    fan_name, cook_name = f"fan_{number}", f"cook_{number}"
    fan = await sign_up(live_server.base_url, fan_name)
    cook = await sign_up(live_server.base_url, cook_name)
    try:
        yield Pair(fan, cook, fan_name, cook_name)
    finally:
        await fan.aclose()
        await cook.aclose()


async def counters(client: httpx.AsyncClient, username: str) -> tuple[int, int]:
    profile = (await client.get(f"/api/v1/users/{username}")).json()
    return int(profile["follower_count"]), int(profile["following_count"])


async def all_at_once(client: httpx.AsyncClient, method: str, url: str, times: int = 10) -> None:
    responses = await asyncio.gather(*(client.request(method, url) for _ in range(times)))
    assert [response.status_code for response in responses] == [200] * times, [r.text for r in responses]


async def test_ten_follows_at_once_count_once(pair: Pair) -> None:
    fan, cook = pair.fan, pair.cook
    await all_at_once(fan, "POST", f"/api/v1/users/{pair.cook_name}/follow")
    assert await counters(cook, pair.cook_name) == (1, 0)
    assert await counters(cook, pair.fan_name) == (0, 1)
    followers = (await cook.get(f"/api/v1/users/{pair.cook_name}/followers")).json()["items"]
    assert [person["username"] for person in followers] == [pair.fan_name]

    await all_at_once(fan, "DELETE", f"/api/v1/users/{pair.cook_name}/follow")
    assert await counters(cook, pair.cook_name) == (0, 0)
    assert await counters(cook, pair.fan_name) == (0, 0)


async def test_ten_approvals_at_once_count_once(pair: Pair) -> None:
    fan, cook = pair.fan, pair.cook
    assert (await cook.patch("/api/v1/me", json={"is_private": True})).status_code == 200
    await all_at_once(fan, "POST", f"/api/v1/users/{pair.cook_name}/follow")
    answer = {"username": pair.fan_name, "decision": "approve"}
    answers = await asyncio.gather(*(cook.post("/api/v1/follow-requests", json=answer) for _ in range(10)))
    statuses = sorted(response.status_code for response in answers)
    assert statuses == [200] + [404] * 9, [response.text for response in answers]
    assert await counters(cook, pair.cook_name) == (1, 0)
    assert await counters(cook, pair.fan_name) == (0, 1)


async def test_a_follow_sent_as_you_block_does_not_outlive_the_block(pair: Pair) -> None:
    """The fan clicks Follow just as the cook blocks him: whichever lands first, once both
    are done the cook has a block and no follower (blocking "ends follows both ways")."""
    fan, cook = pair.fan, pair.cook
    outcomes = []
    for _ in range(10):
        await asyncio.gather(
            fan.post(f"/api/v1/users/{pair.cook_name}/follow"),
            cook.post(f"/api/v1/users/{pair.fan_name}/block"),
        )
        seen = (await cook.get(f"/api/v1/users/{pair.fan_name}/relationship")).json()
        followers = (await cook.get(f"/api/v1/users/{pair.cook_name}")).json()["follower_count"]
        outcomes.append((seen["blocking"], seen["followed_by"], followers))
        # Start the next round afresh: take him off the followers before unblocking.
        assert (await cook.delete(f"/api/v1/users/{pair.fan_name}/follower")).status_code == 200
        assert (await cook.delete(f"/api/v1/users/{pair.fan_name}/block")).status_code == 200
    assert outcomes == [(True, False, 0)] * 10, "(blocking, followed_by, follower_count) per round"
