"""Home's Explore tab is the recommender: personalised grid pages in one feed session,
whose cards the event script watches; followed topics feed it too."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web import home_feeds
from tests.accounts.test_pages import read
from tests.explore.test_feed_api import _category_of, catalogue
from tests.notes.pages_support import HTMX, fragment

__all__ = ["catalogue"]


def card_ids(page: object) -> list[str]:
    return [
        element.attrs["data-note-id"]
        for element in page.all(lambda e: e.tag == "article" and "data-note-id" in e.attrs)  # type: ignore[attr-defined]
    ]


async def test_home_explore_is_personal_and_pages_within_one_session(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_feeds, "PAGE_SIZE", 10)
    assert (await alice.put("/api/v1/me/interests", json={"categories": ["pets"]})).status_code == 200

    home = read(await alice.get("/"))

    first = card_ids(home)
    assert len(first) == 10
    assert Counter(_category_of(catalogue)[note_id] for note_id in first)["pets"] >= 6
    grid = home.get("card-grid")
    assert grid.attrs["data-feed"] == "explore"
    session = grid.attrs["data-feed-session"]
    assert session
    scripts = [element.attrs.get("src", "") for element in home.all(lambda e: e.tag == "script")]
    assert any("/static/js/feed-events.js" in src for src in scripts)
    more = next(element for element in home.get("load-more").walk() if element.tag == "a")
    assert f"cursor={session}." in more.attrs["hx-get"]
    second = card_ids(fragment(await alice.get(more.attrs["hx-get"], headers=HTMX)))
    assert second
    assert not set(first) & set(second), "never the same note twice in a session"


async def test_a_followed_topic_brings_its_notes_into_explore(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]], db: AsyncSession
) -> None:
    dali = {str(note_id) for note_id in catalogue["travel"][:4]}  # the first travel author's

    async def dali_shown() -> int:
        """How many of the dali notes open a new session (its first five cards)."""
        response = await alice.get("/api/v1/feed/explore", params={"limit": 5})
        return len({item["id"] for item in response.json()["items"]} & dali)

    before = await dali_shown()
    assert (await alice.post("/api/v1/topics/dali/follow")).status_code == 200

    assert await dali_shown() > before, "notes of a followed topic reach Explore"
