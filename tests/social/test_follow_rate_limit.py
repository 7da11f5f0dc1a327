"""The "follow" rate limit, made tight (3 a minute) so the tests stay small."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.settings import Settings
from tests.accounts.factories import make_user
from tests.conftest import make_settings
from tests.notes.factories import client_of
from tests.social.factories import act, assert_error, counters, flags, follow, make_private, relationship

pytestmark = pytest.mark.usefixtures("within_one_minute")


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(tmp_path / "var", database_url, redis_url, rate_limit_follow="3/minute; 1000/day")


@pytest.fixture
async def people(app: Any, db: AsyncSession) -> list[str]:
    """Five people alice might follow."""
    names = [f"cook_{number}" for number in range(5)]
    for name in names:
        await make_user(db, username=name)
    return names


async def test_the_follow_after_the_limit_is_refused_and_does_not_happen(
    alice: httpx.AsyncClient, people: list[str]
) -> None:
    for name in people[:3]:
        assert flags(await follow(alice, name)) == {"following"}

    response = await alice.post(f"/api/v1/users/{people[3]}/follow")
    assert_error(response, 429, "rate_limited", "rate_limited")
    assert int(response.headers["Retry-After"]) >= 1
    assert flags(await relationship(alice, people[3])) == set()
    assert await counters(alice, people[3]) == (0, 0)
    assert await counters(alice, "alice") == (0, 3)


async def test_follow_requests_count_against_the_limit(
    alice: httpx.AsyncClient, people: list[str], app: Any
) -> None:
    for name in people[:2]:
        async with client_of(app, name) as cook:
            await make_private(cook)
        assert flags(await follow(alice, name)) == {"requested"}
    await follow(alice, people[2])
    assert_error(await alice.post(f"/api/v1/users/{people[3]}/follow"), 429, "rate_limited")


async def test_the_limit_is_each_persons_own(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, people: list[str]
) -> None:
    for name in people[:3]:
        await follow(alice, name)
    assert_error(await alice.post(f"/api/v1/users/{people[3]}/follow"), 429, "rate_limited")
    assert flags(await follow(bob, people[3])) == {"following"}, "bob has used none of his"


async def test_unfollowing_blocking_and_muting_are_never_limited(
    alice: httpx.AsyncClient, people: list[str]
) -> None:
    for name in people[:3]:
        await follow(alice, name)
    for _ in range(3):
        for name in people:
            await act(alice, "POST", f"{name}/mute")
            await act(alice, "DELETE", f"{name}/mute")
            await act(alice, "POST", f"{name}/block")
            await act(alice, "DELETE", f"{name}/block")
            await act(alice, "DELETE", f"{name}/follow")
    assert await counters(alice, "alice") == (0, 0)


async def test_following_someone_already_followed_uses_none_of_the_limit(
    alice: httpx.AsyncClient, people: list[str]
) -> None:
    for _ in range(5):
        await follow(alice, people[0])
    await follow(alice, people[1])
    await follow(alice, people[2])
    assert_error(await alice.post(f"/api/v1/users/{people[3]}/follow"), 429, "rate_limited")
