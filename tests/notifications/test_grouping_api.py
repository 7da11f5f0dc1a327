"""Likes, collects and follows come grouped, with exact counts however people click."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import make_user
from tests.notes.factories import client_of
from tests.notifications.helpers import like, notifications, texts, unread
from tests.social.factories import act, follow


async def test_likes_of_one_note_are_one_line_with_the_newest_liker_first(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    dave: httpx.AsyncClient,
    note: dict[str, Any],
) -> None:
    await like(bob, note["id"])
    assert await texts(alice) == ["bob liked your note"]
    await like(carol, note["id"])
    await like(dave, note["id"])

    [item] = await notifications(alice)
    assert item["kind"] == "note_like"
    assert item["group"] == "likes_collects"
    assert item["text"] == "dave and 2 others liked your note"
    assert item["actor_count"] == 3
    assert [actor["username"] for actor in item["actors"]] == ["dave", "carol", "bob"]
    assert item["note"]["id"] == note["id"]
    assert item["note"]["title"] == "Hotpot night"
    assert item["note"]["cover_url"]
    assert item["read"] is False
    assert item["url"] == f"/notes/{note['id']}"


async def test_an_undone_like_leaves_the_group_and_liking_again_counts_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await like(carol, note["id"])
    await like(bob, note["id"], liked=False)
    assert await texts(alice) == ["carol liked your note"]

    for _ in range(3):  # like, unlike, like, ... and a double click
        await like(bob, note["id"])
        await like(bob, note["id"], liked=False)
    await like(bob, note["id"])
    await like(bob, note["id"])
    [item] = await notifications(alice)
    assert item["actor_count"] == 2
    assert item["text"] == "bob and 1 other liked your note"


async def test_when_everyone_unlikes_the_line_goes_and_is_not_counted(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await like(bob, note["id"], liked=False)
    assert await notifications(alice) == []
    assert (await unread(alice))["total"] == 0


async def test_nobody_is_told_about_their_own_likes(alice: httpx.AsyncClient, note: dict[str, Any]) -> None:
    await like(alice, note["id"])
    response = await alice.post(f"/api/v1/notes/{note['id']}/collect", json={})
    assert response.status_code == 200, response.text
    assert await notifications(alice) == []
    assert (await unread(alice))["total"] == 0


async def test_collects_are_grouped_apart_from_likes_and_uncollecting_takes_them_back(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    for person in (bob, carol):
        response = await person.post(f"/api/v1/notes/{note['id']}/collect", json={})
        assert response.status_code == 200, response.text
    await like(bob, note["id"])
    assert sorted(await texts(alice)) == ["bob liked your note", "carol and 1 other collected your note"]

    response = await carol.delete(f"/api/v1/notes/{note['id']}/collect")
    assert response.status_code == 200, response.text
    assert sorted(await texts(alice)) == ["bob collected your note", "bob liked your note"]


async def test_deleting_a_board_takes_its_collects_out_of_the_group(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    response = await bob.post("/api/v1/boards", json={"name": "Hotpot"})
    assert response.status_code == 201, response.text
    board_id = response.json()["id"]
    response = await bob.post(f"/api/v1/notes/{note['id']}/collect", json={"board_id": board_id})
    assert response.status_code == 200, response.text
    assert await texts(alice) == ["bob collected your note"]

    response = await bob.delete(f"/api/v1/boards/{board_id}")
    assert response.status_code == 204, response.text
    assert await notifications(alice) == []


async def test_likes_of_a_comment_are_grouped_with_its_words(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    response = await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "Which restaurant?"})
    comment_id = response.json()["id"]
    for person in (alice, carol):
        response = await person.post(f"/api/v1/comments/{comment_id}/like")
        assert response.status_code == 200, response.text

    [item] = await notifications(bob)
    assert item["kind"] == "comment_like"
    assert item["text"] == "carol and 1 other liked your comment"
    assert item["comment"] == {"id": comment_id, "snippet": "Which restaurant?"}
    assert item["note"]["id"] == note["id"]
    assert item["url"] == f"/notes/{note['id']}#comment-{comment_id}"

    response = await carol.delete(f"/api/v1/comments/{comment_id}/like")
    assert response.status_code == 200, response.text
    assert await texts(bob) == ["alice liked your comment"]


async def test_new_followers_are_grouped_and_an_unfollow_leaves(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, dave: httpx.AsyncClient
) -> None:
    for person in (bob, carol, dave):
        await follow(person, "alice")
    [item] = await notifications(alice)
    assert item["kind"] == "follow"
    assert item["text"] == "dave and 2 others started following you"
    assert item["note"] is None
    assert item["url"] == "/@dave"

    await act(carol, "DELETE", "alice/follow")
    await follow(carol, "alice")  # following again does not count twice
    await act(dave, "DELETE", "alice/follow")
    assert await texts(alice) == ["carol and 1 other started following you"]


async def test_a_note_with_many_likes_reads_its_count_from_the_row(
    alice: httpx.AsyncClient, app: Any, db: AsyncSession, note: dict[str, Any]
) -> None:
    """Names shown are the newest three; the count covers everyone."""
    names = [f"fan{n}" for n in range(5)]
    for name in names:
        await make_user(db, username=name)
        async with client_of(app, name) as fan:
            await like(fan, note["id"])
    [item] = await notifications(alice)
    assert item["actor_count"] == 5
    assert [actor["username"] for actor in item["actors"]] == ["fan4", "fan3", "fan2"]
    assert item["text"] == "fan4 and 4 others liked your note"
