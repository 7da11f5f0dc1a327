"""Search on PostgreSQL: a ``tsvector`` of the analysed terms with a GIN index.

The terms are stored as lexemes exactly as they are, with their positions (a ``tsvector``
written out, not parsed: no parser, no dictionary), and a query is a ``tsquery`` built
from quoted lexemes, so nothing a person types is read as an operator. Relevance is
``ts_rank``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument, Sort
from potluck.search.engine_common import filter_clauses, index_rows, query_text, ranked_ids, remove_rows
from potluck.search.models import SearchNote

MAX_POSITION = 16_383
# How many of the newest matches relevance ranks (older ones follow, newest first):
# ranking a common word's tens of thousands of matches would take hundreds of
# milliseconds (docs/search.md).
RANK_POOL = 300
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
        if not query:
            return []
        params = {"match": ts_query(query)}
        if sort == Sort.RELEVANCE:
            return await self._ranked(session, params, filters=filters, offset=offset, limit=limit)
        return await ranked_ids(
            session,
            select(SearchNote.note_id),
            matching=_MATCHING,
            order=_ORDER[sort],
            params=params,
            filters=filters,
            offset=offset,
            limit=limit,
        )

    async def _ranked(
        self, session: AsyncSession, params: dict[str, str], *, filters: Filters, offset: int, limit: int
    ) -> list[int]:
        """The newest ``RANK_POOL`` matches by ``ts_rank``, then the older ones newest
        first: ranking reads every candidate's lexemes, so it is bounded (the matches
        themselves come from the GIN index, their rows read for their IDs only). The
        order is the same whatever the page, so pages neither repeat nor skip a note."""
        found: list[int] = []
        if offset < RANK_POOL:
            wanted = min(limit, RANK_POOL - offset)
            pool = (
                select(SearchNote.note_id, literal_column("search_note.lexemes").label("lexemes"))
                .where(_MATCHING, *filter_clauses(filters))
                .order_by(text(_NEWEST_FIRST))
                .limit(RANK_POOL)
                .cte("pool")
                .prefix_with("MATERIALIZED")
            )
            rank = func.ts_rank(pool.c.lexemes, text("CAST(:match AS tsquery)"))
            statement = (
                select(pool.c.note_id)
                .order_by(rank.desc(), pool.c.note_id.desc())
                .offset(offset)
                .limit(wanted)
            )
            found = [int(note_id) for note_id in (await session.execute(statement, params)).scalars()]
            if len(found) < wanted or len(found) == limit:
                return found  # every match was in the pool, or the page is full
        older = await ranked_ids(
            session,
            select(SearchNote.note_id),
            matching=_MATCHING,
            order=_NEWEST_FIRST,
            params=params,
            filters=filters,
            offset=max(offset, RANK_POOL),
            limit=limit - len(found),
        )
        return found + older

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
