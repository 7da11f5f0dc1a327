"""Kept Following pages (cache.kept_pages, web.kept_reads): a page read again comes from the
cache, and whatever the reader or an author changes still shows at once.

Pages after the first are kept in both modes; first pages only where the timeline has a
stamp (distributed mode). Each test reads a first page and a later one (``limit=1``), so
both kinds are covered.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.feed import service
from potluck.feed.routes import following_key, stamp_key
from potluck.feed.timeline_redis import RedisTimelines
from potluck.notes.models import Note
from potluck.runtime import Runtime
from tests.feed.factories import follow, publish, user_id
from tests.social.factories import assert_error

FOLLOWING = "/api/v1/feed/following"


async def two_pages(client: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first two pages of one card each."""
    first = await client.get(FOLLOWING, params={"limit": 1})
    assert first.status_code == 200, first.text
    cursor = first.json()["next_cursor"]
    assert cursor is not None
    second = await client.get(FOLLOWING, params={"limit": 1, "cursor": cursor})
    assert second.status_code == 200, second.text
    return first.json(), second.json()


async def bob_posts_twice(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Alice follows Bob, who posts twice; Alice reads (and so keeps) both pages."""
    await follow(alice, runtime, db, "alice", "bob")
    older = await publish(bob, runtime, "Older")
    newer = await publish(bob, runtime, "Newer")
    first, second = await two_pages(alice)
    assert [first["items"][0]["title"], second["items"][0]["title"]] == ["Newer", "Older"]
    return older, newer


def keeps_first_pages(runtime: Runtime) -> bool:
    return isinstance(runtime.timelines, RedisTimelines)


async def test_a_page_read_again_comes_from_the_cache(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)
    before = await two_pages(alice)

    async def database_gone(*_args: Any, **_kwargs: Any) -> service.FeedPage:
        raise AssertionError("the endpoint was asked")

    monkeypatch.setattr(service, "following_page", database_gone)
    second = await alice.get(FOLLOWING, params={"limit": 1, "cursor": before[0]["next_cursor"]})
    assert second.status_code == 200
    assert second.json() == before[1]
    assert second.headers["content-type"] == "application/json"
    if keeps_first_pages(runtime):
        assert (await alice.get(FOLLOWING, params={"limit": 1})).json() == before[0]
    else:
        with pytest.raises(AssertionError, match="the endpoint was asked"):
            await alice.get(FOLLOWING, params={"limit": 1})


async def test_a_kept_page_answers_as_the_endpoint_does(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)
    first, second = await two_pages(alice)

    again = await two_pages(alice)

    assert again == (first, second)
    assert set(first["items"][0]) >= {"id", "title", "cover", "author", "likes", "liked", "url"}


async def test_the_readers_own_like_shows_at_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    older, newer = await bob_posts_twice(alice, bob, runtime, db)
    for note in (older, newer):
        assert (await alice.post(f"/api/v1/notes/{note['id']}/like")).status_code == 200

    first, second = await two_pages(alice)

    assert [(page["items"][0]["liked"], page["items"][0]["likes"]) for page in (first, second)] == [
        (True, 1),
        (True, 1),
    ]


async def test_one_readers_kept_page_is_never_anothers(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    older, newer = await bob_posts_twice(alice, bob, runtime, db)
    await follow(carol, runtime, db, "carol", "bob")
    for note in (older, newer):
        assert (await alice.post(f"/api/v1/notes/{note['id']}/like")).status_code == 200
    assert [page["items"][0]["liked"] for page in await two_pages(alice)] == [True, True]

    assert [page["items"][0]["liked"] for page in await two_pages(carol)] == [False, False]


@pytest.mark.parametrize("change", ["edit", "delete", "private"])
async def test_an_authors_change_to_a_note_shows_at_once(
    change: str, alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    older, newer = await bob_posts_twice(alice, bob, runtime, db)
    for note in (older, newer):
        path = f"/api/v1/notes/{note['id']}"
        if change == "delete":
            response = await bob.delete(path)
        elif change == "private":
            response = await bob.patch(path, json={"visibility": "private"})
        else:
            response = await bob.patch(path, json={"title": f"{note['title']}, edited"})
        assert response.status_code in (200, 204), response.text

    response = await alice.get(FOLLOWING, params={"limit": 1})
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == (["Newer, edited"] if change == "edit" else [])
    if change == "edit":
        second = await alice.get(FOLLOWING, params={"limit": 1, "cursor": response.json()["next_cursor"]})
        assert [item["title"] for item in second.json()["items"]] == ["Older, edited"]


async def test_a_kept_later_page_drops_a_note_deleted_since(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    older, _ = await bob_posts_twice(alice, bob, runtime, db)
    first, _ = await two_pages(alice)
    assert (await bob.delete(f"/api/v1/notes/{older['id']}")).status_code == 204

    second = await alice.get(FOLLOWING, params={"limit": 1, "cursor": first["next_cursor"]})

    assert second.json() == {"items": [], "next_cursor": None}


async def test_the_authors_new_name_shows_at_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)
    assert (await bob.patch("/api/v1/me", json={"display_name": "Bobby Tables"})).status_code == 200

    first, second = await two_pages(alice)

    assert [page["items"][0]["author"]["display_name"] for page in (first, second)] == ["Bobby Tables"] * 2


async def test_other_peoples_likes_may_show_a_little_later(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    """Counts on a kept page are as of when it was made (for up to half a minute)."""
    older, _ = await bob_posts_twice(alice, bob, runtime, db)
    first, _ = await two_pages(alice)
    assert (await carol.post(f"/api/v1/notes/{older['id']}/like")).status_code == 200

    second = await alice.get(FOLLOWING, params={"limit": 1, "cursor": first["next_cursor"]})
    assert second.json()["items"][0]["likes"] == 0

    # A fresh read (here: the note's own page) has the count at once.
    assert (await alice.get(f"/api/v1/notes/{older['id']}")).json()["counts"]["likes"] == 1


async def test_a_note_pushed_into_the_timeline_reaches_the_first_page_within_a_second(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)
    await two_pages(alice)  # the first page kept
    await alice.get(FOLLOWING, params={"limit": 1})  # answered from it: the stamp was read

    await publish(bob, runtime, "Newest")

    if keeps_first_pages(runtime):  # the stamp just read is trusted for a second
        soon = await alice.get(FOLLOWING, params={"limit": 1})
        assert [item["title"] for item in soon.json()["items"]] == ["Newer"]
        runtime.cache.decoded.drop(stamp_key(await user_id(db, "alice")))  # the second is over
    later = await alice.get(FOLLOWING, params={"limit": 1})
    assert [item["title"] for item in later.json()["items"]] == ["Newest"]


async def test_a_new_note_of_an_account_merged_when_read_arrives(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Notes of accounts over the fan-out limit are not pushed; a kept first page that has
    them merged in is dropped when they post."""
    if isinstance(runtime.timelines, RedisTimelines):
        monkeypatch.setattr(runtime.timelines, "max_followers", 0)  # Bob counts as large
    await bob_posts_twice(alice, bob, runtime, db)

    await publish(bob, runtime, "Newest")

    response = await alice.get(FOLLOWING, params={"limit": 1})
    assert [item["title"] for item in response.json()["items"]] == ["Newest"]


async def test_a_follow_brings_its_notes_into_kept_pages(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await publish(carol, runtime, "Carol's oldest")
    await bob_posts_twice(alice, bob, runtime, db)
    _, second = await two_pages(alice)
    third = {"limit": 1, "cursor": second["next_cursor"]}
    assert (await alice.get(FOLLOWING, params=third)).json()["items"] == []  # now kept

    await follow(alice, runtime, db, "alice", "carol")

    # Carol's note is older than both of Bob's: it comes after them.
    assert [item["title"] for item in (await alice.get(FOLLOWING, params=third)).json()["items"]] == [
        "Carol's oldest"
    ]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": "0"}, 422),
        ({"limit": "51"}, 422),
        ({"limit": "x"}, 422),
        ({"cursor": "not-a-cursor"}, 422),
        ({"limit": "1", "other": "1"}, 200),
    ],
)
async def test_unusual_parameters_are_judged_by_the_endpoint(
    params: dict[str, str],
    status: int,
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)

    response = await alice.get(FOLLOWING, params=params)

    assert response.status_code == status
    if status == 422:
        assert_error(response, 422, "invalid")


