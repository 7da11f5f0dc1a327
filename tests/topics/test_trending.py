"""Trending topics: recent activity wins, a surge today beats a busy week, shared and cached."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from potluck.topics.service import TRENDING_CACHE_KEY
from tests.topics.helpers import published_ago, tagged


async def trending_names(client: httpx.AsyncClient, **params: object) -> list[str]:
    response = await client.get("/api/v1/topics/trending", params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


async def test_a_topic_that_surges_today_passes_a_busy_week(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    db: AsyncSession,
    runtime: Runtime,
) -> None:
    # Last week: five notes on #sourdough, liked; today: three on #TikTokRefugee.
    for number in range(5):
        note_id = await tagged(alice, runtime, f"Loaf {number}", "#sourdough")
        assert (await bob.post(f"/api/v1/notes/{note_id}/like")).status_code == 200
        await published_ago(db, note_id, timedelta(days=3, hours=number))
    old = await tagged(alice, runtime, "Old news", "#yesterdaysnews")
    await published_ago(db, old, timedelta(days=9))
    hidden = await tagged(alice, runtime, "Secret", "#secretclub", visibility="private")
    assert hidden
    for number in range(3):
        await tagged(bob, runtime, f"Hello {number}", "#TikTokRefugee")

    names = await trending_names(onlooker)
    assert names[:2] == ["TikTokRefugee", "sourdough"]
    assert "yesterdaysnews" not in names  # older than a week
    assert "secretclub" not in names  # nobody may read it
    item = (await onlooker.get("/api/v1/topics/trending")).json()["items"][0]
    assert item["url"] == "/topics/TikTokRefugee"
    assert (item["notes_today"], item["notes_this_week"]) == (3, 3)


async def test_trending_is_shared_for_a_minute(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Kimchi", "#kimchi")
    assert await trending_names(onlooker) == ["kimchi"]
    await tagged(alice, runtime, "More", "#bibimbap #bibimbaplife")
    assert await trending_names(alice, limit=5) == ["kimchi"]  # the copy of a minute ago

    await runtime.cache.delete(TRENDING_CACHE_KEY)
    assert set(await trending_names(alice)) == {"kimchi", "bibimbap", "bibimbaplife"}
    assert len(await trending_names(alice, limit=1)) == 1
    assert (await onlooker.get("/api/v1/topics/trending", params={"limit": 0})).status_code == 422
