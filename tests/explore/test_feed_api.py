"""Explore through the API: personalisation, sessions, safety, the logged-out grid."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from tests.explore.factories import all_pages, make_author, make_notes
from tests.notes.factories import client_of


@pytest.fixture
async def catalogue(db: AsyncSession) -> dict[str, list[int]]:
    """Notes of three categories, each category from three authors with a topic each
    (12 notes a category)."""
    notes: dict[str, list[int]] = {}
    for category, topics in (
        ("pets", ("cattax", "puppies", "catsofpotluck")),
        ("food", ("hotpot", "dumplings", "jianbing")),
        ("travel", ("dali", "chengdu", "erhai")),
    ):
        notes[category] = []
        for number, topic in enumerate(topics):
            author = await make_author(db, f"{category}_author_{number}")
            notes[category] += await make_notes(db, author, 4, category=category, topics=(topic,))
    return notes


def _category_of(catalogue: dict[str, list[int]]) -> dict[str, str]:
    return {str(note_id): category for category, ids in catalogue.items() for note_id in ids}


async def test_someone_who_picked_pets_and_likes_pet_notes_sees_mostly_pets(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]]
) -> None:
    response = await alice.put("/api/v1/me/interests", json={"categories": ["pets"]})
    assert response.status_code == 200, response.text
    for note_id in catalogue["pets"][:3]:
        assert (await alice.post(f"/api/v1/notes/{note_id}/like")).status_code == 200

    response = await alice.get("/api/v1/feed/explore", params={"limit": 10})

    assert response.status_code == 200, response.text
    body = response.json()
    categories = Counter(_category_of(catalogue)[item["id"]] for item in body["items"])
    assert len(body["items"]) == 10
    assert categories["pets"] >= 6, categories
    assert categories["pets"] > categories["food"] + categories["travel"] - 2
    assert body["feed_session"]
    assert body["next_cursor"].startswith(body["feed_session"])


async def test_someone_into_food_sees_food_first(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]]
) -> None:
    await alice.put("/api/v1/me/interests", json={"categories": ["food"]})

    items = (await alice.get("/api/v1/feed/explore", params={"limit": 6})).json()["items"]

    categories = Counter(_category_of(catalogue)[item["id"]] for item in items)
    assert categories.most_common(1)[0][0] == "food", categories


async def test_notes_of_followed_accounts_come_in_even_outside_picked_interests(
    alice: httpx.AsyncClient, db: AsyncSession, catalogue: dict[str, list[int]]
) -> None:
    await alice.put("/api/v1/me/interests", json={"categories": ["pets"]})
    assert (await alice.post("/api/v1/users/travel_author_2/follow")).status_code == 200

    items = (await alice.get("/api/v1/feed/explore", params={"limit": 10})).json()["items"]

    followed = [item for item in items if item["author"]["username"] == "travel_author_2"]
    assert len(followed) >= 2


async def test_a_session_never_shows_a_note_twice_and_reaches_the_end(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]]
) -> None:
    pages = await all_pages(alice, limit=7)

    served = [note_id for page in pages for note_id in page]
    assert len(pages) >= 5
    assert len(served) == len(set(served))
    assert set(served) == set(_category_of(catalogue))  # everything, once


async def test_the_same_cursor_gives_the_same_page(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]]
) -> None:
    first = (await alice.get("/api/v1/feed/explore", params={"limit": 5})).json()
    cursor = first["next_cursor"]
    again = (await alice.get("/api/v1/feed/explore", params={"limit": 5, "cursor": cursor})).json()
    once_more = (await alice.get("/api/v1/feed/explore", params={"limit": 5, "cursor": cursor})).json()

    assert [i["id"] for i in again["items"]] == [i["id"] for i in once_more["items"]]
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in again["items"]}


async def test_opening_explore_again_starts_over(
    alice: httpx.AsyncClient, catalogue: dict[str, list[int]]
) -> None:
    """Soon after, with nothing changed, the same session comes back from its start; once
    the viewer did something (a like), a new session starts, again from a first page."""
    first = (await alice.get("/api/v1/feed/explore", params={"limit": 5})).json()
    await alice.get("/api/v1/feed/explore", params={"limit": 5, "cursor": first["next_cursor"]})
    again = (await alice.get("/api/v1/feed/explore", params={"limit": 5})).json()
    assert again == first

    assert (await alice.post(f"/api/v1/notes/{first['items'][0]['id']}/like")).status_code == 200
    fresh = (await alice.get("/api/v1/feed/explore", params={"limit": 5})).json()

    assert fresh["feed_session"] != first["feed_session"]
    assert fresh["next_cursor"] == f"{fresh['feed_session']}.5"
    assert len(fresh["items"]) == 5


async def test_no_two_notes_in_a_row_by_one_author(
    alice: httpx.AsyncClient, db: AsyncSession, catalogue: dict[str, list[int]]
) -> None:
    authors = {}
    for item in (await alice.get("/api/v1/feed/explore", params={"limit": 20})).json()["items"]:
        authors[item["id"]] = item["author"]["username"]
    names = list(authors.values())
    assert all(a != b for a, b in pairwise(names)), names


async def test_blocked_muted_and_unreadable_notes_never_appear(
    app: Any, alice: httpx.AsyncClient, db: AsyncSession, catalogue: dict[str, list[int]]
) -> None:
    blocker = await make_author(db, "blocks_alice")
    blocked = await make_author(db, "blocked_by_alice")
    muted = await make_author(db, "muted_by_alice")
    private_author = await make_author(db, "keeps_to_self")
    hidden = (
        await make_notes(db, blocker, 3, category="pets", likes=50)
        + await make_notes(db, blocked, 3, category="pets", likes=50)
        + await make_notes(db, muted, 3, category="pets", likes=50)
        + await make_notes(db, private_author, 2, category="pets", visibility="private", likes=50)
        + await make_notes(db, private_author, 2, category="pets", visibility="followers", likes=50)
    )
    async with client_of(app, "blocks_alice") as other:
        assert (await other.post("/api/v1/users/alice/block")).status_code == 200
    assert (await alice.post("/api/v1/users/blocked_by_alice/block")).status_code == 200
    assert (await alice.post("/api/v1/users/muted_by_alice/mute")).status_code == 200
    await alice.put("/api/v1/me/interests", json={"categories": ["pets"]})

    served = {note_id for page in await all_pages(alice, limit=8) for note_id in page}

    assert served == set(_category_of(catalogue))
    assert not served & {str(note_id) for note_id in hidden}


async def test_someone_blocked_mid_session_leaves_the_next_pages(
    alice: httpx.AsyncClient, db: AsyncSession, catalogue: dict[str, list[int]]
) -> None:
    first = (await alice.get("/api/v1/feed/explore", params={"limit": 4})).json()
    assert (await alice.post("/api/v1/users/pets_author_0/block")).status_code == 200
    pets_by_them = {str(note_id) for note_id in catalogue["pets"][:4]}

    cursor = first["next_cursor"]
    later: set[str] = set()
    while cursor:
        body = (await alice.get("/api/v1/feed/explore", params={"limit": 4, "cursor": cursor})).json()
        later |= {item["id"] for item in body["items"]}
        cursor = body["next_cursor"]

    assert later
    assert not later & pets_by_them


async def test_own_notes_are_not_in_explore(alice: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await _user(db, "alice")
    await make_notes(db, me, 3, category="pets")
    other = await make_author(db, "someone_else")
    theirs = await make_notes(db, other, 2, category="pets")

    served = {note_id for page in await all_pages(alice) for note_id in page}

    assert served == {str(note_id) for note_id in theirs}


async def test_a_category_narrows_the_feed(alice: httpx.AsyncClient, catalogue: dict[str, list[int]]) -> None:
    items = (await alice.get("/api/v1/feed/explore", params={"category": "travel", "limit": 20})).json()[
        "items"
    ]

    assert {_category_of(catalogue)[item["id"]] for item in items} == {"travel"}
    assert len(items) == 12


async def test_a_bad_cursor_or_category_is_refused(alice: httpx.AsyncClient) -> None:
    response = await alice.get("/api/v1/feed/explore", params={"cursor": "not a cursor"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "cursor"
    response = await alice.get("/api/v1/feed/explore", params={"category": "cars"})
    assert response.status_code == 422


# --- languages ----------------------------------------------------------------------------------


@pytest.fixture
async def two_languages(db: AsyncSession) -> tuple[set[str], set[str]]:
    """Pet notes by English speakers and by Chinese speakers."""
    english: set[str] = set()
    chinese: set[str] = set()
    for number in range(4):
        en = await make_author(db, f"en_author_{number}", languages=["en"])
        zh = await make_author(db, f"zh_author_{number}", languages=["zh"])
        english |= {str(i) for i in await make_notes(db, en, 5, category="pets")}
        chinese |= {str(i) for i in await make_notes(db, zh, 5, category="pets")}
    return english, chinese


@pytest.mark.parametrize(("setting", "low", "high"), [("none", 0, 0), ("some", 1, 4), ("many", 7, 13)])
async def test_the_share_of_other_languages_follows_the_setting(
    alice: httpx.AsyncClient,
    db: AsyncSession,
    two_languages: tuple[set[str], set[str]],
    setting: str,
    low: int,
    high: int,
) -> None:
    _, chinese = two_languages
    response = await alice.patch("/api/v1/me/feed-preferences", json={"other_languages": setting})
    assert response.status_code == 200, response.text

    items = (await alice.get("/api/v1/feed/explore", params={"limit": 20})).json()["items"]

    assert len(items) == 20
    assert low <= sum(item["id"] in chinese for item in items) <= high


# --- logged out ---------------------------------------------------------------------------------


async def test_logged_out_visitors_get_the_trending_grid(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    author = await make_author(db, "popular")
    quiet = await make_notes(db, author, 3, category="food", likes=0)
    loved = await make_notes(db, author, 2, category="food", likes=300)
    hidden = await make_notes(db, author, 2, category="food", likes=900, visibility="followers")

    response = await raw_client.get("/api/v1/feed/explore", params={"limit": 3})

    assert response.status_code == 200, response.text
    assert response.headers["cache-control"].startswith("public")
    body = response.json()
    ids = [item["id"] for item in body["items"]]
    assert set(ids[:2]) == {str(i) for i in loved}
    assert not set(ids) & {str(i) for i in hidden}
    assert body["feed_session"] is None
    rest = (
        await raw_client.get("/api/v1/feed/explore", params={"limit": 3, "cursor": body["next_cursor"]})
    ).json()
    assert {item["id"] for item in rest["items"]} | set(ids) == {str(i) for i in quiet + loved}
    assert rest["next_cursor"] is None


async def test_the_logged_out_grid_is_the_same_for_everyone(
    raw_client: httpx.AsyncClient, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    author = await make_author(db, "sharer")
    await make_notes(db, author, 4, category="home", likes=5)

    first = await raw_client.get("/api/v1/feed/explore")
    second = await client.get("/api/v1/feed/explore")

    assert first.json() == second.json()


# --- helpers ------------------------------------------------------------------------------------


async def _user(db: AsyncSession, username: str) -> User:
    return (await db.execute(select(User).where(User.username == username))).scalar_one()
