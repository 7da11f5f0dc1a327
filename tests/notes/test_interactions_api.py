"""Likes, collects into boards, and views: the counts people see and where notes end up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.conftest import CSRFClient
from tests.notes.factories import client_of, post_note


@asynccontextmanager
async def visitor(app: Any, user_agent: str) -> AsyncIterator[httpx.AsyncClient]:
    """Someone not logged in, with their own browser."""
    transport = httpx.ASGITransport(app=app)
    async with CSRFClient(
        transport=transport, base_url="http://testserver", headers={"User-Agent": user_agent}
    ) as anonymous:
        await anonymous.get("/login")
        yield anonymous


async def counts(client: httpx.AsyncClient, note_id: str) -> dict[str, int]:
    response = await client.get(f"/api/v1/notes/{note_id}")
    assert response.status_code == 200, response.text
    return dict(response.json()["counts"])


async def likes_received(client: httpx.AsyncClient, username: str) -> int:
    return int((await client.get(f"/api/v1/users/{username}")).json()["likes_received_count"])


async def board_note_ids(client: httpx.AsyncClient, board_id: str) -> list[str]:
    response = await client.get(f"/api/v1/boards/{board_id}")
    assert response.status_code == 200, response.text
    return [card["id"] for card in response.json()["notes"]["items"]]


async def make_board(client: httpx.AsyncClient, name: str, **fields: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/boards", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    return dict(response.json())


# --- likes -------------------------------------------------------------------------------------


async def test_liking_twice_counts_once_and_unliking_twice_leaves_zero(
    bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    url = f"/api/v1/notes/{note['id']}/like"
    for _ in range(2):
        response = await bob.post(url)
        assert response.status_code == 200, response.text
        assert response.json()["liked"] is True
        assert response.json()["counts"]["likes"] == 1
    assert (await counts(bob, note["id"]))["likes"] == 1

    for _ in range(2):
        response = await bob.delete(url)
        assert response.status_code == 200
        assert response.json()["liked"] is False
        assert response.json()["counts"]["likes"] == 0
    assert (await counts(bob, note["id"]))["likes"] == 0


async def test_the_authors_likes_received_follow_likes_and_collects(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any], app: Any, db: AsyncSession
) -> None:
    url = f"/api/v1/notes/{note['id']}"
    await make_user(db, username="carol")
    async with client_of(app, "carol") as carol:
        await bob.post(f"{url}/like")
        await carol.post(f"{url}/like")
        await carol.post(f"{url}/collect")
        assert await likes_received(bob, "alice") == 3
        await carol.delete(f"{url}/like")
        await carol.delete(f"{url}/collect")
    assert await likes_received(bob, "alice") == 1
    assert await likes_received(bob, "bob") == 0, "giving likes is not receiving them"


async def test_liking_needs_a_login(client: httpx.AsyncClient, note: dict[str, Any], app: Any) -> None:
    async with visitor(app, "Firefox") as anonymous:
        response = await anonymous.post(f"/api/v1/notes/{note['id']}/like")
    assert response.status_code == 401


# --- collects and boards -------------------------------------------------------------------------


async def test_the_first_collect_makes_the_default_board(
    bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    response = await bob.post(f"/api/v1/notes/{note['id']}/collect")
    assert response.status_code == 200, response.text
    assert response.json()["collected"] is True
    assert response.json()["counts"]["collects"] == 1

    boards = (await bob.get("/api/v1/boards")).json()
    assert [(board["name"], board["is_default"], board["note_count"]) for board in boards] == [
        ("Collected", True, 1)
    ]
    assert boards[0]["id"] == response.json()["board_id"]
    assert await board_note_ids(bob, boards[0]["id"]) == [note["id"]]


async def test_collecting_into_another_board_moves_the_note(
    bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    url = f"/api/v1/notes/{note['id']}/collect"
    default_id = (await bob.post(url)).json()["board_id"]
    trips = await make_board(bob, "Chengdu trip")

    response = await bob.post(url, json={"board_id": trips["id"]})
    assert response.status_code == 200, response.text
    assert response.json()["board_id"] == trips["id"]
    assert response.json()["counts"]["collects"] == 1, "one person, one collect"
    assert await board_note_ids(bob, trips["id"]) == [note["id"]]
    assert await board_note_ids(bob, default_id) == []

    response = await bob.delete(url)
    assert response.status_code == 200
    assert response.json()["collected"] is False
    assert response.json()["counts"]["collects"] == 0
    assert await board_note_ids(bob, trips["id"]) == []
    assert (await bob.delete(url)).json()["counts"]["collects"] == 0, "uncollecting twice is harmless"


async def test_collecting_into_someone_elses_board_is_refused(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    alices_board = await make_board(alice, "Mine")
    response = await bob.post(f"/api/v1/notes/{note['id']}/collect", json={"board_id": alices_board["id"]})
    assert response.status_code == 403
    assert (await counts(bob, note["id"]))["collects"] == 0


async def test_a_private_board_is_hidden_from_others(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    secret = await make_board(bob, "Gift ideas", is_private=True)
    public = await make_board(bob, "Recipes")
    await bob.post(f"/api/v1/notes/{note['id']}/collect", json={"board_id": secret["id"]})

    assert (await alice.get(f"/api/v1/boards/{secret['id']}")).status_code == 404
    seen_by_alice = [board["id"] for board in (await alice.get("/api/v1/users/bob/boards")).json()]
    assert secret["id"] not in seen_by_alice
    assert public["id"] in seen_by_alice
    assert (await alice.patch(f"/api/v1/boards/{secret['id']}", json={"name": "x"})).status_code == 404

    seen_by_bob = [board["id"] for board in (await bob.get("/api/v1/users/bob/boards")).json()]
    assert secret["id"] in seen_by_bob
    assert await board_note_ids(bob, secret["id"]) == [note["id"]]


async def test_deleting_a_board_uncollects_its_notes(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, note: dict[str, Any]
) -> None:
    other = await post_note(alice, runtime, title="Tea house")
    board = await make_board(bob, "Temporary")
    for note_id in (note["id"], other["id"]):
        await bob.post(f"/api/v1/notes/{note_id}/collect", json={"board_id": board["id"]})
    assert await likes_received(bob, "alice") == 2

    assert (await alice.delete(f"/api/v1/boards/{board['id']}")).status_code == 403
    assert (await bob.delete(f"/api/v1/boards/{board['id']}")).status_code == 204

    assert (await bob.get(f"/api/v1/boards/{board['id']}")).status_code == 404
    for note_id in (note["id"], other["id"]):
        got = (await bob.get(f"/api/v1/notes/{note_id}")).json()
        assert got["counts"]["collects"] == 0
        assert got["viewer"]["collected"] is False
    assert await likes_received(bob, "alice") == 0


async def test_a_board_pages_past_notes_that_became_hidden(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, app: Any, db: AsyncSession
) -> None:
    notes = [await post_note(alice, runtime, title=f"Dish {n}") for n in range(5)]
    board = await make_board(bob, "Favourites")
    for collected in notes:
        await bob.post(f"/api/v1/notes/{collected['id']}/collect", json={"board_id": board["id"]})
    for hidden in (notes[4], notes[3], notes[1]):
        await alice.patch(f"/api/v1/notes/{hidden['id']}", json={"visibility": "private"})

    await make_user(db, username="carol")
    async with client_of(app, "carol") as carol:
        seen: list[str] = []
        cursor = None
        for _ in range(5):
            params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            page = (await carol.get(f"/api/v1/boards/{board['id']}", params=params)).json()
            seen += [card["id"] for card in page["notes"]["items"]]
            cursor = page["notes"]["next_cursor"]
            if cursor is None:
                break
    assert seen == [notes[2]["id"], notes[0]["id"]], "every note carol may see, newest collect first"


async def test_the_default_board_cannot_be_deleted(bob: httpx.AsyncClient, note: dict[str, Any]) -> None:
    default_id = (await bob.post(f"/api/v1/notes/{note['id']}/collect")).json()["board_id"]
    response = await bob.delete(f"/api/v1/boards/{default_id}")
    assert response.status_code == 409
    assert response.json()["error"]["reason"] == "default_board"
    assert await board_note_ids(bob, default_id) == [note["id"]]


async def test_board_names_are_checked(bob: httpx.AsyncClient) -> None:
    response = await bob.post("/api/v1/boards", json={"name": "n" * 21})
    assert response.status_code == 422
    assert (response.json()["error"]["field"], response.json()["error"]["reason"]) == ("name", "too_long")
    response = await bob.post("/api/v1/boards", json={"name": "   "})
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "empty"
    board = await make_board(bob, "成" * 20)
    assert board["name"] == "成" * 20


async def test_the_note_says_what_the_viewer_did_with_it(
    bob: httpx.AsyncClient, note: dict[str, Any], app: Any
) -> None:
    url = f"/api/v1/notes/{note['id']}"
    fresh = (await bob.get(url)).json()["viewer"]
    assert fresh == {"liked": False, "collected": False, "board_id": None}

    await bob.post(f"{url}/like")
    board = await make_board(bob, "Dinners")
    await bob.post(f"{url}/collect", json={"board_id": board["id"]})
    assert (await bob.get(url)).json()["viewer"] == {
        "liked": True,
        "collected": True,
        "board_id": board["id"],
    }

    async with visitor(app, "Safari") as anonymous:
        seen = (await anonymous.get(url)).json()
    assert seen["viewer"] == {"liked": False, "collected": False, "board_id": None}
    assert seen["counts"]["likes"] == seen["counts"]["collects"] == 1


# --- views -------------------------------------------------------------------------------------


async def test_a_member_counts_as_one_view_a_day(bob: httpx.AsyncClient, note: dict[str, Any]) -> None:
    for _ in range(2):
        assert (await bob.post(f"/api/v1/notes/{note['id']}/views")).status_code == 204
    assert (await counts(bob, note["id"]))["views"] == 1


async def test_the_author_looking_at_their_note_is_not_a_view(
    alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    assert (await alice.post(f"/api/v1/notes/{note['id']}/views")).status_code == 204
    assert (await counts(alice, note["id"]))["views"] == 0


async def test_visitors_with_different_browsers_count_separately(
    client: httpx.AsyncClient, note: dict[str, Any], app: Any
) -> None:
    for user_agent in ("Firefox/140", "Safari/18", "Firefox/140"):
        async with visitor(app, user_agent) as anonymous:
            assert (await anonymous.post(f"/api/v1/notes/{note['id']}/views")).status_code == 204
    assert (await counts(client, note["id"]))["views"] == 2


async def test_views_of_a_hidden_note_are_refused(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    hidden = await post_note(alice, runtime, visibility="private")
    assert (await bob.post(f"/api/v1/notes/{hidden['id']}/views")).status_code == 404
    assert (await counts(alice, hidden["id"]))["views"] == 0


# --- the liked tab -------------------------------------------------------------------------------


async def test_the_liked_tab_lists_the_latest_likes_first_and_hides_private_notes(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, app: Any, db: AsyncSession
) -> None:
    notes = [await post_note(alice, runtime, title=f"Dish {n}") for n in range(3)]
    for liked in (notes[1], notes[0], notes[2]):
        await bob.post(f"/api/v1/notes/{liked['id']}/like")

    tab = (await alice.get("/api/v1/users/bob/liked")).json()
    assert [card["id"] for card in tab["items"]] == [notes[2]["id"], notes[0]["id"], notes[1]["id"]]
    assert all(card["liked"] is False for card in tab["items"]), "alice has not liked them herself"

    await alice.patch(f"/api/v1/notes/{notes[0]['id']}", json={"visibility": "private"})
    await make_user(db, username="carol")
    async with client_of(app, "carol") as carol:
        tab = (await carol.get("/api/v1/users/bob/liked")).json()
    assert [card["id"] for card in tab["items"]] == [notes[2]["id"], notes[1]["id"]]
    mine = (await bob.get("/api/v1/users/bob/liked")).json()
    assert [card["id"] for card in mine["items"]] == [notes[2]["id"], notes[1]["id"]]
    assert all(card["liked"] is True for card in mine["items"])


async def test_the_liked_tab_pages_through_each_like_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    notes = [await post_note(alice, runtime, title=f"Dish {n}") for n in range(5)]
    for liked in notes:
        await bob.post(f"/api/v1/notes/{liked['id']}/like")
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await alice.get("/api/v1/users/bob/liked", params=params)).json()
        seen += [card["id"] for card in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [liked["id"] for liked in reversed(notes)]
