"""The Following tab of home: the feed as a grid, paged by the infinite scroll."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from potluck.web import home_feeds
from tests.accounts.test_pages import read
from tests.feed.factories import follow, publish
from tests.notes.pages_support import HTMX, card_links, fragment


async def test_the_following_tab_shows_followed_accounts_newest_first_page_by_page(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(home_feeds, "PAGE_SIZE", 2)
    await follow(alice, runtime, db, "alice", "bob")
    ids = [(await publish(bob, runtime, f"Bob {n}"))["id"] for n in range(3)]
    await publish(carol, runtime, "Not followed")
    newest_first = [f"/notes/{note_id}" for note_id in reversed(ids)]

    page = read(await alice.get("/?tab=following"))

    assert page.testid("following-grid") is not None
    assert card_links(page) == newest_first[:2]
    assert page.find_testid("explore-grid") is None
    assert page.all(lambda element: "chips" in element.attrs.get("class", "").split()) == [], (
        "categories are Explore's"
    )
    more = next(element for element in page.get("load-more").walk() if element.tag == "a")
    second = fragment(await alice.get(more.attrs["hx-get"], headers=HTMX))
    assert card_links(second) == newest_first[2:]


async def test_following_nobody_yet_says_what_the_tab_is_for(alice: httpx.AsyncClient) -> None:
    page = read(await alice.get("/?tab=following"))
    assert "Nothing from people you follow yet" in page.root.text()
