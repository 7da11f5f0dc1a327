"""Private accounts: following one sends a request its owner approves or declines."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import make_user
from tests.notes.factories import client_of
from tests.social.factories import (
    act,
    assert_error,
    counters,
    flags,
    follow,
    make_private,
    relationship,
    usernames,
)


async def answer(client: httpx.AsyncClient, username: str, decision: str) -> httpx.Response:
    return await client.post("/api/v1/follow-requests", json={"username": username, "decision": decision})


async def test_following_a_private_account_sends_a_request(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(bob)
    body = await follow(alice, "bob")
    assert body["requested"] is True
    assert body["following"] is False
    assert flags(await relationship(alice, "bob")) == {"requested"}
    assert flags(await relationship(bob, "alice")) == set(), "bob is not followed until he approves"
    assert await counters(alice, "bob") == (0, 0)
    assert await usernames(bob, "follow-requests") == ["alice"]


async def test_asking_twice_makes_one_request(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    await make_private(bob)
    for _ in range(3):
        assert flags(await follow(alice, "bob")) == {"requested"}
    assert await usernames(bob, "follow-requests") == ["alice"]


async def test_approving_a_request_makes_a_follower(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    await make_private(bob)
    await follow(alice, "bob")

    response = await answer(bob, "alice", "approve")
    assert response.status_code == 200, response.text
    assert response.json()["username"] == "alice"
    assert flags(response.json()) == {"followed_by"}
    assert flags(await relationship(alice, "bob")) == {"following"}, "no longer merely requested"
    assert await counters(alice, "bob") == (1, 0)
    assert await counters(alice, "alice") == (0, 1)
    assert await usernames(bob, "follow-requests") == []
    assert flags(await follow(alice, "bob")) == {"following"}, "following again changes nothing"
    assert await counters(alice, "bob") == (1, 0)


async def test_declining_a_request_leaves_no_follow(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    await make_private(bob)
    await follow(alice, "bob")

    response = await answer(bob, "alice", "decline")
    assert response.status_code == 200, response.text
    assert flags(response.json()) == set()
    assert flags(await relationship(alice, "bob")) == set()
    assert await counters(alice, "bob") == (0, 0)
    assert await usernames(bob, "follow-requests") == []
    assert flags(await follow(alice, "bob")) == {"requested"}, "alice may ask again"


async def test_answering_a_request_that_is_not_there_is_not_found(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(bob)
    assert_error(await answer(bob, "alice", "approve"), 404, "not_found", "no_request")

    await follow(alice, "bob")
    assert (await answer(bob, "alice", "approve")).status_code == 200
    assert_error(await answer(bob, "alice", "approve"), 404, "not_found", "no_request")
    assert_error(await answer(bob, "nobody_here", "approve"), 404, "not_found")
    assert await counters(alice, "bob") == (1, 0), "answered once, counted once"


async def test_only_the_asked_person_can_answer(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await make_private(bob)
    await follow(alice, "bob")
    assert_error(await answer(carol, "alice", "approve"), 404, "not_found", "no_request")
    assert_error(await answer(alice, "bob", "approve"), 404, "not_found", "no_request")
    assert flags(await relationship(alice, "bob")) == {"requested"}
    assert await counters(alice, "bob") == (0, 0)


async def test_an_answer_must_say_approve_or_decline(
    bob: httpx.AsyncClient, alice: httpx.AsyncClient
) -> None:
    await make_private(bob)
    await follow(alice, "bob")
    assert (await answer(bob, "alice", "maybe")).status_code == 422
    assert (await bob.post("/api/v1/follow-requests", json={"username": "alice"})).status_code == 422
    assert await usernames(bob, "follow-requests") == ["alice"], "the request still waits"


async def test_unfollowing_withdraws_a_pending_request(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(bob)
    await follow(alice, "bob")
    assert flags(await act(alice, "DELETE", "bob/follow")) == set()
    assert await usernames(bob, "follow-requests") == []
    assert_error(await answer(bob, "alice", "approve"), 404, "not_found", "no_request")
    assert await counters(alice, "bob") == (0, 0)


async def test_requests_are_listed_newest_first_a_page_at_a_time(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, app: Any, db: AsyncSession
) -> None:
    await make_private(alice)
    await follow(bob, "alice")
    await follow(carol, "alice")
    await make_user(db, username="dave")
    async with client_of(app, "dave") as dave:
        await follow(dave, "alice")

    first = (await alice.get("/api/v1/follow-requests", params={"limit": 2})).json()
    assert [person["username"] for person in first["items"]] == ["dave", "carol"]
    assert first["items"][0]["followed_by_me"] is False
    assert first["items"][0]["is_private"] is False
    rest = await usernames(alice, "follow-requests", limit=2, cursor=first["next_cursor"])
    assert rest == ["bob"]
    assert await usernames(bob, "follow-requests") == [], "requests are the asked person's alone"


async def test_a_suspended_persons_request_is_left_out(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, app: Any, db: AsyncSession
) -> None:
    await make_private(alice)
    await follow(bob, "alice")
    user = await make_user(db, username="ghost")
    async with client_of(app, "ghost") as ghost:
        await follow(ghost, "alice")
    await follow(carol, "alice")
    assert await usernames(alice, "follow-requests") == ["carol", "ghost", "bob"]
    user.is_suspended = True
    await db.commit()
    assert await usernames(alice, "follow-requests") == ["carol", "bob"]


async def test_turning_private_keeps_existing_followers(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    await make_private(bob)
    assert flags(await relationship(alice, "bob")) == {"following"}
    assert flags(await follow(carol, "bob")) == {"requested"}
    assert await counters(alice, "bob") == (1, 0)


async def test_an_approved_follower_sees_a_private_profile_in_full(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    assert (await bob.patch("/api/v1/me", json={"bio": "Dumplings on Sundays"})).status_code == 200
    await make_private(bob)
    await follow(alice, "bob")
    assert (await alice.get("/api/v1/users/bob")).json()["bio"] is None, "a request is not enough"

    assert (await answer(bob, "alice", "approve")).status_code == 200
    assert (await alice.get("/api/v1/users/bob")).json()["bio"] == "Dumplings on Sundays"
    assert (await carol.get("/api/v1/users/bob")).json()["bio"] is None

    await act(alice, "DELETE", "bob/follow")
    assert (await alice.get("/api/v1/users/bob")).json()["bio"] is None, "unfollowing ends it"
