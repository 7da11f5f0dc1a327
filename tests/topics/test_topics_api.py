"""A topic through the API: finding it whatever the spelling, its counts, its notes hot
and new, who sees which notes."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.time import utcnow
from potluck.notes.models import Note
from potluck.runtime import Runtime
from tests.notes.factories import post_note
from tests.social.factories import act, assert_error, follow
from tests.topics.helpers import (
    note_titles,
    published_ago,
    refresh_all_totals,
    refresh_totals,
    tagged,
    topic,
)


async def test_a_topic_is_found_whatever_its_case_width_or_hash(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Hello", "#TikTokRefugee")

    found = await topic(onlooker, "TikTokRefugee")
    assert found["name"] == "TikTokRefugee"
    assert found["url"] == "/topics/TikTokRefugee"
    assert found["followed"] is False
    assert found["counts"]["notes"] == 1  # counted at once, before the jobs first run
    for spelling in ("tiktokrefugee", "TIKTOKREFUGEE", "ＴｉｋＴｏｋＲｅｆｕｇｅｅ", "%23TikTokRefugee"):
        assert (await topic(onlooker, spelling))["id"] == found["id"], spelling


async def test_chinese_topics_and_unknown_ones(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "火锅", "去吃了#成都美食#真香")
    assert (await topic(onlooker, "成都美食"))["name"] == "成都美食"

    assert_error(await onlooker.get("/api/v1/topics/nobody-wrote-this"), 404, "not_found", "no_topic")
    assert_error(await onlooker.get("/api/v1/topics/%23%23"), 404, "not_found", "no_topic")


async def test_counts_are_those_of_public_notes_once_the_job_ran(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    first = await tagged(alice, runtime, "Cat one", "#cats")
    second = await tagged(alice, runtime, "Cat two", "#cats")
    await tagged(alice, runtime, "Secret cat", "#cats", visibility="private")
    await tagged(alice, runtime, "Friends cat", "#cats", visibility="followers")
    await tagged(alice, runtime, "Draft cat", "#cats", draft=True)
    assert (await bob.post(f"/api/v1/notes/{first}/comments", json={"body": "So cute"})).status_code == 201
    assert (await bob.post(f"/api/v1/notes/{second}/comments", json={"body": "Aww"})).status_code == 201
    assert (await bob.post(f"/api/v1/notes/{first}/views")).status_code == 204
    assert (await bob.post(f"/api/v1/notes/{first}/like")).status_code == 200

    await refresh_totals(runtime)

    counts = (await topic(onlooker, "cats"))["counts"]
    assert counts == {"notes": 2, "views": 1, "comments": 2, "likes": 1, "collects": 0, "followers": 0}

    # A deletion leaves no changed note behind: the hourly sweep finds it.
    assert (await alice.delete(f"/api/v1/notes/{second}")).status_code == 204
    await refresh_all_totals(runtime)
    counts = (await topic(onlooker, "cats"))["counts"]
    assert (counts["notes"], counts["comments"], counts["views"]) == (1, 1, 1)


async def test_a_topic_shows_only_the_notes_the_reader_may_read(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    runtime: Runtime,
) -> None:
    await tagged(alice, runtime, "Alice public", "#dumplings")
    await tagged(alice, runtime, "Alice friends", "#dumplings", visibility="followers")
    await tagged(alice, runtime, "Alice private", "#dumplings", visibility="private")
    await tagged(carol, runtime, "Carol public", "#Dumplings")

    assert await note_titles(onlooker, "dumplings", sort="new") == ["Carol public", "Alice public"]
    assert await note_titles(bob, "dumplings", sort="new") == ["Carol public", "Alice public"]
    await follow(bob, "alice")
    assert await note_titles(bob, "dumplings", sort="new") == [
        "Carol public",
        "Alice friends",
        "Alice public",
    ]
    assert set(await note_titles(alice, "dumplings", sort="new")) == {
        "Carol public",
        "Alice private",
        "Alice friends",
        "Alice public",
    }

    await act(bob, "POST", "alice/block")
    assert await note_titles(bob, "dumplings", sort="new") == ["Carol public"]
    assert await note_titles(bob, "dumplings", sort="hot") == ["Carol public"]
    await tagged(bob, runtime, "Bob public", "#dumplings")
    assert "Bob public" not in await note_titles(alice, "dumplings")  # the other way round too
    assert "Bob public" in await note_titles(carol, "dumplings")


async def test_hot_weighs_engagement_against_age_and_new_is_newest_first(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    db: AsyncSession,
    runtime: Runtime,
) -> None:
    loved = await tagged(alice, runtime, "Loved", "#noodles")
    await tagged(alice, runtime, "Quiet", "#noodles")
    await tagged(alice, runtime, "Newest", "#noodles")
    for reader in (bob, carol):
        assert (await reader.post(f"/api/v1/notes/{loved}/like")).status_code == 200
    assert (await bob.post(f"/api/v1/notes/{loved}/comments", json={"body": "Recipe?"})).status_code == 201

    assert await note_titles(bob, "noodles", sort="new") == ["Newest", "Quiet", "Loved"]
    assert await note_titles(bob, "noodles", sort="hot") == ["Loved", "Newest", "Quiet"]
    assert await note_titles(bob, "noodles") == ["Loved", "Newest", "Quiet"]  # hot is the default
    # The same once the jobs have stored the scores (new notes are scored when read).
    await refresh_totals(runtime)
    assert await note_titles(bob, "noodles", sort="hot") == ["Loved", "Newest", "Quiet"]

    # Five points of engagement are worth a few hours, not three days.
    await published_ago(db, loved, timedelta(days=3))
    await refresh_totals(runtime)
    assert await note_titles(bob, "noodles", sort="hot") == ["Newest", "Quiet", "Loved"]


async def test_both_sorts_page_with_a_cursor(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    # Some scored by the jobs, some too new for them: Hot merges both without repeats.
    ids = [await tagged(alice, runtime, f"Bao {number}", "#bao") for number in range(3)]
    await refresh_totals(runtime)
    ids += [await tagged(alice, runtime, f"Bao {number}", "#bao") for number in range(3, 5)]
    assert (await bob.post(f"/api/v1/notes/{ids[1]}/like")).status_code == 200
    assert (await bob.post(f"/api/v1/notes/{ids[4]}/like")).status_code == 200
    for sort in ("hot", "new"):
        whole = await note_titles(bob, "bao", sort=sort, limit=10)
        seen: list[str] = []
        cursor = None
        while True:
            params = {"sort": sort, "limit": 2} | ({"cursor": cursor} if cursor else {})
            body = (await bob.get("/api/v1/topics/bao/notes", params=params)).json()
            seen += [card["title"] for card in body["items"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert seen == whole, sort
        assert len(seen) == 5

    for cursor in ("nonsense", "1-2-3", "-5", "99999999999999999999-1"):
        response = await bob.get("/api/v1/topics/bao/notes", params={"sort": "new", "cursor": cursor})
        assert_error(response, 422, "invalid", "invalid_cursor")
    assert (await bob.get("/api/v1/topics/bao/notes", params={"sort": "best"})).status_code == 422


async def test_cards_carry_what_a_grid_shows(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="Latte art", body="#coffee every day")
    card = (await onlooker.get("/api/v1/topics/coffee/notes")).json()["items"][0]
    assert card["id"] == note["id"]
    assert card["author"]["username"] == "alice"
    assert card["cover"] is not None
    assert card["url"] == f"/notes/{note['id']}"


async def test_engagement_on_an_old_note_reaches_its_topic_within_the_minute(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    db: AsyncSession,
    runtime: Runtime,
) -> None:
    note_id = await tagged(alice, runtime, "Old favourite", "#classics")
    await refresh_totals(runtime)
    # Last touched long ago: only what happens now can bring it into the next run.
    await db.execute(
        update(Note).where(Note.id == int(note_id)).values(updated_at=utcnow() - timedelta(days=30))
    )
    await db.commit()
    assert (await bob.post(f"/api/v1/notes/{note_id}/like")).status_code == 200
    assert (await bob.post(f"/api/v1/notes/{note_id}/views")).status_code == 204

    await refresh_totals(runtime)
    counts = (await topic(onlooker, "classics"))["counts"]
    assert (counts["notes"], counts["likes"], counts["views"]) == (1, 1, 1)


async def test_a_topic_taken_out_of_a_note_leaves_its_lists_and_counts(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    note_id = await tagged(alice, runtime, "Ramen", "#ramen #noodles")
    await refresh_totals(runtime)
    assert await note_titles(onlooker, "ramen") == ["Ramen"]
    assert (await topic(onlooker, "ramen"))["counts"]["notes"] == 1

    assert (
        await alice.patch(f"/api/v1/notes/{note_id}", json={"body": "Only #noodles now"})
    ).status_code == 200
    await refresh_totals(runtime)
    assert await note_titles(onlooker, "ramen", sort="hot") == []
    assert await note_titles(onlooker, "ramen", sort="new") == []
    assert (await topic(onlooker, "ramen"))["counts"]["notes"] == 0
    assert (await topic(onlooker, "noodles"))["counts"]["notes"] == 1
