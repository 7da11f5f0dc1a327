"""Search on SQLite: an FTS5 table over the index rows' terms, ranked by BM25 (over a
pool of the newest matches: :mod:`.ranking`).

``search_note_fts`` is an external-content FTS5 table (its content is ``search_note``,
rowid = note ID) whose tokenizer splits on spaces only, so the analysed terms are its
tokens as they are. Triggers on ``search_note`` keep it in step (FTS5's ``'delete'``
command with the old terms, then the new ones), so a note deleted with its index row
(``ON DELETE CASCADE``) leaves FTS5 too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument, Scored, Sort
from potluck.search.engine_common import (
    filter_clauses,
    ordered_matches,
    query_text,
    remove_rows,
    replace_rows,
)
from potluck.search.models import SearchNote

_FTS = table("search_note_fts", column("rowid"))
_VOCABULARY = text(
    "SELECT term, doc FROM search_note_vocab WHERE doc >= :min_notes ORDER BY doc DESC, term LIMIT :limit"
)
_MATCHING = text("search_note_fts MATCH :match")
_MATCHES = select(SearchNote.note_id).join(_FTS, _FTS.c.rowid == SearchNote.note_id)
_ORDER = {
    Sort.NEWEST: "search_note.published_at DESC, search_note.note_id DESC",
    Sort.MOST_LIKED: "search_note.like_count DESC, search_note.note_id DESC",
}


class SqliteEngine:
    async def put(self, session: AsyncSession, documents: Sequence[NoteDocument]) -> None:
        if not documents:
            return
        await replace_rows(session, documents)

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
            _MATCHES,
            matching=_MATCHING,
            order=_ORDER[sort],
            params={"match": fts_query(query)},
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
        group_notes: Sequence[int] | None = None,  # noqa: ARG002 - FTS5 reads the newest matches first anyway
    ) -> list[Scored]:
        """FTS5 reads its matches in rowid order, so the newest come first without a sort,
        and BM25 (lower is better) is computed for those kept only."""
        if not query:
            return []
        clauses = filter_clauses(filters)
        if indexed_since is not None:
            # Through the index on indexed_at, each row looked up in FTS5 by rowid: not
            # every match of a common word checked for when it was indexed.
            recent = select(SearchNote.note_id).where(SearchNote.indexed_at >= indexed_since)
            clauses.append(_FTS.c.rowid.in_(recent))
        statement = (
            select(_FTS.c.rowid, text("bm25(search_note_fts)"))
            .join(SearchNote, SearchNote.note_id == _FTS.c.rowid)
            .where(_MATCHING, *clauses)
            .order_by(_FTS.c.rowid.desc())
            .limit(limit)
        )
        result = await session.execute(statement, {"match": fts_query(query)})
        return [(int(note_id), -float(bm25)) for note_id, bm25 in result]

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
            _MATCHES.where(_FTS.c.rowid < before),
            matching=_MATCHING,
            order="search_note_fts.rowid DESC",
            params={"match": fts_query(query)},
            filters=filters,
            offset=offset,
            limit=limit,
        )

    async def vocabulary(self, session: AsyncSession, *, min_notes: int, limit: int) -> list[tuple[str, int]]:
        result = await session.execute(_VOCABULARY, {"min_notes": min_notes, "limit": limit})
        return [(str(term), int(notes)) for term, notes in result]

    async def rebuild(self, session: AsyncSession) -> None:
        """Make the FTS5 table again from the index rows."""
        await session.execute(text("INSERT INTO search_note_fts (search_note_fts) VALUES ('rebuild')"))


def fts_query(query: QueryTerms) -> str:
    """FTS5 query syntax for the groups: every term a quoted string (never an operator)."""
    return query_text(query, quote=_quoted, any_of=" OR ", all_of=" AND ")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
