"""Reading notifications: pages, tabs, unread counts and marking read."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from tests.notifications.helpers import comment, like, mark_read, notifications, texts, unread
from tests.social.factories import assert_error, follow

NO_UNREAD = {"likes_collects": 0, "comments_mentions": 0, "follows": 0}


async def test_pages_follow_each_other_without_gaps_or_repeats(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    written = [await comment(bob, note["id"], f"Comment {n}") for n in range(5)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        response = await alice.get("/api/v1/notifications", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [item["comment"]["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(written)), "newest first, each once"
    assert pages == 3


async def test_tabs_filter_by_kind(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await comment(carol, note["id"], "Yum")
    await follow(carol, "alice")
    assert await texts(alice, kind="likes_collects") == ["bob liked your note"]
    assert await texts(alice, kind="comments_mentions") == ["carol commented on your note"]
    assert await texts(alice, kind="follows") == ["carol started following you"]
    assert await texts(alice) == [
        "carol started following you",
        "carol commented on your note",
        "bob liked your note",
    ]
    assert await unread(alice) == {
        "total": 3,
        "groups": {"likes_collects": 1, "comments_mentions": 1, "follows": 1},
    }


async def test_marking_a_tab_read_leaves_the_others(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await comment(bob, note["id"], "Yum")
    counts = await mark_read(alice, group="likes_collects")
    assert counts == {"total": 1, "groups": {**NO_UNREAD, "comments_mentions": 1}}
    assert await unread(alice) == counts
    [liked] = await notifications(alice, kind="likes_collects")
    assert liked["read"] is True

    assert await mark_read(alice) == {"total": 0, "groups": NO_UNREAD}
    assert all(item["read"] for item in await notifications(alice))


async def test_marking_some_by_id_or_up_to_a_position(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    for n in range(4):
        await comment(bob, note["id"], f"Comment {n}")
    items = await notifications(alice)
    await mark_read(alice, ids=[items[1]["id"]])
    assert [item["read"] for item in await notifications(alice)] == [False, True, False, False]

    page = (await alice.get("/api/v1/notifications", params={"limit": 3})).json()
    assert (await mark_read(alice, up_to=page["next_cursor"]))["total"] == 1, "the third and older"
    assert [item["read"] for item in await notifications(alice)] == [False, True, True, True]


async def test_a_new_like_after_reading_brings_the_group_back_unread_and_on_top(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await comment(bob, note["id"], "Yum")
    await mark_read(alice)
    await like(carol, note["id"])
    items = await notifications(alice)
    assert [(item["text"], item["read"]) for item in items] == [
        ("carol and 1 other liked your note", False),
        ("bob commented on your note", True),
    ]
    assert (await unread(alice))["total"] == 1


async def test_a_deleted_note_takes_its_notifications_with_it(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await comment(bob, note["id"], "Yum")
    response = await alice.delete(f"/api/v1/notes/{note['id']}")
    assert response.status_code == 204, response.text
    assert await notifications(alice) == []
    assert (await unread(alice))["total"] == 0


async def test_a_suspended_actor_is_not_shown(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    note: dict[str, Any],
    db: AsyncSession,
) -> None:
    await like(bob, note["id"])
    await like(carol, note["id"])
    await comment(carol, note["id"], "Buy cheap watches")
    await db.execute(update(User).where(User.username == "carol").values(is_suspended=True))
    await db.commit()
    items = await notifications(alice)
    assert [item["text"] for item in items] == ["bob and 1 other liked your note"]
    assert [actor["username"] for actor in items[0]["actors"]] == ["bob"]


async def test_bad_requests_get_clear_errors(alice: httpx.AsyncClient, onlooker: httpx.AsyncClient) -> None:
    assert_error(await alice.get("/api/v1/notifications", params={"kind": "gossip"}), 422, "invalid")
    assert_error(await alice.get("/api/v1/notifications", params={"cursor": "yesterday"}), 422, "invalid")
    assert_error(await alice.post("/api/v1/notifications/read", json={"ids": ["x"]}), 422, "invalid")
    assert_error(await alice.post("/api/v1/notifications/read", json={"up_to": "soon"}), 422, "invalid")
    response = await onlooker.get("/api/v1/notifications")
    assert response.status_code == 401, response.text
    response = await onlooker.get("/api/v1/notifications/unread-count")
    assert response.status_code == 401, response.text


async def test_nobody_reads_or_marks_anyone_elses(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    [item] = await notifications(alice)
    assert await notifications(bob) == []
    await mark_read(bob, ids=[item["id"]])
    assert (await unread(alice))["total"] == 1
