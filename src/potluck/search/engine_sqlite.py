"""Search on SQLite: an FTS5 table over the index rows' terms, ranked by BM25.

``search_note_fts`` is an external-content FTS5 table (its content is ``search_note``,
rowid = note ID) whose tokenizer splits on spaces only, so the analysed terms are its
tokens as they are. It is kept in step by hand: replacing a row deletes its old terms from
FTS5 (the ``'delete'`` command needs them) and inserts the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import column, delete, insert, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument, Sort
from potluck.search.engine_common import filter_clauses, index_rows
from potluck.search.models import SearchNote

_FTS = table("search_note_fts", column("rowid"))
_ORDER = {
    Sort.RELEVANCE: "bm25(search_note_fts), search_note.note_id DESC",
    Sort.NEWEST: "search_note.published_at DESC, search_note.note_id DESC",
    Sort.MOST_LIKED: "search_note.like_count DESC, search_note.note_id DESC",
}


class SqliteEngine:
    async def put(self, session: AsyncSession, documents: Sequence[NoteDocument]) -> None:
        if not documents:
            return
        await self.remove(session, [document.note_id for document in documents])
        rows = index_rows(documents)
        await session.execute(insert(SearchNote), rows)
        await session.execute(
            text("INSERT INTO search_note_fts (rowid, terms) VALUES (:note_id, :terms)"),
            [{"note_id": row["note_id"], "terms": row["terms"]} for row in rows],
        )

    async def remove(self, session: AsyncSession, note_ids: Sequence[int]) -> None:
        if not note_ids:
            return
        old = (
            await session.execute(
                select(SearchNote.note_id, SearchNote.terms).where(SearchNote.note_id.in_(note_ids))
            )
        ).all()
        if old:
            await session.execute(
                text(
                    "INSERT INTO search_note_fts (search_note_fts, rowid, terms) "
                    "VALUES ('delete', :id, :terms)"
                ),
                [{"id": note_id, "terms": terms} for note_id, terms in old],
            )
            await session.execute(delete(SearchNote).where(SearchNote.note_id.in_(note_ids)))

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
        statement = (
            select(SearchNote.note_id)
            .join(_FTS, _FTS.c.rowid == SearchNote.note_id)
            .where(text("search_note_fts MATCH :match"), *filter_clauses(filters))
            .order_by(text(_ORDER[sort]))
            .limit(limit)
            .offset(offset)
        )
        result = await session.execute(statement, {"match": fts_query(query)})
        return [int(note_id) for note_id in result.scalars()]

    async def rebuild(self, session: AsyncSession) -> None:
        """Make the FTS5 table again from the index rows."""
        await session.execute(text("INSERT INTO search_note_fts (search_note_fts) VALUES ('rebuild')"))


def fts_query(query: QueryTerms) -> str:
    """FTS5 query syntax for the groups: every term a quoted string (never an operator)."""
    groups = []
    for group in query.groups:
        terms = " OR ".join('"' + term.replace('"', '""') + '"' for term in sorted(group))
        groups.append(f"({terms})")
    return " AND ".join(groups)
