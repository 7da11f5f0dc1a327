"""Home shows trending topics on Explore, and the Nearby tab asks for a position."""

from __future__ import annotations

import httpx

from potluck.runtime import Runtime
from tests.accounts.test_pages import read
from tests.notes.factories import post_note


async def test_explore_lists_trending_topics_linking_to_their_pages(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    await post_note(alice, runtime, title="Hello", body="First day here #TikTokRefugee")

    page = read(await alice.get("/"))

    topic = page.testid("trending-topic")
    assert topic.attrs["href"] == "/topics/TikTokRefugee"
    assert "#TikTokRefugee" in topic.text()
    following = read(await alice.get("/?tab=following"))
    assert following.find_testid("trending-topic") is None, "trending belongs to Explore"


async def test_the_nearby_tab_offers_to_find_notes_near_the_reader(alice: httpx.AsyncClient) -> None:
    page = read(await alice.get("/?tab=nearby"))

    assert page.testid("nearby-locate") is not None
    scripts = [element.attrs.get("src", "") for element in page.all(lambda element: element.tag == "script")]
    assert any("/static/js/nearby.js" in src for src in scripts)
