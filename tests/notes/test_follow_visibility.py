"""Who sees a note once people follow and block each other."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.notes.factories import post_note


async def status_of(client: httpx.AsyncClient, note_id: str) -> int:
    return (await client.get(f"/api/v1/notes/{note_id}")).status_code


async def listed(client: httpx.AsyncClient, username: str) -> list[str]:
    response = await client.get(f"/api/v1/users/{username}/notes")
    assert response.status_code == 200, response.text
    return [card["id"] for card in response.json()["items"]]


async def test_a_followers_note_shows_to_followers_and_only_while_they_follow(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, raw_client: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="For friends", visibility="followers")
    assert await status_of(bob, note["id"]) == 404
    assert note["id"] not in await listed(bob, "alice")

    assert (await bob.post("/api/v1/users/alice/follow")).json()["following"] is True
    assert await status_of(bob, note["id"]) == 200
    assert note["id"] in await listed(bob, "alice")
    assert await status_of(raw_client, note["id"]) == 404  # logged out: never

    await bob.delete("/api/v1/users/alice/follow")
    assert await status_of(bob, note["id"]) == 404
    assert note["id"] not in await listed(bob, "alice")


async def test_blocking_hides_notes_both_ways_and_unblocking_brings_public_ones_back(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    alices = await post_note(alice, runtime, title="Alice's")
    bobs = await post_note(bob, runtime, title="Bob's")
    assert await status_of(bob, alices["id"]) == 200

    assert (await bob.post("/api/v1/users/alice/block")).json()["blocking"] is True
    assert await status_of(bob, alices["id"]) == 404
    assert await status_of(alice, bobs["id"]) == 404
    # He blocked her: her profile shows him only its header, without her notes; to her,
    # his profile does not exist.
    assert (await bob.get("/api/v1/users/alice/notes")).json()["items"] == []
    assert (await alice.get("/api/v1/users/bob/notes")).status_code == 404
    assert (await alice.post(f"/api/v1/notes/{bobs['id']}/like")).status_code == 404

    await bob.delete("/api/v1/users/alice/block")
    assert await status_of(bob, alices["id"]) == 200
    assert alices["id"] in await listed(bob, "alice")
    assert await status_of(alice, bobs["id"]) == 200


async def test_a_follow_ended_by_a_block_hides_followers_notes(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="Close friends", visibility="followers")
    await bob.post("/api/v1/users/alice/follow")
    assert await status_of(bob, note["id"]) == 200

    await alice.post("/api/v1/users/bob/block")
    await alice.delete("/api/v1/users/bob/block")
    # The block ended the follow, and unblocking does not bring it back.
    assert await status_of(bob, note["id"]) == 404
    relationship: dict[str, Any] = (await bob.get("/api/v1/users/alice/relationship")).json()
    assert relationship["following"] is False


async def test_comments_of_someone_blocked_either_way_are_hidden_and_come_back(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="Street food")
    url = f"/api/v1/notes/{note['id']}/comments"
    bobs = (await bob.post(url, json={"body": "Where is this?"})).json()
    await carol.post(url, json={"body": "Looks great"})
    await carol.post(url, json={"body": "Near the station", "reply_to": bobs["id"]})
    await alice.put(f"/api/v1/notes/{note['id']}/pin", json={"comment_id": bobs["id"]})

    def bodies(page: dict[str, Any]) -> list[str]:
        return [c["body"] for c in page["items"]] + [r["body"] for c in page["items"] for r in c["replies"]]

    async def seen_by(client: httpx.AsyncClient) -> list[str]:
        read = (await client.get(f"/api/v1/notes/{note['id']}")).json()["comments"]
        listed = (await client.get(url)).json()
        assert bodies(read) == bodies(listed)
        return sorted(bodies(read))

    everything = ["Looks great", "Near the station", "Where is this?"]
    assert await seen_by(alice) == sorted(everything)

    await carol.post("/api/v1/users/bob/block")  # carol blocks bob
    # His pinned comment goes for her, and with it the thread her reply is in.
    assert await seen_by(carol) == ["Looks great"]
    assert await seen_by(bob) == ["Where is this?"]
    assert await seen_by(alice) == sorted(everything)  # others see everyone
    replies = await bob.get(f"/api/v1/comments/{bobs['id']}/replies")
    assert replies.json()["items"] == []

    await carol.delete("/api/v1/users/bob/block")
    assert await seen_by(bob) == sorted(everything)
