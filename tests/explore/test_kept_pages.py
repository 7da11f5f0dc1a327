"""Pages of an Explore session kept for their reader (cache.kept_pages, web.kept_reads):
asked for again, they come from the cache (a first page with the session it started);
what the reader does and what authors change shows at once all the same."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.explore import candidates, service
from tests.explore.factories import make_author, make_notes
from tests.notes.factories import client_of

EXPLORE = "/api/v1/feed/explore"


@pytest.fixture
async def notes(db: AsyncSession) -> list[int]:
    made: list[int] = []
    for number in range(4):
        author = await make_author(db, f"kept_author_{number}")
        made += await make_notes(db, author, 3, category="food")
    return made


async def second_page(client: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    first = (await client.get(EXPLORE, params={"limit": 4})).json()
    cursor = first["next_cursor"]
    response = await client.get(EXPLORE, params={"limit": 4, "cursor": cursor})
    assert response.status_code == 200, response.text
    assert response.json()["items"]
    return cursor, response.json()


async def test_a_later_page_asked_again_comes_from_the_cache(
    alice: httpx.AsyncClient, notes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    cursor, page = await second_page(alice)

    async def database_gone(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the endpoint was asked")

    monkeypatch.setattr(service, "explore_feed", database_gone)
    again = await alice.get(EXPLORE, params={"limit": 4, "cursor": cursor})
    assert again.status_code == 200
    assert again.json() == page
    first = await alice.get(EXPLORE, params={"limit": 4})  # the session it started
    assert first.status_code == 200
    assert first.json()["next_cursor"] == cursor
    # Another page size is another page: the endpoint's.
    with pytest.raises(AssertionError, match="the endpoint was asked"):
        await alice.get(EXPLORE, params={"limit": 5})


async def test_the_readers_like_starts_a_new_session(alice: httpx.AsyncClient, notes: list[int]) -> None:
    first = (await alice.get(EXPLORE, params={"limit": 4})).json()
    liked = first["items"][0]
    assert (await alice.post(f"/api/v1/notes/{liked['id']}/like")).status_code == 200

    again = (await alice.get(EXPLORE, params={"limit": 4})).json()

    assert again["feed_session"] != first["feed_session"]
    assert all(item["liked"] for item in again["items"] if item["id"] == liked["id"])


async def test_the_readers_like_and_block_show_on_a_kept_page(
    alice: httpx.AsyncClient, notes: list[int]
) -> None:
    cursor, page = await second_page(alice)
    liked, blocked = page["items"][0], page["items"][1]
    assert blocked["author"]["username"] != liked["author"]["username"]  # no author twice in a row
    assert (await alice.post(f"/api/v1/notes/{liked['id']}/like")).status_code == 200
    assert (await alice.post(f"/api/v1/users/{blocked['author']['username']}/block")).status_code == 200

    again = (await alice.get(EXPLORE, params={"limit": 4, "cursor": cursor})).json()

    by_id = {item["id"]: item for item in again["items"]}
    assert by_id[liked["id"]]["liked"] is True
    assert blocked["author"]["username"] not in {item["author"]["username"] for item in again["items"]}


async def test_an_authors_deleted_note_leaves_a_kept_page(
    alice: httpx.AsyncClient, notes: list[int], app: Any
) -> None:
    cursor, page = await second_page(alice)
    gone = page["items"][0]
    async with client_of(app, gone["author"]["username"]) as author:
        assert (await author.delete(f"/api/v1/notes/{gone['id']}")).status_code == 204

    again = (await alice.get(EXPLORE, params={"limit": 4, "cursor": cursor})).json()

    assert gone["id"] not in {item["id"] for item in again["items"]}


async def test_an_authors_deleted_note_leaves_a_kept_first_page(
    alice: httpx.AsyncClient, notes: list[int], app: Any
) -> None:
    first = (await alice.get(EXPLORE, params={"limit": 4})).json()
    gone = first["items"][0]
    async with client_of(app, gone["author"]["username"]) as author:
        assert (await author.delete(f"/api/v1/notes/{gone['id']}")).status_code == 204

    again = (await alice.get(EXPLORE, params={"limit": 4})).json()

    assert gone["id"] not in {item["id"] for item in again["items"]}
    assert again["items"]


@pytest.mark.parametrize("params", [{"category": "nonsense"}, {"limit": "0"}, {"cursor": "bad"}])
async def test_unusual_parameters_are_judged_by_the_endpoint(
    alice: httpx.AsyncClient, notes: list[int], params: dict[str, str]
) -> None:
    response = await alice.get(EXPLORE, params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


async def test_a_new_session_within_the_minute_reuses_the_viewers_candidates(
    alice: httpx.AsyncClient, notes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (await alice.get(EXPLORE, params={"limit": 4})).json()

    async def gather_gone(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("candidates were gathered again")

    monkeypatch.setattr(candidates, "gather", gather_gone)
    second = (await alice.get(EXPLORE, params={"limit": 5})).json()  # not the kept page

    assert second["feed_session"] != first["feed_session"]
    assert len(second["items"]) == 5


async def test_new_interests_reach_the_very_next_session(alice: httpx.AsyncClient, db: AsyncSession) -> None:
    """Candidates kept from a minute ago are not used once the viewer changed something."""
    made: dict[str, set[str]] = {"pets": set(), "food": set()}
    for category, ids in made.items():
        for number in range(3):
            author = await make_author(db, f"{category}_{number}")
            ids.update(str(note_id) for note_id in await make_notes(db, author, 4, category=category))
    assert (await alice.put("/api/v1/me/interests", json={"categories": ["food"]})).status_code == 200
    food_first = (await alice.get(EXPLORE, params={"limit": 8})).json()["items"]  # kept: food-minded
    assert sum(item["id"] in made["food"] for item in food_first) >= 5, food_first

    assert (await alice.put("/api/v1/me/interests", json={"categories": ["pets"]})).status_code == 200
    items = (await alice.get(EXPLORE, params={"limit": 8})).json()["items"]

    assert sum(item["id"] in made["pets"] for item in items) >= 5, items
