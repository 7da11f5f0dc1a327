"""Relevance ranking from a kept pool (search.ranking), on each suite run's own engine: a
kept ranking takes in what is indexed after it was read (new notes, edited notes), so
a search never shows an older picture than the index holds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.time import utcnow
from potluck.search import engine_postgres, ranking
from potluck.search.analysis import index_terms, query_terms
from potluck.search.engine import Filters, NoteDocument, Sort
from potluck.search.engines import engine_for
from potluck.search.ranking import ranked_ids
from tests.explore.factories import make_author, make_notes


@pytest.fixture(autouse=True)
def no_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what is indexed after a pool was read is looked at again (not the last ten
    seconds' too, which in a test is everything)."""
    monkeypatch.setattr(ranking, "CHANGE_MARGIN", timedelta(0))


async def put(db: AsyncSession, note_id: int, text: str) -> None:
    await engine_for(db).put(db, [NoteDocument(note_id, index_terms(text), "food", "image", utcnow(), 0)])


async def ranked(db: AsyncSession, query: str, *, offset: int = 0, limit: int = 20) -> list[int]:
    return await ranked_ids(
        db, query_terms(query), filters=Filters(), sort=Sort.RELEVANCE, offset=offset, limit=limit
    )


@pytest.fixture
def pool_reads(monkeypatch: pytest.MonkeyPatch, db: AsyncSession) -> list[bool]:
    """Each time the engine reads a pool: True for a whole one, False for what changed."""
    reads: list[bool] = []
    engine_class = type(engine_for(db))
    read = engine_class.pool

    async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(kwargs.get("indexed_since") is None)
        return await read(self, *args, **kwargs)

    monkeypatch.setattr(engine_class, "pool", counted)
    return reads


async def test_a_popular_search_reads_its_pool_once_then_only_what_changed(
    db: AsyncSession, pool_reads: list[bool]
) -> None:
    author = await make_author(db, "teacher")
    first, second = await make_notes(db, author, 2)
    await put(db, first, "green tea")
    await put(db, second, "tea tea and more tea")
    for _ in range(3):
        assert await ranked(db, "tea") == [second, first]
    assert pool_reads == [True, False, False]


async def test_a_note_indexed_after_the_pool_was_read_is_ranked_in_it(db: AsyncSession) -> None:
    author = await make_author(db, "teacher")
    first, second, third = await make_notes(db, author, 3)
    await put(db, first, "green tea or iced tea")
    await put(db, second, "tea with lemon cake and biscuits")
    assert await ranked(db, "tea") == [first, second]
    await put(db, third, "tea tea tea: all about tea")
    assert await ranked(db, "tea") == [third, first, second]
    assert await ranked(db, "cake") == [second]


async def test_an_edited_note_is_found_by_its_new_words_only_and_ranked_again(db: AsyncSession) -> None:
    author = await make_author(db, "cook")
    dumplings, buns = await make_notes(db, author, 2)
    await put(db, dumplings, "pork and chive dumplings")
    await put(db, buns, "chive buns, chive pancakes, chive everything")
    assert await ranked(db, "chive") == [buns, dumplings]
    assert await ranked(db, "mushroom") == []
    await put(db, buns, "mushroom buns")  # edited: no chives any more
    await put(db, dumplings, "chive dumplings, chive chive chive")
    assert await ranked(db, "chive") == [dumplings]
    assert await ranked(db, "mushroom") == [buns]


async def test_new_matches_push_the_oldest_out_of_a_full_pool_and_pages_stay_whole(
    db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ranking, "RANK_POOL", 2)
    author = await make_author(db, "teacher")
    oldest, older, new, newest = await make_notes(db, author, 4)
    await put(db, oldest, "tea")
    await put(db, older, "tea tea")
    await put(db, new, "tea and cake and biscuits and jam")
    assert await ranked(db, "tea") == [older, new, oldest]  # the pool: older and new
    await put(db, newest, "tea tea tea")
    # The pool is now new and newest; older follows it, then oldest: every page agrees.
    assert await ranked(db, "tea") == [newest, new, older, oldest]
    pages = [await ranked(db, "tea", offset=offset, limit=1) for offset in range(5)]
    assert pages == [[newest], [new], [older], [oldest], []]


async def test_each_filter_keeps_its_own_ranking(db: AsyncSession) -> None:
    author = await make_author(db, "traveller")
    food, trip = await make_notes(db, author, 2)
    await put(db, food, "matcha tea")
    await engine_for(db).put(
        db, [NoteDocument(trip, index_terms("tea fields of Uji"), "travel", "image", utcnow(), 0)]
    )
    query = query_terms("tea")
    travel = Filters(category="travel")
    assert sorted(await ranked(db, "tea")) == [food, trip]
    assert await ranked_ids(db, query, filters=travel, sort=Sort.RELEVANCE, offset=0, limit=20) == [trip]
    assert ranking.pool_key(query, travel) != ranking.pool_key(query, Filters())


@pytest.mark.parametrize("windows", [(2,), (2, 5), (3, 50), (50,)])
async def test_a_common_query_finds_the_same_pool_whichever_way_the_engine_looks(
    db: AsyncSession, monkeypatch: pytest.MonkeyPatch, windows: tuple[int, ...]
) -> None:
    """PostgreSQL looks for a word expected to be common among the newest notes first
    (windows of the newest ``windows`` notes), then through the GIN index for the rest:
    the same pool as through the GIN index alone. (SQLite reads its matches newest first
    whatever is expected.)"""
    monkeypatch.setattr(engine_postgres, "SCAN_WINDOWS", windows)
    monkeypatch.setattr(engine_postgres, "WINDOW_MARGIN", 0.0)
    author = await make_author(db, "teacher")
    ids = await make_notes(db, author, 12)
    for n, note_id in enumerate(ids):
        await put(db, note_id, "tea " * (1 + n % 3) + ("cake" if n % 2 else "scones"))
    engine, query = engine_for(db), query_terms("cake")
    with_cake = [note_id for n, note_id in enumerate(ids) if n % 2][::-1]
    for limit in (1, 4, 20):
        through_index = await engine.pool(db, query, filters=Filters(), limit=limit)
        newest_first = await engine.pool(db, query, filters=Filters(), limit=limit, group_notes=[6])
        assert sorted(newest_first) == sorted(through_index)
        assert sorted(note_id for note_id, _ in through_index) == sorted(with_cake[:limit])