async def test_a_kept_page_is_not_shown_once_the_session_ends(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    await bob_posts_twice(alice, bob, runtime, db)
    assert (await alice.post("/api/v1/auth/logout")).status_code in (200, 204)

    response = await alice.get(FOLLOWING, params={"limit": 1})

    assert_error(response, 401, "not_authenticated")


async def test_counts_changed_behind_the_apps_back_wait_for_the_page_to_expire(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    """Only what the app marks reaches kept pages before they expire (a direct database
    change here stands for another person's like)."""
    older, _ = await bob_posts_twice(alice, bob, runtime, db)
    first, _ = await two_pages(alice)
    await db.execute(update(Note).where(Note.id == int(older["id"])).values(like_count=41))
    await db.commit()

    kept = await alice.get(FOLLOWING, params={"limit": 1, "cursor": first["next_cursor"]})
    assert kept.json()["items"][0]["likes"] == 0

    # As when the page's half minute is over:
    page_key = following_key(
        await user_id(db, "alice"), runtime.settings.default_locale, 1, first["next_cursor"]
    )
    await runtime.cache.delete(page_key)
    fresh = await alice.get(FOLLOWING, params={"limit": 1, "cursor": first["next_cursor"]})
    assert fresh.json()["items"][0]["likes"] == 41
