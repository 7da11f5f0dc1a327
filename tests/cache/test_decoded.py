"""Decoded copies of marked values (cache.decoded), on their own and as kept pages use
them: a process reads a kept page from the shared backend once and then uses its own
copy until the page expires, and a mark spoils that copy in every process."""

from __future__ import annotations

from dataclasses import replace

import pytest

from potluck.cache import Cache, MemoryCache, kept_pages
from potluck.cache.decoded import Decoded
from potluck.cache.kept_pages import KeptPage
from potluck.cache.marks import Marks, reader
from tests.cache.helpers import FakeClock, WatchedBackend


def test_a_copy_is_kept_for_its_ttl(clock: FakeClock) -> None:
    decoded = Decoded(clock=clock)
    decoded.put("a", "value", ttl=10, size=5)
    clock.advance(9.9)
    assert decoded.get("a") == "value"
    clock.advance(0.2)
    assert decoded.get("a") is None
    assert len(decoded) == 0


def test_putting_again_replaces_and_drop_forgets(clock: FakeClock) -> None:
    decoded = Decoded(clock=clock)
    decoded.put("a", "old", ttl=10, size=5)
    decoded.put("a", "new", ttl=10, size=5)
    assert decoded.get("a") == "new"
    decoded.drop("a")
    decoded.drop("never there")
    assert decoded.get("a") is None


def test_the_least_recently_used_go_first_to_stay_under_the_bounds(clock: FakeClock) -> None:
    by_count = Decoded(max_entries=2, clock=clock)
    for key in ("a", "b"):
        by_count.put(key, key, ttl=10, size=1)
    by_count.get("a")  # b is now the least recently used
    by_count.put("c", "c", ttl=10, size=1)
    assert (by_count.get("a"), by_count.get("b"), by_count.get("c")) == ("a", None, "c")

    by_size = Decoded(max_bytes=100, clock=clock)
    by_size.put("a", "a", ttl=10, size=60)
    by_size.put("b", "b", ttl=10, size=60)
    by_size.put("huge", "huge", ttl=10, size=101)
    assert (by_size.get("a"), by_size.get("b"), by_size.get("huge")) == (None, "b", None)


def test_nothing_is_kept_that_has_already_expired(clock: FakeClock) -> None:
    decoded = Decoded(clock=clock)
    decoded.put("a", "value", ttl=0, size=5)
    assert decoded.get("a") is None


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def same(loaded: KeptPage | None, page: KeptPage) -> bool:
    """The page as stored (the copy also knows when it expires)."""
    return loaded is not None and loaded.until > 0 and replace(loaded, until=0.0) == page


async def test_another_process_reads_a_kept_page_once_then_uses_its_copy(marks_board: Marks) -> None:
    shared = WatchedBackend(MemoryCache())
    here, there = Cache(shared), Cache(shared)  # two processes, one backend
    page = KeptPage(made_at=kept_pages.started(), stamp=None, subjects=[reader(1)], body=b'{"items": []}')
    await kept_pages.store(here, "page", page)

    assert same(await kept_pages.load(here, marks_board, "page"), page)
    assert shared.reads == 0  # the process that stored it kept its copy
    for _ in range(3):
        assert same(await kept_pages.load(there, marks_board, "page"), page)
    assert shared.reads == 1


async def test_a_mark_spoils_the_decoded_copies(marks_board: Marks) -> None:
    shared = WatchedBackend(MemoryCache())
    here, there = Cache(shared), Cache(shared)
    page = KeptPage(made_at=kept_pages.started(), stamp=None, subjects=[reader(1)], body=b"{}")
    await kept_pages.store(here, "page", page)
    assert same(await kept_pages.load(there, marks_board, "page"), page)

    await marks_board.mark([reader(1)])

    assert await kept_pages.load(here, marks_board, "page") is None
    assert await kept_pages.load(there, marks_board, "page") is None
    assert len(here.decoded) == len(there.decoded) == 0
