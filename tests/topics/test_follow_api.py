"""Following topics: idempotent, exact follower counts, my topics, the recommender's list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from potluck.settings import Settings
from potluck.topics import service
from tests.accounts.factories import make_user
from tests.conftest import make_settings
from tests.notes.factories import client_of
from tests.social.factories import assert_error
from tests.topics.helpers import tagged, topic


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(tmp_path / "var", database_url, redis_url, rate_limit_follow="4/minute; 1000/day")


async def test_following_twice_counts_once_and_unfollowing_twice_too(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Hi", "#TikTokRefugee")

    for _ in range(2):
        response = await bob.post("/api/v1/topics/tiktokrefugee/follow")
        assert response.status_code == 200, response.text
        assert response.json()["followed"] is True
        assert response.json()["counts"]["followers"] == 1
    assert (await carol.post("/api/v1/topics/TIKTOKREFUGEE/follow")).json()["counts"]["followers"] == 2
    assert (await topic(alice, "TikTokRefugee"))["followed"] is False
    assert (await topic(bob, "TikTokRefugee"))["followed"] is True

    for _ in range(2):
        response = await bob.delete("/api/v1/topics/TikTokRefugee/follow")
        assert response.status_code == 200, response.text
        assert response.json()["followed"] is False
        assert response.json()["counts"]["followers"] == 1
    assert (await topic(alice, "TikTokRefugee"))["counts"]["followers"] == 1


async def test_my_topics_newest_follow_first_with_pages(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Many", "#one #two #three")
    for name in ("one", "two", "three"):
        assert (await bob.post(f"/api/v1/topics/{name}/follow")).status_code == 200

    first = (await bob.get("/api/v1/me/topics", params={"limit": 2})).json()
    assert [item["name"] for item in first["items"]] == ["three", "two"]
    assert all(item["followed"] for item in first["items"])
    rest = (await bob.get("/api/v1/me/topics", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [item["name"] for item in rest["items"]] == ["one"]
    assert rest["next_cursor"] is None
    assert (await alice.get("/api/v1/me/topics")).json() == {"items": [], "next_cursor": None}
    assert_error(await bob.get("/api/v1/me/topics", params={"cursor": "x"}), 422, "invalid", "invalid_cursor")


async def test_the_recommender_reads_followed_topic_ids(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Two", "#hiking #camping")
    hiking = await topic(alice, "hiking")
    camping = await topic(alice, "camping")
    await bob.post("/api/v1/topics/hiking/follow")
    await bob.post("/api/v1/topics/camping/follow")
    bob_id = int((await bob.get("/api/v1/me")).json()["id"])

    ids = await service.followed_topic_ids(db, user_id=bob_id)
    assert ids == [int(camping["id"]), int(hiking["id"])]


async def test_following_needs_an_account_and_a_real_topic(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Tea", "#tea")
    assert (await onlooker.post("/api/v1/topics/tea/follow")).status_code == 401
    assert (await onlooker.get("/api/v1/me/topics")).status_code == 401
    assert_error(await alice.post("/api/v1/topics/coffee/follow"), 404, "not_found", "no_topic")
    assert (await topic(alice, "tea"))["counts"]["followers"] == 0


async def test_topic_follows_share_the_follow_rate_limit(
    app: Any, alice: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Five", "#a1 #a2 #a3 #a4 #a5")
    await make_user(db, username="eager")
    async with client_of(app, "eager") as eager:
        for name in ("a1", "a2", "a3", "a4"):
            assert (await eager.post(f"/api/v1/topics/{name}/follow")).status_code == 200
        # Following again is free: nothing happens, nothing is counted.
        assert (await eager.post("/api/v1/topics/a1/follow")).status_code == 200
        response = await eager.post("/api/v1/topics/a5/follow")
        assert_error(response, 429, "rate_limited")
        assert int(response.headers["Retry-After"]) >= 1
        assert (await eager.post("/api/v1/users/alice/follow")).status_code == 429  # people too
    assert (await topic(alice, "a5"))["counts"]["followers"] == 0
