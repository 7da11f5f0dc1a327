"""The Redis pub/sub (distributed mode). Two RedisPubSub objects stand for two processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError

from potluck.realtime.interface import Event
from potluck.realtime.redis import PubSubUnavailable, RedisPubSub
from tests.realtime.helpers import WAIT_SECONDS, drain, eventually, make_event, next_event
from tests.support.live import free_port

pytestmark = pytest.mark.redis

MakePubSub = Callable[..., Awaitable[RedisPubSub]]


@pytest.fixture
def channel_prefix() -> str:
    # Pub/sub channels are server-wide (not per database): keep tests apart by name.
    return f"test:{uuid.uuid4().hex}:"


@pytest.fixture
async def make_pubsub(redis_url: str, channel_prefix: str) -> AsyncIterator[MakePubSub]:
    started: list[RedisPubSub] = []

    async def make(url: str = redis_url, **options: Any) -> RedisPubSub:
        pubsub = RedisPubSub(url, channel_prefix=channel_prefix, **options)
        await pubsub.start()
        started.append(pubsub)
        return pubsub

    yield make
    for pubsub in started:
        await pubsub.stop()


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def redis_subscribers(client: aioredis.Redis, channel: str) -> int:
    [(_, count)] = await client.pubsub_numsub(channel)
    return int(count)


async def test_publish_reaches_subscribers_in_every_process_and_only_them(make_pubsub: MakePubSub) -> None:
    one, two, publisher = await make_pubsub(), await make_pubsub(), await make_pubsub()
    async with (
        one.subscribe("x") as one_first,
        one.subscribe("x") as one_second,
        two.subscribe("x") as two_x,
        two.subscribe("y") as two_y,
    ):
        # Sequential publishes arrive in order, so an event on the wrong channel would show
        # up ahead of the expected one.
        for n, channel in enumerate(["x", "y", "x", "y"], start=1):
            await publisher.publish(channel, make_event(n))
        for events in (one_first, one_second, two_x):
            assert [await next_event(events), await next_event(events)] == [make_event(1), make_event(3)]
        assert [await next_event(two_y), await next_event(two_y)] == [make_event(2), make_event(4)]


async def test_events_travel_as_json(make_pubsub: MakePubSub) -> None:
    sender, receiver = await make_pubsub(), await make_pubsub()
    sent = Event(id="1", type="note.created", data={"title": "麻婆豆腐", "tags": ["川菜"], "draft": False})
    async with receiver.subscribe("x") as events:
        await sender.publish("x", sent)
        assert await next_event(events) == sent


async def test_one_redis_subscription_per_channel_per_process(
    make_pubsub: MakePubSub, redis_client: aioredis.Redis, channel_prefix: str
) -> None:
    pubsub = await make_pubsub()
    key = channel_prefix + "x"
    async with pubsub.subscribe("x") as staying:
        async with pubsub.subscribe("x"):
            assert await redis_subscribers(redis_client, key) == 1
        await pubsub.publish("x", make_event(1))
        assert await next_event(staying) == make_event(1), "one leaving does not unsubscribe the other"
        assert await redis_subscribers(redis_client, key) == 1

    assert pubsub.fanout.subscriber_count("x") == 0
    await eventually(
        lambda: _is_zero(redis_subscribers(redis_client, key)), "the last one out unsubscribes from Redis"
    )


async def _is_zero(count: Awaitable[int]) -> bool:
    return await count == 0


async def test_a_slow_subscriber_is_cut_off_and_the_others_keep_receiving(make_pubsub: MakePubSub) -> None:
    receiver, sender = await make_pubsub(max_pending=2), await make_pubsub()
    async with receiver.subscribe("x") as slow, receiver.subscribe("x") as fast:
        received = []
        for n in range(1, 5):
            await sender.publish("x", make_event(n))
            # Each message is offered to every local subscriber at once, so when the fast
            # one has it, the slow one has been offered it too.
            received.append(await next_event(fast))
        assert received == [make_event(n) for n in range(1, 5)]
        assert slow.overflowed
        assert await drain(slow) == []


async def test_ping(make_pubsub: MakePubSub) -> None:
    await (await make_pubsub()).ping()


async def test_ping_fails_when_redis_is_unreachable() -> None:
    pubsub = RedisPubSub(f"redis://127.0.0.1:{free_port()}/0")
    try:
        with pytest.raises(RedisConnectionError):
            await pubsub.ping()
    finally:
        await pubsub.stop()


async def test_subscribing_before_start_fails_fast(redis_url: str) -> None:
    pubsub = RedisPubSub(redis_url)
    with pytest.raises(PubSubUnavailable):
        async with pubsub.subscribe("x"):
            pass
    assert pubsub.fanout.channels == frozenset()
    await pubsub.stop()


async def test_default_prefix_keeps_redis_databases_apart() -> None:
    one = RedisPubSub("redis://127.0.0.1:6379/1")
    two = RedisPubSub("redis://127.0.0.1:6379/2")
    assert one.channel_prefix != two.channel_prefix
    await one.stop()
    await two.stop()


# -- losing Redis: a private server this test may kill or freeze ----------------------


class PrivateRedis:
    def __init__(self, binary: str, directory: Path) -> None:
        self.binary = binary
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    async def wait_until_up(self) -> None:
        async def answers() -> bool:
            client = aioredis.Redis.from_url(self.url)
            try:
                return bool(await client.ping())
            except RedisConnectionError:
                return False
            finally:
                await client.aclose()

        await eventually(answers, "the private Redis answers")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=WAIT_SECONDS)

    def signal(self, signum: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(signum)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(binary, tmp_path)
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.signal(signal.SIGCONT)
        server.kill()


async def test_losing_redis_ends_subscriptions_then_it_reconnects(
    private_redis: PrivateRedis, make_pubsub: MakePubSub
) -> None:
    await private_redis.wait_until_up()
    pubsub = await make_pubsub(private_redis.url, keepalive_seconds=0.2, subscribe_timeout=0.5)
    async with pubsub.subscribe("x") as events:
        private_redis.kill()
        assert await drain(events) == [], "the iterator ends instead of hanging"

    with pytest.raises(PubSubUnavailable):
        async with pubsub.subscribe("x"):
            pass
    with pytest.raises(PubSubUnavailable):
        await pubsub.ping()

    private_redis.start()
    await private_redis.wait_until_up()

    async def subscribes_and_receives() -> bool:
        try:
            async with pubsub.subscribe("x") as events:
                await pubsub.publish("x", make_event(1))
                return await next_event(events) == make_event(1)
        except (PubSubUnavailable, RedisConnectionError):
            return False

    await eventually(subscribes_and_receives, "the pub/sub reconnected")
    await pubsub.ping()


async def test_a_frozen_redis_is_noticed_by_the_keepalive(
    private_redis: PrivateRedis, make_pubsub: MakePubSub
) -> None:
    await private_redis.wait_until_up()
    pubsub = await make_pubsub(private_redis.url, keepalive_seconds=0.2)
    async with pubsub.subscribe("x") as events:
        # SIGSTOP keeps the TCP connection open but silent, like a dead network path.
        private_redis.signal(signal.SIGSTOP)
        assert await drain(events) == []
    private_redis.signal(signal.SIGCONT)
