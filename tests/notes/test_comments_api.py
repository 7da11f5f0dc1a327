"""Comments on notes: threads two levels deep, pins, likes, deleting, paging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from potluck.runtime import Runtime
from potluck.settings import Settings
from tests.conftest import make_settings
from tests.notes.factories import post_note


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    # Some tests write more comments than one person may in a minute.
    return make_settings(tmp_path / "var", database_url, redis_url, rate_limit_comment="1000/minute")


async def comment(
    client: httpx.AsyncClient, note_id: str, body: str, reply_to: str | None = None
) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/notes/{note_id}/comments", json={"body": body, "reply_to": reply_to}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def first_page(client: httpx.AsyncClient, note_id: str, **params: Any) -> dict[str, Any]:
    response = await client.get(f"/api/v1/notes/{note_id}/comments", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def comment_count(client: httpx.AsyncClient, note_id: str) -> int:
    return int((await client.get(f"/api/v1/notes/{note_id}")).json()["counts"]["comments"])


# --- threads -------------------------------------------------------------------------------------


async def test_replies_to_replies_stay_in_one_thread_naming_whom_they_answer(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    top = await comment(bob, note["id"], "Where is this?")
    assert top["reply_to"] is None
    answer = await comment(alice, note["id"], "Chengdu!", reply_to=top["id"])
    assert answer["reply_to"]["username"] == "bob"
    follow_up = await comment(carol, note["id"], "Which street?", reply_to=answer["id"])
    assert follow_up["reply_to"]["username"] == "alice"

    page = await first_page(carol, note["id"])
    assert [item["id"] for item in page["items"]] == [top["id"]], "one thread"
    thread = page["items"][0]
    assert thread["reply_count"] == 2
    assert [(reply["body"], reply["reply_to"]["username"]) for reply in thread["replies"]] == [
        ("Chengdu!", "bob"),
        ("Which street?", "alice"),
    ]
    assert await comment_count(carol, note["id"]) == 3, "replies count on the note"


async def test_the_first_page_shows_two_replies_and_the_rest_page_in_order(
    bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    top = await comment(bob, note["id"], "Recipe please")
    replies = [(await comment(carol, note["id"], f"reply {n}", reply_to=top["id"]))["id"] for n in range(7)]

    thread = (await first_page(bob, note["id"]))["items"][0]
    assert thread["reply_count"] == 7
    shown = [reply["id"] for reply in thread["replies"]]
    assert shown == replies[:2]

    seen = list(shown)
    cursor: str | None = shown[-1]
    while cursor is not None:
        response = await bob.get(
            f"/api/v1/comments/{top['id']}/replies", params={"cursor": cursor, "limit": 2}
        )
        assert response.status_code == 200, response.text
        seen += [reply["id"] for reply in response.json()["items"]]
        cursor = response.json()["next_cursor"]
    assert seen == replies


# --- pins ----------------------------------------------------------------------------------------


async def test_the_author_pins_one_top_level_comment(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    oldest = await comment(bob, note["id"], "First!")
    other = await comment(carol, note["id"], "Second")
    newest = await comment(carol, note["id"], "Third")
    reply = await comment(alice, note["id"], "Thanks", reply_to=oldest["id"])
    pin_url = f"/api/v1/notes/{note['id']}/pin"

    assert (await bob.put(pin_url, json={"comment_id": oldest["id"]})).status_code == 403
    response = await alice.put(pin_url, json={"comment_id": reply["id"]})
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "reply"

    assert (await alice.put(pin_url, json={"comment_id": oldest["id"]})).status_code == 204
    items = (await first_page(carol, note["id"]))["items"]
    assert [(item["id"], item["pinned"]) for item in items] == [
        (oldest["id"], True),
        (newest["id"], False),
        (other["id"], False),
    ]
    assert (await carol.get(f"/api/v1/notes/{note['id']}")).json()["pinned_comment_id"] == oldest["id"]

    assert (await alice.put(pin_url, json={"comment_id": other["id"]})).status_code == 204
    items = (await first_page(carol, note["id"]))["items"]
    assert [(item["id"], item["pinned"]) for item in items] == [
        (other["id"], True),
        (newest["id"], False),
        (oldest["id"], False),
    ]

    assert (await alice.put(pin_url, json={"comment_id": None})).status_code == 204
    items = (await first_page(carol, note["id"]))["items"]
    assert [item["id"] for item in items] == [newest["id"], other["id"], oldest["id"]]
    assert not any(item["pinned"] for item in items)


async def test_a_comment_of_another_note_cannot_be_pinned(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, note: dict[str, Any]
) -> None:
    elsewhere = await post_note(alice, runtime, title="Elsewhere")
    stray = await comment(bob, elsewhere["id"], "Over here")
    response = await alice.put(f"/api/v1/notes/{note['id']}/pin", json={"comment_id": stray["id"]})
    assert response.status_code == 404


# --- likes ---------------------------------------------------------------------------------------


async def test_liking_a_comment_twice_counts_once(
    bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    said = await comment(bob, note["id"], "So good")
    url = f"/api/v1/comments/{said['id']}/like"
    for _ in range(2):
        response = await carol.post(url)
        assert response.status_code == 200, response.text
        assert (response.json()["likes"], response.json()["liked"]) == (1, True)
    assert (await first_page(carol, note["id"]))["items"][0]["liked"] is True
    assert (await first_page(bob, note["id"]))["items"][0]["liked"] is False
    for _ in range(2):
        response = await carol.delete(url)
        assert (response.json()["likes"], response.json()["liked"]) == (0, False)


# --- deleting ------------------------------------------------------------------------------------


async def test_people_delete_their_own_comments_and_the_author_any_on_the_note(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    bobs = await comment(bob, note["id"], "bob was here")
    carols = await comment(carol, note["id"], "carol too")
    another = await comment(carol, note["id"], "and again")

    response = await bob.delete(f"/api/v1/comments/{carols['id']}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"

    assert (await bob.delete(f"/api/v1/comments/{bobs['id']}")).status_code == 204
    assert (await alice.delete(f"/api/v1/comments/{carols['id']}")).status_code == 204
    items = (await first_page(bob, note["id"]))["items"]
    assert [item["id"] for item in items] == [another["id"]]
    assert await comment_count(bob, note["id"]) == 1
    assert (await bob.delete(f"/api/v1/comments/{bobs['id']}")).status_code == 404


async def test_deleting_a_top_level_comment_takes_its_replies(
    bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    doomed = await comment(bob, note["id"], "hot take")
    for n in range(3):
        await comment(carol, note["id"], f"disagree {n}", reply_to=doomed["id"])
    survivor = await comment(carol, note["id"], "unrelated")
    kept_reply = await comment(bob, note["id"], "agreed", reply_to=survivor["id"])
    assert await comment_count(bob, note["id"]) == 6

    assert (await bob.delete(f"/api/v1/comments/{doomed['id']}")).status_code == 204
    assert await comment_count(bob, note["id"]) == 2
    items = (await first_page(bob, note["id"]))["items"]
    assert [item["id"] for item in items] == [survivor["id"]]
    assert [reply["id"] for reply in items[0]["replies"]] == [kept_reply["id"]]

    assert (await bob.delete(f"/api/v1/comments/{kept_reply['id']}")).status_code == 204
    assert await comment_count(bob, note["id"]) == 1
    assert (await first_page(bob, note["id"]))["items"][0]["reply_count"] == 0


async def test_deleting_the_pinned_comment_unpins_it(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    pinned = await comment(bob, note["id"], "pin me")
    await alice.put(f"/api/v1/notes/{note['id']}/pin", json={"comment_id": pinned["id"]})
    assert (await bob.delete(f"/api/v1/comments/{pinned['id']}")).status_code == 204
    assert (await bob.get(f"/api/v1/notes/{note['id']}")).json()["pinned_comment_id"] is None
    assert (await first_page(bob, note["id"]))["items"] == []


# --- what may be said, and where ---------------------------------------------------------------


@pytest.mark.parametrize(("body", "reason"), [("", "empty"), ("  \n\t ", "empty"), ("字" * 501, "too_long")])
async def test_empty_and_overlong_comments_are_refused(
    bob: httpx.AsyncClient, note: dict[str, Any], body: str, reason: str
) -> None:
    response = await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": body})
    assert response.status_code == 422
    assert (response.json()["error"]["field"], response.json()["error"]["reason"]) == ("body", reason)
    assert await comment_count(bob, note["id"]) == 0


async def test_five_hundred_characters_are_fine(bob: httpx.AsyncClient, note: dict[str, Any]) -> None:
    assert (await comment(bob, note["id"], "字" * 500))["body"] == "字" * 500


async def test_hostile_html_in_a_comment_is_kept_as_typed(
    bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    body = "<script>alert('hi')</script><a href=javascript:alert(1)>click</a>"
    assert (await comment(bob, note["id"], body))["body"] == body
    assert (await first_page(carol, note["id"]))["items"][0]["body"] == body


async def test_notes_you_cannot_see_cannot_be_commented_on(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    hidden = await post_note(alice, runtime, visibility="private")
    url = f"/api/v1/notes/{hidden['id']}/comments"
    assert (await bob.post(url, json={"body": "hello?"})).status_code == 404
    assert (await bob.get(url)).status_code == 404
    assert (await bob.post("/api/v1/notes/123456789/comments", json={"body": "hello?"})).status_code == 404


async def test_a_reply_must_answer_a_comment_on_the_same_note(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, note: dict[str, Any]
) -> None:
    elsewhere = await post_note(alice, runtime, title="Elsewhere")
    stray = await comment(bob, elsewhere["id"], "Over here")
    response = await bob.post(
        f"/api/v1/notes/{note['id']}/comments", json={"body": "confused", "reply_to": stray["id"]}
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "reply_to"
    assert await comment_count(bob, note["id"]) == 0


async def test_commenting_needs_a_login(client: httpx.AsyncClient, note: dict[str, Any], app: Any) -> None:
    await client.post("/api/v1/auth/logout")
    response = await client.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "anon"})
    assert response.status_code == 401


# --- paging --------------------------------------------------------------------------------------


async def test_twenty_five_comments_page_through_each_exactly_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    written = [(await comment(bob, note["id"], f"comment {n}"))["id"] for n in range(25)]
    await alice.put(f"/api/v1/notes/{note['id']}/pin", json={"comment_id": written[10]})

    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = await first_page(bob, note["id"], limit=10, **({"cursor": cursor} if cursor else {}))
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 25
    assert seen[0] == written[10], "the pinned comment leads"
    assert seen[1:] == [comment_id for comment_id in reversed(written) if comment_id != written[10]]
