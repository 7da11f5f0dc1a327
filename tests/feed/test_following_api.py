"""The Following feed through the API, on both timeline implementations: what a reader
sees of the accounts they follow, in what order, and what never shows."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.feed.factories import fan_out, feed, follow, publish, whole_feed
from tests.social.factories import assert_error


async def test_notes_of_followed_accounts_newest_first(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    await publish(bob, runtime, "Bob's first")
    await publish(carol, runtime, "Carol, not followed")
    await publish(alice, runtime, "Alice's own")
    await publish(bob, runtime, "Bob's second")

    titles, cursor = await feed(alice)

    assert titles == ["Bob's second", "Bob's first"]
    assert cursor is None


async def test_a_note_published_after_the_first_read_arrives(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    """In distributed mode the first read builds the timeline; later notes get there only
    by fan-out."""
    await follow(alice, runtime, db, "alice", "bob")
    await publish(bob, runtime, "Before")
    assert (await feed(alice))[0] == ["Before"]

    await publish(bob, runtime, "After")

    assert (await feed(alice))[0] == ["After", "Before"]


async def test_pages_cover_every_note_once(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    await follow(alice, runtime, db, "alice", "carol")
    titles = [f"Note {n}" for n in range(7)]
    for n, title in enumerate(titles):
        await publish(bob if n % 2 else carol, runtime, title)

    assert await whole_feed(alice, limit=3) == list(reversed(titles))


async def test_notes_from_before_a_follow_show_up(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    await publish(carol, runtime, "Carol's older note")
    await publish(bob, runtime, "Bob's note")
    assert (await feed(alice))[0] == ["Bob's note"]

    await follow(alice, runtime, db, "alice", "carol")

    assert (await feed(alice))[0] == ["Bob's note", "Carol's older note"]


async def test_followers_only_notes_show_private_and_drafts_never(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    await publish(bob, runtime, "For followers", visibility="followers")
    await publish(bob, runtime, "Only me", visibility="private")
    await publish(bob, runtime, "A draft", draft=True)

    assert (await feed(alice))[0] == ["For followers"]


async def test_a_note_made_visible_later_reaches_followers(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    assert (await feed(alice))[0] == []
    note = await publish(bob, runtime, "Shy at first", visibility="private")

    response = await bob.patch(f"/api/v1/notes/{note['id']}", json={"visibility": "public"})
    assert response.status_code == 200, response.text
    await fan_out(runtime, note["id"])  # the edit queued a fan-out; run it as a worker would

    assert (await feed(alice))[0] == ["Shy at first"]


@pytest.mark.parametrize("action", ["unfollow", "mute", "block"])
async def test_unfollowed_muted_or_blocked_accounts_leave_the_feed(
    action: str,
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    await follow(alice, runtime, db, "alice", "carol")
    await publish(bob, runtime, "From Bob")
    await publish(carol, runtime, "From Carol")
    assert (await feed(alice))[0] == ["From Carol", "From Bob"]

    method, path = {"unfollow": ("DELETE", "follow"), "mute": ("POST", "mute"), "block": ("POST", "block")}[
        action
    ]
    response = await alice.request(method, f"/api/v1/users/bob/{path}")
    assert response.status_code == 200, response.text

    assert (await feed(alice))[0] == ["From Carol"]


async def test_deleted_notes_leave_the_feed(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    gone = await publish(bob, runtime, "Deleted soon")
    await publish(bob, runtime, "Stays")
    assert (await feed(alice))[0] == ["Stays", "Deleted soon"]

    assert (await bob.delete(f"/api/v1/notes/{gone['id']}")).status_code == 204

    assert (await feed(alice))[0] == ["Stays"]


async def test_hidden_notes_do_not_shorten_pages(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    """Entries of a muted account are skipped and the page is filled from further back."""
    await follow(alice, runtime, db, "alice", "bob")
    await follow(alice, runtime, db, "alice", "carol")
    await publish(carol, runtime, "Carol 1")
    await publish(carol, runtime, "Carol 2")
    for n in range(6):
        await publish(bob, runtime, f"Bob {n}")
    assert (await alice.post("/api/v1/users/bob/mute")).status_code == 200

    titles, _ = await feed(alice, limit=2)

    assert titles == ["Carol 2", "Carol 1"]


async def test_cards_carry_what_the_grid_shows(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await follow(alice, runtime, db, "alice", "bob")
    note = await publish(bob, runtime, "With a cover")
    assert (await alice.post(f"/api/v1/notes/{note['id']}/like")).status_code == 200

    card = (await alice.get("/api/v1/feed/following")).json()["items"][0]

    assert card["id"] == note["id"]
    assert card["author"]["username"] == "bob"
    assert card["cover"]["status"] == "ready"
    assert (card["likes"], card["liked"]) == (1, True)
    assert card["url"] == f"/notes/{note['id']}"


async def test_the_feed_needs_a_log_in(raw_client: httpx.AsyncClient) -> None:
    assert_error(await raw_client.get("/api/v1/feed/following"), 401, "not_authenticated")


@pytest.mark.parametrize("cursor", ["abc", "12", "1.x", "9" * 30 + ".1"])
async def test_a_broken_cursor_is_a_clear_error(alice: httpx.AsyncClient, cursor: str) -> None:
    response = await alice.get("/api/v1/feed/following", params={"cursor": cursor})
    assert_error(response, 422, "invalid")
