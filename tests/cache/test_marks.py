"""Change marks (cache.marks): a mark made in one process reaches the others; a process
trusts no copy from before it was listening; old marks are forgotten."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from potluck.cache.marks import MARK_SECONDS, Marks
from potluck.realtime.embedded import InProcessPubSub
from potluck.realtime.redis import RedisPubSub
from tests.cache.helpers import FakeClock, until


@pytest.fixture
async def in_process() -> AsyncIterator[tuple[Marks, Marks]]:
    """Two listeners on one in-process pub/sub (as in one embedded process)."""
    pubsub = InProcessPubSub()
    await pubsub.start()
    first, second = Marks(pubsub), Marks(pubsub)
    await first.start()
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()
    await pubsub.stop()


@pytest.fixture
async def two_processes(redis_url: str) -> AsyncIterator[tuple[Marks, Marks]]:
    """Two processes' marks, each with its own Redis pub/sub connection."""
    pubsubs = [RedisPubSub(redis_url), RedisPubSub(redis_url)]
    for pubsub in pubsubs:
        await pubsub.start()
    boards = [Marks(pubsub) for pubsub in pubsubs]
    for board in boards:
        await board.start()
    yield boards[0], boards[1]
    for board in boards:
        await board.stop()
    for pubsub in pubsubs:
        await pubsub.stop()


async def test_a_mark_spoils_copies_made_before_it_only(in_process: tuple[Marks, Marks]) -> None:
    board, _ = in_process
    before = board._clock()
    await board.mark(["reader:1"])
    after = board._clock() + 0.001

    assert board.changed_since(["author:9", "reader:1"], before)
    assert not board.changed_since(["author:9", "reader:1"], after)
    assert not board.changed_since(["reader:2"], before)


async def test_a_mark_reaches_the_other_listener(in_process: tuple[Marks, Marks]) -> None:
    first, second = in_process
    made = first._clock()
    await first.mark(["author:5"])
    await until(lambda: second.changed_since(["author:5"], made))


@pytest.mark.redis
async def test_a_mark_reaches_another_process_through_redis(two_processes: tuple[Marks, Marks]) -> None:
    first, second = two_processes
    made = first._clock()
    assert not second.changed_since(["author:6"], made)

    await first.mark(["author:6"])

    assert first.changed_since(["author:6"], made)  # at once where it was made
    await until(lambda: second.changed_since(["author:6"], made))


async def test_nothing_is_trusted_while_not_listening() -> None:
    pubsub = InProcessPubSub()
    await pubsub.start()
    board = Marks(pubsub)
    assert board.changed_since([], board._clock())  # not started: no copy is used

    await board.start()
    assert not board.changed_since([], board._clock())
    assert board.changed_since([], board._clock() - 1)  # made before it listened

    await board.stop()
    assert board.changed_since([], board._clock())
    await pubsub.stop()


async def test_marks_are_forgotten_after_their_time() -> None:
    clock = FakeClock()
    pubsub = InProcessPubSub()
    await pubsub.start()
    board = Marks(pubsub, clock=clock)
    await board.start()
    made = clock()
    await board.mark(["reader:3"])
    clock.advance(MARK_SECONDS + 1)
    await board.mark(["reader:4"])  # marking also sweeps out what is too old

    assert "reader:3" not in board._latest
    assert board.changed_since(["reader:4"], made)
    await board.stop()
    await pubsub.stop()
