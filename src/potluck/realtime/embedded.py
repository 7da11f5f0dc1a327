"""In-process pub/sub: fan-out to the subscribers of this process.

:class:`LocalFanout` is the part both implementations share. Embedded mode uses it alone
(:class:`InProcessPubSub`); distributed mode puts it behind one Redis connection
(:class:`potluck.realtime.redis.RedisPubSub`).

Slow subscribers are disconnected, not fed a lossy stream. Every subscriber has a bounded
mailbox and a publisher never waits on it. When a subscriber falls ``max_pending`` events
behind, its subscription ends: its iterator stops and whatever it had buffered is dropped.
Dropping the oldest (or newest) event instead would leave a client applying events to
state that silently misses one; ending the stream tells it to reconnect and reload, the
same contract as Zulip's event queues.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from potluck.realtime.interface import Event

DEFAULT_MAX_PENDING = 256


class Subscription:
    """One subscriber's mailbox, iterated by exactly one consumer.

    Iteration yields events until the subscription ends: its context exits, the pub/sub
    stops or loses its broker, or the consumer falls ``max_pending`` events behind
    (``overflowed`` is then true). An ended subscription never resumes; subscribe again.
    """

    def __init__(self, channels: frozenset[str], max_pending: int) -> None:
        if max_pending < 1:
            raise ValueError("max_pending must be at least 1")
        self.channels = channels
        self.overflowed = False
        self._max_pending = max_pending
        # ``None`` is the end marker; ``end()`` empties the queue first, so it always fits.
        self._queue: asyncio.Queue[Event | None] = asyncio.Queue(maxsize=max_pending)
        self._ended = False  # no more events will be accepted
        self._finished = False  # the consumer has seen the end marker

    @property
    def pending(self) -> int:
        """Events accepted and not yet consumed."""
        return 0 if self._ended else self._queue.qsize()

    @property
    def ended(self) -> bool:
        return self._ended

    def offer(self, event: Event) -> None:
        """Queue ``event`` without waiting; end the subscription if the consumer lags."""
        if self._ended:
            return
        if self._queue.qsize() >= self._max_pending:
            self.overflowed = True
            self.end()
            return
        self._queue.put_nowait(event)

    def end(self) -> None:
        """Stop accepting events and wake the consumer so its iteration finishes.

        Buffered events are discarded: a consumer cut off has to resync from the
        database anyway, and replaying a backlog first would only delay that.
        """
        if self._ended:
            return
        self._ended = True
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(None)

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Event:
        if self._finished:
            raise StopAsyncIteration
        item = await self._queue.get()
        if item is None:
            self._finished = True
            raise StopAsyncIteration
        return item


class LocalFanout:
    """Which subscriptions of this process listen to which channel.

    Not thread-safe: every method runs on the event loop of the process.
    """

    def __init__(self, max_pending: int = DEFAULT_MAX_PENDING) -> None:
        self.max_pending = max_pending
        self._by_channel: dict[str, set[Subscription]] = {}

    def open(self, channels: Iterable[str]) -> Subscription:
        wanted = frozenset(channels)
        if not wanted:
            raise ValueError("subscribe to at least one channel")
        subscription = Subscription(wanted, self.max_pending)
        for channel in wanted:
            self._by_channel.setdefault(channel, set()).add(subscription)
        return subscription

    def close(self, subscription: Subscription) -> list[str]:
        """End and forget ``subscription``; return the channels nobody listens to now."""
        subscription.end()
        emptied: list[str] = []
        for channel in subscription.channels:
            subscribers = self._by_channel.get(channel)
            if subscribers is None:
                continue  # already forgotten by end_all()
            subscribers.discard(subscription)
            if not subscribers:
                del self._by_channel[channel]
                emptied.append(channel)
        return emptied

    def deliver(self, channel: str, event: Event) -> None:
        # offer() never waits and never touches the mapping, so iterating the live set is safe.
        for subscription in self._by_channel.get(channel, ()):
            subscription.offer(event)

    def end_all(self) -> None:
        """End every subscription (shutdown, or the broker was lost)."""
        subscriptions = {s for subscribers in self._by_channel.values() for s in subscribers}
        self._by_channel.clear()
        for subscription in subscriptions:
            subscription.end()

    def subscriber_count(self, channel: str) -> int:
        return len(self._by_channel.get(channel, ()))

    @property
    def channels(self) -> frozenset[str]:
        return frozenset(self._by_channel)


class InProcessPubSub:
    """Embedded mode's pub/sub: every publisher and subscriber live in this process.

    Events go through a JSON round trip on publish, so data that Redis could not carry
    (datetimes, sets, objects) fails here too instead of only in distributed mode, and
    subscribers never share a mutable dict with the publisher.
    """

    def __init__(self, *, max_pending: int = DEFAULT_MAX_PENDING) -> None:
        self.fanout = LocalFanout(max_pending)

    async def publish(self, channel: str, event: Event) -> None:
        copy: Event = json.loads(json.dumps(event))
        self.fanout.deliver(channel, copy)

    @asynccontextmanager
    async def subscribe(self, *channels: str) -> AsyncIterator[Subscription]:
        subscription = self.fanout.open(channels)
        try:
            yield subscription
        finally:
            self.fanout.close(subscription)

    async def start(self) -> None:
        """Nothing to connect to."""

    async def stop(self) -> None:
        """End current subscriptions; the object stays usable (tests restart it)."""
        self.fanout.end_all()

    async def ping(self) -> None:
        """Always reachable."""
