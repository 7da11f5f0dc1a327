"""Following and unfollowing: at once for public accounts, with exact profile counters."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import make_user
from tests.social.factories import act, assert_error, counters, flags, follow, relationship

# --- following a public account ------------------------------------------------------------------


async def test_following_a_public_account_takes_effect_at_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    body = await follow(alice, "bob")
    assert body["username"] == "bob"
    assert flags(body) == {"following"}
    assert body["requested"] is False

    assert flags(await relationship(alice, "bob")) == {"following"}
    assert flags(await relationship(bob, "alice")) == {"followed_by"}, "bob sees that alice follows him"
    assert await counters(bob, "bob") == (1, 0)
    assert await counters(bob, "alice") == (0, 1)


async def test_following_twice_counts_once_and_unfollowing_twice_leaves_zero(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    for _ in range(2):
        assert flags(await follow(alice, "bob")) == {"following"}
    assert await counters(alice, "bob") == (1, 0)
    assert await counters(alice, "alice") == (0, 1)

    for _ in range(2):
        assert flags(await act(alice, "DELETE", "bob/follow")) == set()
    assert await counters(alice, "bob") == (0, 0)
    assert await counters(alice, "alice") == (0, 0)
    assert flags(await relationship(bob, "alice")) == set()


async def test_following_each_other_shows_on_both_sides(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    body = await follow(bob, "alice")
    assert flags(body) == {"following", "followed_by"}
    assert flags(await relationship(alice, "bob")) == {"following", "followed_by"}
    assert await counters(alice, "alice") == (1, 1)
    assert await counters(alice, "bob") == (1, 1)

    await act(bob, "DELETE", "alice/follow")
    assert flags(await relationship(alice, "bob")) == {"following"}, "alice still follows bob"
    assert await counters(alice, "alice") == (0, 1)


async def test_names_are_found_whatever_their_case(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    assert flags(await follow(alice, "BOB")) == {"following"}
    assert flags(await follow(alice, "bob")) == {"following"}
    assert await counters(alice, "bob") == (1, 0), "the same person, followed once"


async def test_following_yourself_is_refused(alice: httpx.AsyncClient) -> None:
    response = await alice.post("/api/v1/users/alice/follow")
    assert_error(response, 422, "invalid", "self")
    assert await counters(alice, "alice") == (0, 0)


async def test_following_an_unknown_person_is_not_found(alice: httpx.AsyncClient) -> None:
    assert_error(await alice.post("/api/v1/users/nobody_here/follow"), 404, "not_found")
    assert_error(await alice.get("/api/v1/users/nobody_here/relationship"), 404, "not_found")


async def test_a_suspended_account_cannot_be_followed(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, db: AsyncSession
) -> None:
    dave = await make_user(db, username="dave")
    dave.is_suspended = True
    await db.commit()
    assert_error(await alice.post("/api/v1/users/dave/follow"), 404, "not_found")
    dave.is_suspended = False
    await db.commit()
    assert await counters(alice, "dave") == (0, 0)


# --- ending a follow from either side ------------------------------------------------------------


async def test_removing_a_follower_ends_their_follow_without_blocking_them(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await follow(bob, "alice")
    await follow(alice, "bob")

    body = await act(alice, "DELETE", "bob/follower")
    assert flags(body) == {"following"}, "alice still follows bob; only his follow of her ends"
    assert flags(await relationship(bob, "alice")) == {"followed_by"}
    assert await counters(alice, "alice") == (0, 1)
    assert await counters(alice, "bob") == (1, 0)

    assert flags(await act(alice, "DELETE", "bob/follower")) == {"following"}, "removing twice is harmless"
    assert await counters(alice, "alice") == (0, 1)
    assert flags(await follow(bob, "alice")) == {"following", "followed_by"}, "bob may follow again"


async def test_removing_someone_who_does_not_follow_you_changes_nothing(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    assert flags(await act(alice, "DELETE", "bob/follower")) == {"following"}
    assert await counters(alice, "bob") == (1, 0)
    assert await counters(alice, "alice") == (0, 1)


async def test_muting_is_seen_only_by_the_one_who_mutes(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await follow(alice, "bob")
    assert flags(await act(alice, "POST", "bob/mute")) == {"following", "muting"}
    assert flags(await act(alice, "POST", "bob/mute")) == {"following", "muting"}, "muting twice is harmless"
    assert flags(await relationship(bob, "alice")) == {"followed_by"}, "bob is not told"
    assert await counters(bob, "bob") == (1, 0), "muting leaves the follow alone"

    assert flags(await act(alice, "DELETE", "bob/mute")) == {"following"}
    assert flags(await act(alice, "DELETE", "bob/mute")) == {"following"}


async def test_muting_yourself_is_refused(alice: httpx.AsyncClient) -> None:
    assert_error(await alice.post("/api/v1/users/alice/mute"), 422, "invalid", "self")


async def test_your_own_relationship_is_empty(alice: httpx.AsyncClient) -> None:
    assert flags(await relationship(alice, "alice")) == set()


async def test_acting_on_people_needs_a_login(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="bob")
    for method, path in [
        ("POST", "/api/v1/users/bob/follow"),
        ("DELETE", "/api/v1/users/bob/follow"),
        ("DELETE", "/api/v1/users/bob/follower"),
        ("GET", "/api/v1/users/bob/relationship"),
        ("POST", "/api/v1/users/bob/block"),
        ("DELETE", "/api/v1/users/bob/block"),
        ("POST", "/api/v1/users/bob/mute"),
        ("DELETE", "/api/v1/users/bob/mute"),
        ("GET", "/api/v1/follow-requests"),
    ]:
        response = await client.request(method, path)
        assert_error(response, 401, "not_authenticated")
    response = await client.post("/api/v1/follow-requests", json={"username": "bob", "decision": "approve"})
    assert_error(response, 401, "not_authenticated")
    assert await counters(client, "bob") == (0, 0)


# --- the rate limit -------------------------------------------------------------


async def test_the_61st_follow_in_a_minute_is_refused(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    """The default limit is 60 a minute; following on and off does not get round it."""
    for _ in range(60):
        await follow(alice, "bob")
        await act(alice, "DELETE", "bob/follow")

    response = await alice.post("/api/v1/users/bob/follow")
    if response.status_code == 200:
        # The sliding-window counter weighs the previous minute by how much of it is still
        # in the window: a run that straddles a minute's turn may get one more through.
        await act(alice, "DELETE", "bob/follow")
        response = await alice.post("/api/v1/users/bob/follow")
    assert_error(response, 429, "rate_limited", "rate_limited")
    assert int(response.headers["Retry-After"]) >= 1
    assert flags(await relationship(alice, "bob")) == set(), "the refused follow did not happen"
    assert await counters(alice, "bob") == (0, 0)

    # Unfollowing, blocking and muting are never limited: they protect.
    assert (await alice.delete("/api/v1/users/bob/follow")).status_code == 200
    assert (await alice.post("/api/v1/users/bob/mute")).status_code == 200
    assert (await alice.post("/api/v1/users/bob/block")).status_code == 200
