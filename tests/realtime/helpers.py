"""Small helpers shared by the realtime tests."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable

from potluck.realtime.interface import Event

# Generous: these bound how long a broken test hangs, they assert nothing about speed.
WAIT_SECONDS = 10.0


def make_event(n: int, type_: str = "test.event") -> Event:
    return Event(id=str(n), type=type_, data={"n": n})


async def next_event(events: AsyncIterator[Event]) -> Event:
    return await asyncio.wait_for(anext(events), WAIT_SECONDS)


async def drain(events: AsyncIterator[Event]) -> list[Event]:
    """Everything left in an iterator that is expected to end."""

    async def collect() -> list[Event]:
        return [event async for event in events]

    return await asyncio.wait_for(collect(), WAIT_SECONDS)


async def eventually(condition: Callable[[], object], what: str) -> None:
    """Wait until ``condition()`` (a value or an awaitable) is truthy; fail after WAIT_SECONDS."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        await asyncio.sleep(0.02)
