"""What logged-out visitors see of a note: a shared copy, fresh where it matters.

Counts and new comments may lag by up to ``anonymous_cache_seconds``; an edit, a change
of visibility, a deletion, a pin and a removed comment show at once. Logged-in people
always read the database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from potluck.runtime import Runtime
from tests.notes.factories import post_note


@pytest.fixture
async def visitor(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Someone who is not logged in: no cookies, no token."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client


async def read(client: httpx.AsyncClient, note_id: str) -> httpx.Response:
    return await client.get(f"/api/v1/notes/{note_id}")


def statements_during(runtime: Runtime) -> list[str]:
    seen: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(runtime.database.engine.sync_engine, "before_cursor_execute", listen)
    return seen


async def test_a_visitor_gets_the_same_note_as_an_uncached_read_and_then_reads_no_table(
    visitor: httpx.AsyncClient, alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="Dumplings", body="#TikTokRefugee hello")
    await alice.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "First!"})
    runtime.settings.anonymous_cache_seconds = 0
    uncached = await read(visitor, note["id"])
    runtime.settings.anonymous_cache_seconds = 10
    first = await read(visitor, note["id"])
    statements = statements_during(runtime)
    second = await read(visitor, note["id"])

    assert first.status_code == second.status_code == 200
    assert first.json() == uncached.json() == second.json()
    assert first.json()["viewer"] == {"liked": False, "collected": False, "board_id": None}
    assert [c["body"] for c in first.json()["comments"]["items"]] == ["First!"]
    assert statements == []  # the copy came from the cache
    # The copy goes out with the same headers as any answer.
    assert second.headers["content-type"] == "application/json"
    assert "default-src 'self'" in second.headers["content-security-policy"]
    assert second.headers["x-request-id"]


async def test_counts_reach_visitors_within_the_interval_but_people_see_theirs_at_once(
    visitor: httpx.AsyncClient, alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    assert (await read(visitor, note["id"])).json()["counts"]["likes"] == 0
    assert (await bob.post(f"/api/v1/notes/{note['id']}/like")).status_code == 200

    bobs = (await read(bob, note["id"])).json()
    assert bobs["counts"]["likes"] == 1
    assert bobs["viewer"]["liked"] is True
    assert (await read(alice, note["id"])).json()["counts"]["likes"] == 1
    # Visitors share the copy made before the like, until it is 10 seconds old.
    assert (await read(visitor, note["id"])).json()["counts"]["likes"] == 0


async def test_with_the_cache_off_visitors_see_counts_at_once(
    visitor: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any], runtime: Runtime
) -> None:
    runtime.settings.anonymous_cache_seconds = 0
    assert (await read(visitor, note["id"])).json()["counts"]["likes"] == 0
    await bob.post(f"/api/v1/notes/{note['id']}/like")
    assert (await read(visitor, note["id"])).json()["counts"]["likes"] == 1


async def test_an_edit_reaches_visitors_at_once(
    visitor: httpx.AsyncClient, alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    assert (await read(visitor, note["id"])).json()["title"] == "Hotpot night"
    response = await alice.patch(f"/api/v1/notes/{note['id']}", json={"title": "Hotpot, again"})
    assert response.status_code == 200, response.text

    seen = (await read(visitor, note["id"])).json()
    assert seen["title"] == "Hotpot, again"
    assert seen["edited_at"] is not None


@pytest.mark.parametrize("visibility", ["private", "followers"])
async def test_a_note_made_private_disappears_for_visitors_at_once(
    visibility: str, visitor: httpx.AsyncClient, alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    assert (await read(visitor, note["id"])).status_code == 200
    response = await alice.patch(f"/api/v1/notes/{note['id']}", json={"visibility": visibility})
    assert response.status_code == 200, response.text

    hidden = await read(visitor, note["id"])
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "not_found"
    assert (await read(alice, note["id"])).status_code == 200  # the author still sees it


async def test_a_deleted_note_is_gone_for_visitors_at_once(
    visitor: httpx.AsyncClient, alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    assert (await read(visitor, note["id"])).status_code == 200
    assert (await alice.delete(f"/api/v1/notes/{note['id']}")).status_code == 204
    assert (await read(visitor, note["id"])).status_code == 404


async def test_a_removed_comment_and_a_pin_reach_visitors_at_once(
    visitor: httpx.AsyncClient, alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    rude = (await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "rude words"})).json()
    kind = (await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "Looks delicious"})).json()
    before = (await read(visitor, note["id"])).json()
    assert {c["body"] for c in before["comments"]["items"]} == {"rude words", "Looks delicious"}

    assert (await alice.delete(f"/api/v1/comments/{rude['id']}")).status_code == 204
    after = (await read(visitor, note["id"])).json()
    assert [c["body"] for c in after["comments"]["items"]] == ["Looks delicious"]

    response = await alice.put(f"/api/v1/notes/{note['id']}/pin", json={"comment_id": kind["id"]})
    assert response.status_code == 204, response.text
    pinned = (await read(visitor, note["id"])).json()
    assert pinned["pinned_comment_id"] == kind["id"]
    assert pinned["comments"]["items"][0]["pinned"] is True


async def test_visitors_in_another_language_get_their_own_copy(
    visitor: httpx.AsyncClient, note: dict[str, Any], runtime: Runtime
) -> None:
    english = await read(visitor, note["id"])
    chinese = await visitor.get(f"/api/v1/notes/{note['id']}", headers={"Accept-Language": "zh-CN"})
    assert english.json() == chinese.json()  # a ready photo has no words to translate
    keys = [f"note:{note['id']}:anonymous:{locale}" for locale in ("en", "zh_Hans")]
    assert all([await runtime.cache.get(key) is not None for key in keys])


async def test_a_token_or_a_session_is_never_answered_from_the_shared_copy(
    visitor: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any], runtime: Runtime
) -> None:
    await read(visitor, note["id"])  # make the copy
    await bob.post(f"/api/v1/notes/{note['id']}/like")
    token = (await bob.post("/api/v1/auth/tokens", json={"name": "script"})).json()["token"]

    with_token = await visitor.get(
        f"/api/v1/notes/{note['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    with_session = await read(bob, note["id"])
    for response in (with_token, with_session):
        assert response.status_code == 200, response.text
        assert response.json()["viewer"]["liked"] is True
        assert response.json()["counts"]["likes"] == 1
    bad_token = await visitor.get(f"/api/v1/notes/{note['id']}", headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401


async def test_a_missing_note_is_not_cached_for_visitors(
    visitor: httpx.AsyncClient, runtime: Runtime
) -> None:
    assert (await read(visitor, "123456789")).status_code == 404
    assert await runtime.cache.get("note:123456789:anonymous:en") is None
    assert (await read(visitor, "12345678901234567890")).status_code == 422
