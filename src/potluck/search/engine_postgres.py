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
from potluck.search.engine_common import filter_clauses, index_rows, query_text, ranked_ids, remove_rows
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


# A query expected to match at least this share of the notes finds its newest matches
# by reading the newest SCAN_NOTES notes backwards: reading a match's row through the
# GIN index costs about 4.5 µs (62,000 matches of 牛油 at a million notes: 295 ms), so
# from about 1% of the notes on it is cheaper to check the newest notes one by one.
SCAN_SHARE = 0.01
SCAN_NOTES = 30_000
_KEPT_FOR = 60.0  # seconds a process keeps the index's size and the scan's boundary


async def _notes_indexed(session: AsyncSession) -> float:
    """About how many notes the index holds (the planner's count), kept a minute."""
    decoded = cache_of(session.info).decoded
    count: float | None = decoded.get("search:pg:notes")
    if count is None:
        statement = text("SELECT reltuples FROM pg_class WHERE oid = 'search_note'::regclass")
        count = max(1.0, float(await session.scalar(statement) or 0))
        decoded.put("search:pg:notes", count, ttl=_KEPT_FOR, size=100)
    return count


async def _scan_boundary(session: AsyncSession) -> int:
    """The ID of the ``SCAN_NOTES``-th newest note indexed (0 when there are fewer), kept
    a minute: the notes indexed meanwhile only make the scan a little longer."""
    decoded = cache_of(session.info).decoded
    boundary: int | None = decoded.get("search:pg:scan_boundary")
    if boundary is None:
        statement = (
            select(SearchNote.note_id).order_by(SearchNote.note_id.desc()).offset(SCAN_NOTES - 1).limit(1)
        )
        boundary = int(await session.scalar(statement) or 0)
        decoded.put("search:pg:scan_boundary", boundary, ttl=_KEPT_FOR, size=100)
    return boundary


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
        return await ranked_ids(
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
        expected: int | None = None,
    ) -> list[Scored]:
        """The candidates are found first (through the GIN index, each match's row read
        for its ID only), then ranked: ``ts_rank`` reads a candidate's lexemes. A query
        expected to match a large share of the notes (``SCAN_SHARE``) finds its newest
        matches among the newest ``SCAN_NOTES`` notes, read backwards and each checked,
        instead of reading the rows of all its matches; older ones, if it needs them,
        through the GIN index."""
        if not query:
            return []
        params = {"match": ts_query(query)}
        clauses = filter_clauses(filters)
        if indexed_since is not None:
            clauses.append(SearchNote.indexed_at >= indexed_since)
        elif expected is not None and expected >= SCAN_SHARE * await _notes_indexed(session):
            boundary = await _scan_boundary(session)
            recent = await self._candidates(
                session, params, [*clauses, SearchNote.note_id >= boundary], limit=limit, scan=True
            )
            if len(recent) < limit:
                recent += await self._candidates(
                    session, params, [*clauses, SearchNote.note_id < boundary], limit=limit - len(recent)
                )
            return await self._ranked(session, params, recent)
        return await self._ranked(
            session, params, await self._candidates(session, params, clauses, limit=limit)
        )

    async def _candidates(
        self,
        session: AsyncSession,
        params: dict[str, str],
        clauses: list[ColumnElement[bool]],
        *,
        limit: int,
        scan: bool = False,
    ) -> list[int]:
        order = "search_note.note_id DESC" if scan else _NEWEST_FIRST
        statement = select(SearchNote.note_id).where(_MATCHING, *clauses).order_by(text(order)).limit(limit)
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
        return await ranked_ids(
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
