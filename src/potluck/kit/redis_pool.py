"""A Redis connection pool that hands out a free connection at once.

redis-py 5.3 (the newest that arq, the job queue, accepts) hands out pooled connections
under one lock per pool, and while holding it checks each connection for unread data
by trying to read with a zero timeout: a wait of one event-loop turn. Every command of a
process passes through that lock one at a time, so under load each waits a turn for
every command queued before it (redis/redis-py#3692). Measured with the feeds benchmark
(docs/benchmarks.md, "Feeds at scale"): a `ZSCORE` that Redis answers in microseconds
took a median of 12 ms at 50 connections, and such waits were the whole tail of the
Following feed. redis-py 7 checks without waiting, outside the lock.

:class:`PromptConnectionPool` does what redis-py 7 does: it takes a free connection
without a lock (one event loop, nothing to race) and, when the connection is open, looks
at what is already buffered instead of waiting to read. A connection that is closed, or
has unread data (a reply nobody read), goes through redis-py's own check, which
reconnects it.
"""

from __future__ import annotations

from typing import Any

from redis.asyncio import ConnectionPool, Redis
from redis.asyncio.connection import AbstractConnection


class PromptConnectionPool(ConnectionPool):
    async def get_connection(
        self,
        command_name: Any = None,  # noqa: ARG002 - redis-py's signature
        *keys: Any,  # noqa: ARG002
        **options: Any,  # noqa: ARG002
    ) -> AbstractConnection:
        connection: AbstractConnection = self.get_available_connection()  # type: ignore[no-untyped-call]
        try:
            await self.ensure_connection(connection)
        except BaseException:
            await self.release(connection)
            raise
        return connection

    async def ensure_connection(self, connection: AbstractConnection) -> None:
        if connection.is_connected and not has_unread_data(connection):
            return
        await super().ensure_connection(connection)


def has_unread_data(connection: Any) -> bool:
    """Whether bytes or a reply wait unread on ``connection`` (True when this redis-py's
    insides are not the ones this was written for: then redis-py checks for itself)."""
    try:
        if not connection._socket_is_empty():  # what redis-py 5.3 itself asks
            return True
        parser = connection._parser
        has_data = getattr(getattr(parser, "_reader", None), "has_data", None)
        if callable(has_data):  # hiredis
            return bool(has_data())
        return bool(parser._buffer)  # the pure-Python parser
    except (AttributeError, TypeError):
        return True


def redis_client(url: str) -> Redis:
    """A client for ``url`` on a :class:`PromptConnectionPool` (closed with the client)."""
    return Redis.from_pool(PromptConnectionPool.from_url(url))
