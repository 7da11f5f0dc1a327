"""The prompt Redis pool (kit.redis_pool): a free, clean connection is handed out without
waiting, many commands at once get their own replies, and a connection left with an
unread reply or closed is made good before anyone uses it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from potluck.kit.redis_pool import PromptConnectionPool, has_unread_data, redis_client

pytestmark = pytest.mark.redis


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[Redis]:
    redis = redis_client(redis_url)
    await redis.set("pool:key", b"value")
    yield redis
    await redis.delete("pool:key")
    await redis.aclose()


def pool_of(client: Redis) -> PromptConnectionPool:
    pool = client.connection_pool
    assert isinstance(pool, PromptConnectionPool)
    return pool


async def test_a_clean_connection_is_handed_out_without_a_wait(client: Redis) -> None:
    await client.ping()  # one connection, open and idle in the pool
    taking = pool_of(client).get_connection()
    with pytest.raises(StopIteration) as done:
        taking.send(None)  # finished on its first step: never gave the event loop a turn
    await pool_of(client).release(done.value.value)


async def test_many_commands_at_once_each_get_their_own_reply(client: Redis) -> None:
    keys = [f"pool:n{n}" for n in range(200)]
    await asyncio.gather(*(client.set(key, key) for key in keys))
    values = await asyncio.gather(*(client.get(key) for key in keys))

    assert values == [key.encode() for key in keys]
    await client.delete(*keys)


async def test_a_connection_with_an_unread_reply_is_not_reused_as_is(client: Redis) -> None:
    pool = pool_of(client)
    connection = await pool.get_connection()
    await connection.send_command("ECHO", "stale reply")  # sent, never read
    for _ in range(50):
        if has_unread_data(connection):
            break
        await asyncio.sleep(0.01)
    assert has_unread_data(connection)
    await pool.release(connection)

    assert await client.get("pool:key") == b"value"  # not the stale reply


async def test_a_closed_connection_is_opened_again(client: Redis) -> None:
    pool = pool_of(client)
    connection = await pool.get_connection()
    await connection.disconnect()
    await pool.release(connection)

    assert await client.get("pool:key") == b"value"


def test_unknown_connections_are_left_to_redis_py_to_check() -> None:
    assert has_unread_data(object()) is True
