"""Redis pub/sub, for any number of processes sharing one Redis.

Design: one multiplexed subscriber connection per process, fanning out locally.

A WebSocket does not get its own Redis connection. The process holds one ``PubSub``
connection, subscribed to the union of the channels its local subscribers want (a
channel is SUBSCRIBEd when its first local subscriber arrives and UNSUBSCRIBEd when its
last one leaves), and hands each message to :class:`~potluck.realtime.embedded.LocalFanout`.
Compared with a ``PubSub`` per subscription this keeps Redis at one subscriber connection
per process however many clients are connected (Redis caps clients at 10,000 by default
and every connection costs a file descriptor on both sides), decodes each message's JSON
once per process rather than once per client, and keeps slow clients away from Redis: a
lagging client overflows its own local mailbox instead of Redis's output buffer for the
shared connection. The price is the bookkeeping below.

Two tasks own the subscriber connection: the reader is the only one that reads from it,
the writer the only one that writes (SUBSCRIBE, UNSUBSCRIBE, keepalive PING). Callers
queue commands instead of writing themselves, because redis-py drops a connection when a
write is cancelled halfway, and a cancelled WebSocket handler must not take every other
subscriber of the process down with it.

Connection loss: when either task fails, or Redis stops answering the keepalive PING for
three intervals (a half-open TCP connection never errors by itself), every current
subscription ends and the pub/sub reconnects with backoff in the background. Iterators
end rather than resume because events published during the gap are gone: the consumer
must reload state, exactly as for a slow consumer. While disconnected, ``subscribe``
waits up to ``subscribe_timeout`` for the connection and then raises
:class:`PubSubUnavailable`; it never hangs.

Publishing uses a separate, small blocking connection pool shared by the whole process:
commits publish concurrently, and a bounded pool makes a burst wait for a connection
instead of opening hundreds of them or serialising every publish on one socket.

Channel names are prefixed (by default ``potluck:<db>:``) because Redis pub/sub ignores
the database number: two instances on ``/0`` and ``/1`` of one server would otherwise
hear each other's events.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub as RedisPubSubConnection

from potluck.realtime.embedded import DEFAULT_MAX_PENDING, LocalFanout, Subscription
from potluck.realtime.interface import Event

logger = logging.getLogger(__name__)

PUBLISH_CONNECTIONS = 4
SOCKET_TIMEOUT_SECONDS = 5.0
RECONNECT_MIN_SECONDS = 0.2
RECONNECT_MAX_SECONDS = 10.0
# Silence this many keepalive intervals long means the connection is dead.
MISSED_KEEPALIVES = 3


class PubSubUnavailable(ConnectionError):
    """The broker cannot take subscriptions now; try again later."""


@dataclass(frozen=True)
class _Command:
    kind: Literal["subscribe", "unsubscribe"]
    channel: str
    confirmed: asyncio.Future[None] | None = None


class RedisPubSub:
    """Distributed mode's pub/sub. Call :meth:`start` before subscribing."""

    def __init__(
        self,
        url: str,
        *,
        channel_prefix: str | None = None,
        max_pending: int = DEFAULT_MAX_PENDING,
        keepalive_seconds: float = 15.0,
        subscribe_timeout: float = 5.0,
    ) -> None:
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=PUBLISH_CONNECTIONS,
            timeout=SOCKET_TIMEOUT_SECONDS,
            socket_timeout=SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        )
        self._publisher = Redis.from_pool(pool)
        # No socket_timeout on the subscriber: reads pass their own timeout, a stuck write
        # is caught by the keepalive, and redis-py applies socket_timeout to writes with
        # Python 3.11's asyncio.wait_for, which can swallow a cancellation and so hang stop().
        self._subscriber = Redis.from_url(
            url, socket_connect_timeout=SOCKET_TIMEOUT_SECONDS, socket_keepalive=True
        )
        if channel_prefix is None:
            channel_prefix = f"potluck:{pool.connection_kwargs.get('db', 0)}:"
        self.channel_prefix = channel_prefix
        self.fanout = LocalFanout(max_pending)
        self._keepalive = keepalive_seconds
        self._subscribe_timeout = subscribe_timeout
        # Channels SUBSCRIBEd (or queued to be) on the current connection; the future
        # resolves when Redis confirms.
        self._remote: dict[str, asyncio.Future[None]] = {}
        # Per channel, the futures of SUBSCRIBEs sent and not yet confirmed, in send order:
        # Redis confirms in order, so a subscribe/unsubscribe/subscribe burst resolves each
        # future with its own confirmation.
        self._unconfirmed: dict[str, deque[asyncio.Future[None]]] = {}
        self._commands: asyncio.Queue[_Command] = asyncio.Queue()
        self._ready = asyncio.Event()
        self._connection: RedisPubSubConnection | None = None
        self._supervisor: asyncio.Task[None] | None = None

    # -- the PubSub interface -------------------------------------------------------

    async def publish(self, channel: str, event: Event) -> None:
        payload = json.dumps(event, separators=(",", ":"), ensure_ascii=False)
        await self._publisher.publish(self.channel_prefix + channel, payload)

    @asynccontextmanager
    async def subscribe(self, *channels: str) -> AsyncIterator[Subscription]:
        """Subscribe once Redis has confirmed every channel.

        Raises :class:`PubSubUnavailable` if that does not happen within
        ``subscribe_timeout`` (not started, stopped, or Redis unreachable).
        """
        subscription = self.fanout.open(channels)
        try:
            await self._join(subscription.channels)
            yield subscription
        finally:
            for channel in self.fanout.close(subscription):
                # Queued, not awaited: leaving must not block, nor fail when Redis is down.
                if self._remote.pop(channel, None) is not None:
                    self._commands.put_nowait(_Command("unsubscribe", channel))

    async def start(self) -> None:
        """Connect the subscriber connection; raises if Redis is unreachable."""
        if self._supervisor is not None:
            return
        connection = self._subscriber.pubsub()
        try:
            await _connect(connection)
        except BaseException:
            await _close_quietly(connection)
            raise
        self._connection = connection
        self._supervisor = asyncio.create_task(self._supervise(), name="potluck.realtime.redis")
        # Connected: subscriptions may queue their commands before the supervisor first runs.
        self._ready.set()

    async def stop(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        self._ready.clear()
        self._forget_subscriptions(PubSubUnavailable("the pub/sub stopped"))
        if self._connection is not None:
            await _close_quietly(self._connection)
            self._connection = None
        await self._subscriber.aclose()
        await self._publisher.aclose()

    async def ping(self) -> None:
        """Raise unless Redis answers and the subscriber connection is up (for /readyz)."""
        if self._supervisor is not None and not self._ready.is_set():
            raise PubSubUnavailable("reconnecting to Redis")
        await self._publisher.ping()

    # -- subscribing ----------------------------------------------------------------

    async def _join(self, channels: frozenset[str]) -> None:
        if self._supervisor is None:
            raise PubSubUnavailable("the pub/sub is not running: call start() first")
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._subscribe_timeout):
                await self._ready.wait()
                waits: list[asyncio.Future[None]] = []
                for channel in channels:
                    confirmed = self._remote.get(channel)
                    if confirmed is None:
                        confirmed = loop.create_future()
                        confirmed.add_done_callback(_retrieve_exception)
                        self._remote[channel] = confirmed
                        self._commands.put_nowait(_Command("subscribe", channel, confirmed))
                    # Shielded: the future is shared with every other subscriber of the
                    # channel, and this caller timing out must not cancel it for them.
                    waits.append(asyncio.shield(confirmed))
                await asyncio.gather(*waits)
        except TimeoutError as exc:
            raise PubSubUnavailable("Redis did not confirm the subscription in time") from exc

    def _forget_subscriptions(self, reason: PubSubUnavailable) -> None:
        """The connection is gone: fail pending joins and end every subscription."""
        for confirmed in self._remote.values():
            if not confirmed.done():
                confirmed.set_exception(reason)
        self._remote.clear()
        self._unconfirmed.clear()
        self._commands = asyncio.Queue()
        self.fanout.end_all()

    # -- the connection's tasks -----------------------------------------------------

    async def _supervise(self) -> None:
        backoff = RECONNECT_MIN_SECONDS
        while True:
            assert self._connection is not None
            try:
                await self._serve(self._connection)
            except asyncio.CancelledError:
                raise
            # Whatever failed, the connection's state is unknown: treat it as lost.
            except Exception as exc:  # noqa: BLE001
                logger.warning("lost the Redis pub/sub connection: %r", exc)
            self._forget_subscriptions(PubSubUnavailable("lost the Redis connection"))
            await _close_quietly(self._connection)
            self._connection = None
            while self._connection is None:
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, RECONNECT_MAX_SECONDS)
                connection = self._subscriber.pubsub()
                try:
                    await _connect(connection)
                except Exception as exc:  # noqa: BLE001 - retried with backoff
                    logger.info("reconnecting to Redis pub/sub failed: %r", exc)
                    await _close_quietly(connection)
                else:
                    self._connection = connection
            backoff = RECONNECT_MIN_SECONDS
            logger.info("reconnected to Redis pub/sub")

    async def _serve(self, connection: RedisPubSubConnection) -> None:
        """Run the reader and the writer until one of them fails, then raise that."""
        self._ready.set()
        tasks = [
            asyncio.create_task(self._read(connection), name="potluck.realtime.redis.read"),
            asyncio.create_task(self._write(connection), name="potluck.realtime.redis.write"),
        ]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._ready.clear()  # before the awaits below: nobody may join a dying connection
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            if (exc := task.exception()) is not None:
                raise exc
        raise PubSubUnavailable("a pub/sub connection task stopped")

    async def _write(self, connection: RedisPubSubConnection) -> None:
        commands = self._commands
        this_task = asyncio.current_task()
        assert this_task is not None
        # Not ``while True``: should a library call swallow a cancellation, the loop still
        # stops instead of leaving stop() waiting for it forever.
        while not this_task.cancelling():
            try:
                async with asyncio.timeout(self._keepalive):
                    command = await commands.get()
            except TimeoutError:
                await connection.ping()
                continue
            key = self.channel_prefix + command.channel
            if command.kind == "subscribe":
                assert command.confirmed is not None
                self._unconfirmed.setdefault(command.channel, deque()).append(command.confirmed)
                await connection.subscribe(key)
            else:
                await connection.unsubscribe(key)
        raise asyncio.CancelledError

    async def _read(self, connection: RedisPubSubConnection) -> None:
        loop = asyncio.get_running_loop()
        last_heard = loop.time()
        while True:
            message = await connection.get_message(timeout=self._keepalive)
            now = loop.time()
            if message is None:
                if now - last_heard > MISSED_KEEPALIVES * self._keepalive:
                    raise PubSubUnavailable("Redis stopped answering")
                continue
            last_heard = now
            self._handle(message)

    def _handle(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind not in ("message", "subscribe"):
            return  # pong, unsubscribe confirmations
        key = _text(message["channel"])
        if not key.startswith(self.channel_prefix):
            return
        channel = key.removeprefix(self.channel_prefix)
        if kind == "subscribe":
            unconfirmed = self._unconfirmed.get(channel)
            if unconfirmed:
                confirmed = unconfirmed.popleft()
                if not unconfirmed:
                    del self._unconfirmed[channel]
                if not confirmed.done():
                    confirmed.set_result(None)
            return
        try:
            event: Event = json.loads(message["data"])
        except ValueError:
            logger.warning("dropping a malformed event on %s", key)
            return
        self.fanout.deliver(channel, event)


async def _connect(connection: RedisPubSubConnection) -> None:
    # socket_connect_timeout covers the TCP handshake only; redis-py then sends commands
    # (CLIENT SETINFO) whose replies a frozen server would never send.
    async with asyncio.timeout(SOCKET_TIMEOUT_SECONDS):
        await connection.connect()  # type: ignore[no-untyped-call]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _retrieve_exception(future: asyncio.Future[None]) -> None:
    # A failed join nobody waits for any more (it timed out) must not log
    # "exception was never retrieved".
    if not future.cancelled():
        future.exception()


async def _close_quietly(connection: RedisPubSubConnection) -> None:
    try:
        await connection.aclose()  # type: ignore[no-untyped-call]
    except Exception:  # closing a broken connection may fail; it is gone either way
        logger.debug("closing a Redis pub/sub connection failed", exc_info=True)
