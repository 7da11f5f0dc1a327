"""Events go out when the unit of work commits, never before, never after a rollback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from potluck.db.engine import create_engine
from potluck.db.session import commit, rollback
from potluck.realtime.embedded import InProcessPubSub
from potluck.realtime.interface import PUBSUB_KEY, publish_on_commit, user_channel
from tests.realtime.helpers import next_event


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = create_engine("sqlite+aiosqlite:///:memory:")
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_publish_on_commit_waits_for_the_commit(engine: AsyncEngine) -> None:
    pubsub = InProcessPubSub()
    channel = user_channel(7)
    async with (
        pubsub.subscribe(channel) as events,
        AsyncSession(engine, info={PUBSUB_KEY: pubsub}) as session,
    ):
        await session.execute(text("SELECT 1"))
        sent = publish_on_commit(session, channel, "note.created", {"note_id": "42"})
        await session.flush()
        assert events.pending == 0, "nothing is published before the commit"

        await commit(session)
        assert await next_event(events) == sent
        assert sent["type"] == "note.created"
        assert sent["data"] == {"note_id": "42"}


async def test_a_rolled_back_event_is_never_published(engine: AsyncEngine) -> None:
    pubsub = InProcessPubSub()
    channel = user_channel(7)
    async with (
        pubsub.subscribe(channel) as events,
        AsyncSession(engine, info={PUBSUB_KEY: pubsub}) as session,
    ):
        await session.execute(text("SELECT 1"))
        publish_on_commit(session, channel, "note.created", {"note_id": "42"})
        await rollback(session)
        assert events.pending == 0

        # The next transaction of the same session commits only its own events.
        await session.execute(text("SELECT 1"))
        kept = publish_on_commit(session, channel, "note.deleted", {"note_id": "43"})
        await commit(session)
        assert await next_event(events) == kept
        assert events.pending == 0
