"""The in-process pub/sub (embedded mode)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from potluck.realtime.embedded import InProcessPubSub
from potluck.realtime.interface import Event
from tests.realtime.helpers import drain, make_event, next_event


async def test_publish_reaches_every_subscriber_of_the_channel_and_only_them() -> None:
    pubsub = InProcessPubSub()
    async with (
        pubsub.subscribe("a") as first,
        pubsub.subscribe("a") as second,
        pubsub.subscribe("b") as elsewhere,
        pubsub.subscribe("a", "b") as both,
    ):
        await pubsub.publish("a", make_event(1))
        await pubsub.publish("b", make_event(2))

        assert await next_event(first) == make_event(1)
        assert await next_event(second) == make_event(1)
        assert first.pending == second.pending == 0, "a's subscribers hear nothing of b"
        assert await next_event(elsewhere) == make_event(2)
        assert elsewhere.pending == 0
        assert [await next_event(both), await next_event(both)] == [make_event(1), make_event(2)]

        await pubsub.publish("nobody-listens", make_event(3))
        assert first.pending == second.pending == elsewhere.pending == both.pending == 0


async def test_leaving_the_context_unsubscribes() -> None:
    pubsub = InProcessPubSub()
    async with pubsub.subscribe("a", "b") as events:
        assert pubsub.fanout.subscriber_count("a") == 1
    assert pubsub.fanout.channels == frozenset()
    assert events.ended
    await pubsub.publish("a", make_event(1))
    assert await drain(events) == [], "an exited subscription receives nothing more"


async def test_a_slow_subscriber_is_cut_off_and_the_others_keep_receiving() -> None:
    pubsub = InProcessPubSub(max_pending=3)
    async with pubsub.subscribe("a") as slow, pubsub.subscribe("a") as fast:
        received = []
        for n in range(1, 6):
            await pubsub.publish("a", make_event(n))  # never waits for the slow one
            received.append(await next_event(fast))
        assert received == [make_event(n) for n in range(1, 6)]

        assert slow.overflowed
        assert slow.pending == 0, "its backlog is dropped, not kept"
        assert await drain(slow) == [], "the iterator ends so the client reconnects and reloads"


async def test_stop_ends_every_subscription() -> None:
    pubsub = InProcessPubSub()
    async with pubsub.subscribe("a") as events:
        await pubsub.publish("a", make_event(1))
        await pubsub.stop()
        assert await drain(events) == []
        assert not events.overflowed


async def test_events_must_be_json_like_in_redis() -> None:
    pubsub = InProcessPubSub()
    with pytest.raises(TypeError):
        await pubsub.publish("a", Event(id="1", type="test.event", data={"at": datetime.now(UTC)}))


async def test_subscribers_get_a_copy_of_the_event() -> None:
    pubsub = InProcessPubSub()
    sent = make_event(1)
    async with pubsub.subscribe("a") as events:
        await pubsub.publish("a", sent)
        received = await next_event(events)
    received["data"]["n"] = 99
    assert sent["data"] == {"n": 1}


async def test_subscribing_needs_a_channel() -> None:
    with pytest.raises(ValueError):
        async with InProcessPubSub().subscribe():
            pass
