"""Followers and following lists: newest first, a page at a time, private and blocked cases."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import make_user
from tests.notes.factories import client_of
from tests.social.factories import act, assert_error, follow, make_private, usernames


async def many_followers(app: Any, db: AsyncSession, username: str, count: int) -> list[str]:
    """``count`` new people follow ``username``, one after another; their names, oldest first."""
    names = [f"fan_{number}" for number in range(count)]
    for name in names:
        await make_user(db, username=name)
        async with client_of(app, name) as fan:
            await follow(fan, username)
    return names


async def test_followers_and_following_are_listed_newest_first(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await follow(bob, "alice")
    await follow(carol, "alice")
    await follow(alice, "carol")
    await follow(alice, "bob")

    assert await usernames(bob, "users/alice/followers") == ["carol", "bob"]
    assert await usernames(bob, "users/alice/following") == ["bob", "carol"]
    assert await usernames(bob, "users/bob/followers") == ["alice"]
    assert await usernames(bob, "users/bob/following") == ["alice"]


async def test_a_person_in_a_list_says_whether_you_follow_them(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await make_private(carol)
    await follow(bob, "alice")
    await follow(carol, "alice")
    await follow(alice, "bob")

    page = (await alice.get("/api/v1/users/alice/followers")).json()
    people = {person["username"]: person for person in page["items"]}
    assert people["bob"]["followed_by_me"] is True
    assert people["carol"]["followed_by_me"] is False
    assert people["carol"]["is_private"] is True
    assert people["bob"]["is_private"] is False
    assert set(people["bob"]) == {
        "id",
        "username",
        "display_name",
        "avatar_url",
        "is_private",
        "followed_by_me",
    }
    assert page["next_cursor"] is None


async def test_anyone_may_read_a_public_accounts_lists(
    client: httpx.AsyncClient, bob: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="alice")
    await follow(bob, "alice")
    page = (await client.get("/api/v1/users/alice/followers")).json()
    assert [person["username"] for person in page["items"]] == ["bob"]
    assert page["items"][0]["followed_by_me"] is False, "a visitor follows no one"


async def test_lists_page_through_each_person_exactly_once(
    alice: httpx.AsyncClient, app: Any, db: AsyncSession
) -> None:
    names = await many_followers(app, db, "alice", 5)
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await alice.get("/api/v1/users/alice/followers", params=params)).json()
        assert len(page["items"]) <= 2
        seen += [person["username"] for person in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == names[::-1]


async def test_a_full_last_page_has_no_next_page(
    alice: httpx.AsyncClient, app: Any, db: AsyncSession
) -> None:
    await many_followers(app, db, "alice", 2)
    page = (await alice.get("/api/v1/users/alice/followers", params={"limit": 2})).json()
    assert len(page["items"]) == 2
    assert page["next_cursor"] is None


@pytest.mark.parametrize("limit", [0, 51, -1])
async def test_a_page_size_outside_1_to_50_is_refused(alice: httpx.AsyncClient, limit: int) -> None:
    response = await alice.get("/api/v1/users/alice/followers", params={"limit": limit})
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "12-",
        "-12",
        "1.5-2",
        "x" * 41,
        "999999999999999999-1",  # a moment past the year 9999
        "1763800000000000-9999999999999999999",  # a person ID past 64 bits
    ],
)
async def test_a_broken_page_link_is_refused(alice: httpx.AsyncClient, cursor: str) -> None:
    for path in ("users/alice/followers", "users/alice/following", "follow-requests"):
        response = await alice.get(f"/api/v1/{path}", params={"cursor": cursor})
        assert response.status_code == 422, f"{path}: {response.status_code} {response.text}"
        assert response.json()["error"]["code"] == "invalid"


async def test_a_private_accounts_lists_are_for_itself_and_its_followers(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, client: httpx.AsyncClient
) -> None:
    await make_private(alice)
    await follow(bob, "alice")
    response = await bob.post("/api/v1/follow-requests", json={"username": "bob", "decision": "approve"})
    assert response.status_code == 404  # bob cannot answer his own request; alice does below
    response = await alice.post("/api/v1/follow-requests", json={"username": "bob", "decision": "approve"})
    assert response.status_code == 200, response.text

    for path in ("followers", "following"):
        assert_error(await carol.get(f"/api/v1/users/alice/{path}"), 403, "forbidden", "private")
    assert await usernames(alice, "users/alice/followers") == ["bob"], "the owner sees her own"
    assert await usernames(bob, "users/alice/followers") == ["bob"], "a follower sees them"
    assert await usernames(bob, "users/alice/following") == []

    await follow(carol, "alice")  # only a request: still not a follower
    assert_error(await carol.get("/api/v1/users/alice/followers"), 403, "forbidden", "private")


async def test_a_visitor_cannot_read_a_private_accounts_lists(
    bob: httpx.AsyncClient, app: Any, db: AsyncSession
) -> None:
    await make_user(db, username="alice")
    async with client_of(app, "alice") as alice:
        await make_private(alice)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as anon:
        assert_error(await anon.get("/api/v1/users/alice/followers"), 403, "forbidden", "private")


async def test_blocked_people_cannot_read_each_others_lists(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await follow(carol, "alice")
    await follow(carol, "bob")
    await act(alice, "POST", "bob/block")
    for path in ("followers", "following"):
        assert_error(await bob.get(f"/api/v1/users/alice/{path}"), 404, "not_found")
        assert_error(await alice.get(f"/api/v1/users/bob/{path}"), 404, "not_found")
    assert await usernames(carol, "users/alice/followers") == ["carol"], "others still see them"


async def test_people_you_block_are_left_out_of_others_lists(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await follow(alice, "carol")
    await follow(bob, "carol")
    await act(alice, "POST", "bob/block")
    assert await usernames(alice, "users/carol/followers") == ["alice"]
    assert await usernames(carol, "users/carol/followers") == ["bob", "alice"]


async def test_suspended_people_are_left_out_of_lists(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    dave = await make_user(db, username="dave")
    async with client_of(app, "dave") as client:
        await follow(client, "alice")
    await follow(bob, "alice")
    await follow(alice, "carol")
    assert await usernames(carol, "users/alice/followers") == ["bob", "dave"]

    dave.is_suspended = True
    await db.commit()
    assert await usernames(carol, "users/alice/followers") == ["bob"]
    assert_error(await carol.get("/api/v1/users/dave/following"), 404, "not_found")


async def test_lists_of_an_unknown_person_are_not_found(alice: httpx.AsyncClient) -> None:
    assert_error(await alice.get("/api/v1/users/nobody_here/followers"), 404, "not_found")
    assert_error(await alice.get("/api/v1/users/nobody_here/following"), 404, "not_found")
