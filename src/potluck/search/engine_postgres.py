"""Search on PostgreSQL: a ``tsvector`` of the analysed terms with a GIN index.

The terms are stored as lexemes exactly as they are, with their positions (a ``tsvector``
written out, not parsed: no parser, no dictionary), and a query is a ``tsquery`` built
from quoted lexemes, so nothing a person types is read as an operator. Relevance is
``ts_rank`` (over a pool of the newest matches: :mod:`.ranking`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.db.among import among
from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument, Scored, Sort
from potluck.search.engine_common import filter_clauses, index_rows, ordered_matches, query_text, remove_rows
from potluck.search.models import SearchNote

MAX_POSITION = 16_383
MAX_POSITIONS_PER_LEXEME = 256
_INSERT = text(
    "INSERT INTO search_note "
    "(note_id, terms, category, note_type, published_at, like_count, indexed_at, lexemes) "
    "VALUES (:note_id, :terms, :category, :note_type, :published_at, :like_count, :indexed_at, "
    "CAST(:lexemes AS tsvector))"
)
# ts_stat reads every row's lexemes: for the periodic vocabulary job, never a request.
_VOCABULARY = text(
    "SELECT word, ndoc FROM ts_stat('SELECT lexemes FROM search_note') "
    "WHERE ndoc >= :min_notes ORDER BY ndoc DESC, word LIMIT :limit"
)
_MATCHING = text("search_note.lexemes @@ CAST(:match AS tsquery)")
# Orders are written as expressions no index provides (``+ 0``), so matches are always
# found through the GIN index: reading an ordered index backwards and checking each row
# is quick for a common word but, when the planner misjudges how common (an OR of rare
# words), read half the table for one page (830 ms in bench/search_speed.py).
_ORDER = {
    Sort.NEWEST: "search_note.published_at + INTERVAL '0 seconds' DESC, search_note.note_id DESC",
    Sort.MOST_LIKED: "search_note.like_count + 0 DESC, search_note.note_id DESC",
}
_NEWEST_FIRST = "search_note.note_id + 0 DESC"


# A one-word query expected to match many notes looks for its newest matches among the
# newest notes first (a window of them: the smallest of these holding about twice the
# matches wanted), then in the next window, and only then through the GIN index alone:
# reading a match's row costs 5-35 µs (cached or not), and the 9,557 matches of "mom"
# at a million notes took 323 ms, those among the newest 120,000 notes 14 ms (GIN and
# primary key bitmaps ANDed). Not for several words: the planner, taking them for
# independent, expects few matches and reads every match's row to check the window
# (周末 拍照: 2,001 expected, 15,998 found; 206 ms through a window, 85 ms without).
SCAN_WINDOWS = (30_000, 120_000, 480_000)
WINDOW_MARGIN = 2.0
_KEPT_FOR = 300.0  # seconds a process keeps the index's size and the windows' starts


async def _notes_indexed(session: AsyncSession) -> float:
    """About how many notes the index holds (the planner's count), kept five minutes."""
    decoded = cache_of(session.info).decoded
    count: float | None = decoded.get("search:pg:notes")
    if count is None:
        statement = text("SELECT reltuples FROM pg_class WHERE oid = 'search_note'::regclass")
        count = max(1.0, float(await session.scalar(statement) or 0))
        decoded.put("search:pg:notes", count, ttl=_KEPT_FOR, size=100)
    return count


async def _window_start(session: AsyncSession, size: int) -> int | None:
    """The ID of the ``size``-th newest note indexed (None when there are fewer), kept
    five minutes: the notes indexed meanwhile only make the window a little wider."""
    decoded = cache_of(session.info).decoded
    key = f"search:pg:window:{size}"
    kept: tuple[int | None] | None = decoded.get(key)
    if kept is None:
        statement = select(SearchNote.note_id).order_by(SearchNote.note_id.desc()).offset(size - 1).limit(1)
        found = await session.scalar(statement)
        kept = (None if found is None else int(found),)
        decoded.put(key, kept, ttl=_KEPT_FOR, size=100)
    return kept[0]


class PostgresEngine:
    async def put(self, session: AsyncSession, documents: Sequence[NoteDocument]) -> None:
        if not documents:
            return
        # The row and its lexemes in one INSERT: one tuple and one set of GIN entries each.
        await remove_rows(session, [document.note_id for document in documents])
        rows = index_rows(documents)
        for row, document in zip(rows, documents, strict=True):
            # The lexemes hold the terms; the text copy is for SQLite's FTS5 only.
            row["terms"] = ""
            row["lexemes"] = ts_vector(document.terms)
        await session.execute(_INSERT, rows)

    async def remove(self, session: AsyncSession, note_ids: Sequence[int]) -> None:
        await remove_rows(session, note_ids)

    async def match(
        self,
        session: AsyncSession,
        query: QueryTerms,
        *,
        filters: Filters,
        sort: Sort,
        offset: int,
        limit: int,
    ) -> list[int]:
        if sort == Sort.RELEVANCE:
            raise ValueError("relevance is ranked by potluck.search.ranking")
        if not query:
            return []
        return await ordered_matches(
            session,
            select(SearchNote.note_id),
            matching=_MATCHING,
            order=_ORDER[sort],
            params={"match": ts_query(query)},
            filters=filters,
            offset=offset,
            limit=limit,
        )

    async def pool(
        self,
        session: AsyncSession,
        query: QueryTerms,
        *,
        filters: Filters,
        limit: int,
        indexed_since: datetime | None = None,
        group_notes: Sequence[int] | None = None,
    ) -> list[Scored]:
        """The candidates are found first (through the GIN index, each match's row read
        for its ID only), then ranked: ``ts_rank`` reads a candidate's lexemes. A query
        of one word expected to match many notes looks among the newest notes first
        (``SCAN_WINDOWS``)."""
        if not query:
            return []
        params = {"match": ts_query(query)}
        clauses = filter_clauses(filters)
        if indexed_since is not None:
            clauses.append(SearchNote.indexed_at >= indexed_since)
            return await self._ranked(
                session, params, await self._candidates(session, params, clauses, limit=limit)
            )
        found: list[int] = []
        newer_than: int | None = None  # the start of the last window looked through
        if group_notes is not None and len(group_notes) == 1:
            total = await _notes_indexed(session)
            share = min(1.0, group_notes[0] / total)
            for size in SCAN_WINDOWS:
                if share * size < WINDOW_MARGIN * limit:
                    continue  # too few matches expected among these
                start = await _window_start(session, size)
                if start is None:
                    break  # fewer notes than that: the GIN index reads them all anyway
                window = [SearchNote.note_id >= start]
                if newer_than is not None:
                    window.append(SearchNote.note_id < newer_than)
                found += await self._candidates(
                    session, params, [*clauses, *window], limit=limit - len(found)
                )
                newer_than = start
                if len(found) == limit:
                    return await self._ranked(session, params, found)
        if newer_than is not None:
            clauses.append(SearchNote.note_id < newer_than)
        found += await self._candidates(session, params, clauses, limit=limit - len(found))
        return await self._ranked(session, params, found)

    async def _candidates(
        self, session: AsyncSession, params: dict[str, str], clauses: list[ColumnElement[bool]], *, limit: int
    ) -> list[int]:
        statement = (
            select(SearchNote.note_id).where(_MATCHING, *clauses).order_by(text(_NEWEST_FIRST)).limit(limit)
        )
        return [int(note_id) for note_id in (await session.execute(statement, params)).scalars()]

    async def _ranked(
        self, session: AsyncSession, params: dict[str, str], note_ids: list[int]
    ) -> list[Scored]:
        if not note_ids:
            return []
        rank = func.ts_rank(literal_column("search_note.lexemes"), text("CAST(:match AS tsquery)"))
        statement = select(SearchNote.note_id, rank).where(among(session, SearchNote.note_id, note_ids))
        result = await session.execute(statement, params)
        return [(int(note_id), float(score)) for note_id, score in result]

    async def older(
        self,
        session: AsyncSession,
        query: QueryTerms,
        *,
        filters: Filters,
        before: int,
        offset: int,
        limit: int,
    ) -> list[int]:
        if not query:
            return []
        return await ordered_matches(
            session,
            select(SearchNote.note_id).where(SearchNote.note_id < before),
            matching=_MATCHING,
            order=_NEWEST_FIRST,
            params={"match": ts_query(query)},
            filters=filters,
            offset=offset,
            limit=limit,
        )

    async def vocabulary(self, session: AsyncSession, *, min_notes: int, limit: int) -> list[tuple[str, int]]:
        result = await session.execute(_VOCABULARY, {"min_notes": min_notes, "limit": limit})
        return [(str(term), int(notes)) for term, notes in result]


def ts_vector(terms: Sequence[str]) -> str:
    """``tsvector`` text: every term a quoted lexeme with its positions (how often it
    occurs counts for ``ts_rank``; PostgreSQL keeps positions up to 16,383)."""
    positions: dict[str, list[str]] = {}
    for position, term in enumerate(terms[:MAX_POSITION], start=1):
        positions.setdefault(term, []).append(str(position))
    return " ".join(
        f"{_lexeme(term)}:{','.join(at[:MAX_POSITIONS_PER_LEXEME])}" for term, at in positions.items()
    )


def ts_query(query: QueryTerms) -> str:
    """``tsquery`` text for the groups: every term a quoted lexeme (never an operator)."""
    return query_text(query, quote=_lexeme, any_of=" | ", all_of=" & ")


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
