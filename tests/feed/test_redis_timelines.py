"""Fan-out on write (distributed mode): what is stored in Redis, for whom, and what a
reader still gets when the store does not have it."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.feed import service, timeline_redis
from potluck.feed.timeline_redis import RedisTimelines
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.runtime import Runtime
from potluck.social import service as social
from tests.accounts.factories import make_user
from tests.feed.factories import feed, follow, publish, user_id, whole_feed

pytestmark = pytest.mark.redis


def timelines(runtime: Runtime) -> RedisTimelines:
    assert isinstance(runtime.timelines, RedisTimelines)
    return runtime.timelines


async def stored(runtime: Runtime, user: int) -> set[int]:
    """Note IDs in someone's stored timeline (without the marker)."""
    assert runtime.redis is not None
    members = await runtime.redis.zrange(timelines(runtime).key(user), 0, -1)
    return {int(member) for member in members if member != b"built"}


async def test_the_timeline_keeps_the_newest_and_reading_goes_on_in_the_database(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    timelines(runtime).size = 3
    await follow(alice, runtime, db, "alice", "bob")
    await feed(alice)  # builds alice's (empty) timeline
    notes = [await publish(bob, runtime, f"Note {n}") for n in range(6)]

    assert await stored(runtime, await user_id(db, "alice")) == {int(note["id"]) for note in notes[-3:]}
    assert await whole_feed(alice, limit=2) == [f"Note {n}" for n in reversed(range(6))]


async def test_only_recently_active_followers_get_the_push_and_a_returning_one_is_rebuilt(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    assert runtime.redis is not None
    await follow(alice, runtime, db, "alice", "bob")
    await follow(carol, runtime, db, "carol", "bob")
    await feed(alice)
    await feed(carol)
    carol_id = await user_id(db, "carol")
    long_ago = utcnow() - timedelta(days=45)
    await db.execute(update(User).where(User.id == carol_id).values(last_active_at=long_ago))
    await db.commit()

    note = await publish(bob, runtime, "While Carol was away")

    assert int(note["id"]) in await stored(runtime, await user_id(db, "alice"))
    assert int(note["id"]) not in await stored(runtime, carol_id)
    # Carol's timeline lapses before she counts as inactive, so when she comes back
    # there is none and it is built afresh.
    ttl = await runtime.redis.ttl(timelines(runtime).key(carol_id))
    assert 0 < ttl <= timedelta(days=30).total_seconds()
    await runtime.redis.delete(timelines(runtime).key(carol_id))
    assert (await feed(carol))[0] == ["While Carol was away"]


async def test_large_accounts_are_merged_in_when_reading_instead_of_pushed(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    timelines(runtime).max_followers = 1
    await follow(alice, runtime, db, "alice", "bob")
    await follow(carol, runtime, db, "carol", "bob")  # bob now has 2 followers: "large"
    await follow(alice, runtime, db, "alice", "carol")  # carol has 1: pushed as usual
    await feed(alice)
    popular = await publish(bob, runtime, "From a star")
    await publish(carol, runtime, "From a friend")

    assert int(popular["id"]) not in await stored(runtime, await user_id(db, "alice"))
    assert (await feed(alice))[0] == ["From a friend", "From a star"]
    assert (await feed(alice, limit=1))[0] == ["From a friend"]


async def test_fan_out_goes_in_steps_that_resume_where_the_last_ended(
    bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline_redis, "FOLLOWERS_PER_STEP", 2)
    followers = [await make_user(db, username=f"fan{n}") for n in range(5)]
    for person in followers:
        await social.follow(db, viewer=Viewer(id=person.id), username="bob")
        await runtime.timelines.page(db, user_id=person.id, before=None, count=1)  # built
    await db.execute(update(User).values(last_active_at=utcnow()))
    await db.commit()
    note = await publish(bob, runtime, "To every fan")  # runs the first step only

    steps, resume, pushed = 0, None, 0
    while True:
        progress = await service.fan_out(db, note_id=int(note["id"]), resume_after=resume)
        steps, pushed, resume = steps + 1, pushed + progress.pushed, progress.resume_after
        if resume is None:
            break

    assert (steps, pushed) == (3, 5)
    for person in followers:
        assert int(note["id"]) in await stored(runtime, person.id)


async def test_a_timeline_that_was_never_read_is_not_started_by_a_push(
    bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    """A push into a missing timeline would leave one note where a whole feed belongs."""
    fan = await make_user(db, username="fan")
    await social.follow(db, viewer=Viewer(id=fan.id), username="bob")
    await db.execute(update(User).where(User.id == fan.id).values(last_active_at=utcnow()))
    await db.commit()

    await publish(bob, runtime, "Pushed nowhere")

    assert runtime.redis is not None
    assert not await runtime.redis.exists(timelines(runtime).key(fan.id))


def test_redis_is_the_distributed_store(runtime: Runtime) -> None:
    assert isinstance(runtime.timelines, RedisTimelines)
    assert isinstance(runtime.redis, Redis)
