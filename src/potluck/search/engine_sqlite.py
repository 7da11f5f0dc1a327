"""Search on SQLite: an FTS5 table over the index rows' terms, ranked by BM25.

``search_note_fts`` is an external-content FTS5 table (its content is ``search_note``,
rowid = note ID) whose tokenizer splits on spaces only, so the analysed terms are its
tokens as they are. Triggers on ``search_note`` keep it in step (FTS5's ``'delete'``
command with the old terms, then the new ones), so a note deleted with its index row
(``ON DELETE CASCADE``) leaves FTS5 too.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument, Sort
from potluck.search.engine_common import query_text, ranked_ids, remove_rows, replace_rows
from potluck.search.models import SearchNote

_FTS = table("search_note_fts", column("rowid"))
_VOCABULARY = text(
    "SELECT term, doc FROM search_note_vocab WHERE doc >= :min_notes ORDER BY doc DESC, term LIMIT :limit"
)
_ORDER = {
    Sort.RELEVANCE: "bm25(search_note_fts), search_note.note_id DESC",
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
        if not query:
            return []
        return await ranked_ids(
            session,
            select(SearchNote.note_id).join(_FTS, _FTS.c.rowid == SearchNote.note_id),
            matching=text("search_note_fts MATCH :match"),
            order=_ORDER[sort],
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
