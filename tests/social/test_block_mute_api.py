"""Blocking: follows and requests end both ways, counters drop, and the two stay apart."""

from __future__ import annotations

import httpx

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


async def test_blocking_ends_follows_both_ways(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    await follow(bob, "alice")
    assert await counters(onlooker, "alice") == (1, 1)

    body = await act(alice, "POST", "bob/block")
    assert body["username"] == "bob"
    assert flags(body) == {"blocking"}
    assert await counters(onlooker, "alice") == (0, 0)
    assert await counters(onlooker, "bob") == (0, 0)
    assert await usernames(alice, "users/alice/followers") == []
    assert await usernames(alice, "users/alice/following") == []


async def test_blocking_twice_changes_nothing_more(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    await follow(carol, "bob")
    for _ in range(2):
        assert flags(await act(alice, "POST", "bob/block")) == {"blocking"}
    assert await counters(onlooker, "bob") == (1, 0), "carol's follow of bob is not touched"
    assert await counters(onlooker, "alice") == (0, 0)


async def test_blocking_ends_pending_requests_both_ways(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(alice)
    await make_private(bob)
    await follow(alice, "bob")
    await follow(bob, "alice")
    assert await usernames(alice, "follow-requests") == ["bob"]

    await act(alice, "POST", "bob/block")
    assert await usernames(alice, "follow-requests") == []
    assert await usernames(bob, "follow-requests") == []
    assert flags(await relationship(alice, "bob")) == {"blocking"}, "alice's own request is gone too"


async def test_the_blocked_person_cannot_follow_and_is_told_no_such_user(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    assert_error(await bob.post("/api/v1/users/alice/follow"), 404, "not_found")
    assert_error(await bob.post("/api/v1/users/alice/mute"), 404, "not_found")
    assert await counters(onlooker, "alice") == (0, 0)
    assert flags(await relationship(alice, "bob")) == {"blocking"}


async def test_you_cannot_follow_someone_you_block(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    assert_error(await alice.post("/api/v1/users/bob/follow"), 403, "forbidden", "blocking")
    assert await counters(onlooker, "bob") == (0, 0)


async def test_you_cannot_block_yourself(alice: httpx.AsyncClient) -> None:
    assert_error(await alice.post("/api/v1/users/alice/block"), 422, "invalid", "self")


async def test_unblocking_does_not_bring_follows_back(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    await follow(bob, "alice")
    await act(alice, "POST", "bob/block")

    for _ in range(2):
        assert flags(await act(alice, "DELETE", "bob/block")) == set()
    assert await counters(onlooker, "alice") == (0, 0)
    assert await counters(onlooker, "bob") == (0, 0)
    assert flags(await follow(bob, "alice")) == {"following"}, "after unblocking, following works again"
    assert flags(await follow(alice, "bob")) == {"following", "followed_by"}
    assert await counters(onlooker, "alice") == (1, 1)


async def test_only_the_blocker_can_lift_a_block(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    await act(alice, "POST", "bob/block")
    assert flags(await act(bob, "DELETE", "alice/block")) == set()
    assert flags(await relationship(alice, "bob")) == {"blocking"}, "bob's unblock lifted nothing"
    assert_error(await bob.post("/api/v1/users/alice/follow"), 404, "not_found")


async def test_both_may_block_each_other_and_each_lifts_only_their_own(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    assert flags(await act(bob, "POST", "alice/block")) == {"blocking"}
    await act(alice, "DELETE", "bob/block")
    assert_error(await alice.post("/api/v1/users/bob/follow"), 404, "not_found")
    await act(bob, "DELETE", "alice/block")
    assert flags(await follow(alice, "bob")) == {"following"}


async def test_blocking_one_person_leaves_the_others_counts_alone(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await follow(bob, "alice")
    await follow(carol, "alice")
    await follow(alice, "carol")
    await act(alice, "POST", "bob/block")
    assert await counters(onlooker, "alice") == (1, 1)
    assert await usernames(alice, "users/alice/followers") == ["carol"]


async def test_a_blocked_person_sees_no_profile_and_the_blocker_only_its_header(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    """To bob, alice does not exist; alice sees bob's header (to unblock him), no more."""
    await act(alice, "POST", "bob/block")
    assert_error(await bob.get("/api/v1/users/alice"), 404, "not_found")
    header = await alice.get("/api/v1/users/bob")
    assert header.status_code == 200
    assert header.json()["bio"] is None
    assert (await alice.get("/api/v1/users/bob/notes")).json()["items"] == []
    assert (await carol.get("/api/v1/users/alice")).status_code == 200, "others still see both"
    assert (await carol.get("/api/v1/users/bob")).status_code == 200

    await act(alice, "DELETE", "bob/block")
    assert (await bob.get("/api/v1/users/alice")).status_code == 200
    assert (await alice.get("/api/v1/users/bob")).status_code == 200


async def test_muting_keeps_the_follow_and_the_counts(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    await follow(bob, "alice")
    await act(alice, "POST", "bob/mute")
    assert await counters(onlooker, "alice") == (1, 1)
    assert await usernames(alice, "users/alice/followers") == ["bob"]
    assert flags(await follow(bob, "alice")) == {"following", "followed_by"}, "bob can still follow"


async def test_a_block_lifted_after_a_mute_leaves_the_mute(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/mute")
    assert flags(await act(alice, "POST", "bob/block")) == {"blocking", "muting"}
    assert flags(await act(alice, "DELETE", "bob/block")) == {"muting"}


async def test_blocking_an_unknown_person_is_not_found(alice: httpx.AsyncClient) -> None:
    assert_error(await alice.post("/api/v1/users/nobody_here/block"), 404, "not_found")
    assert_error(await alice.delete("/api/v1/users/nobody_here/block"), 404, "not_found")
    assert_error(await alice.post("/api/v1/users/nobody_here/mute"), 404, "not_found")
