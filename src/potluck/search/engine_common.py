"""What both engines share: the index rows, the filters' conditions, the ranked select,
and query text built from quoted terms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, TextClause, delete, insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.time import utcnow
from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, NoteDocument
from potluck.search.models import SearchNote

# Rows per INSERT statement, well within SQLite's 32,766 parameters: one statement
# for many rows rather than one per row (a third quicker on SQLite with its FTS5 trigger).
INSERT_ROWS = 500


async def replace_rows(session: AsyncSession, documents: Sequence[NoteDocument]) -> None:
    """Index rows for ``documents`` in place of any these notes had."""
    await remove_rows(session, [document.note_id for document in documents])
    rows = index_rows(documents)
    for start in range(0, len(rows), INSERT_ROWS):
        await session.execute(insert(SearchNote).values(rows[start : start + INSERT_ROWS]))


async def remove_rows(session: AsyncSession, note_ids: Sequence[int]) -> None:
    if note_ids:
        await session.execute(delete(SearchNote).where(SearchNote.note_id.in_(note_ids)))


def index_rows(documents: Sequence[NoteDocument]) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "note_id": d.note_id,
            "terms": " ".join(d.terms),
            "category": d.category,
            "note_type": d.note_type,
            "published_at": d.published_at,
            "like_count": d.like_count,
            "indexed_at": now,
        }
        for d in documents
    ]


def filter_clauses(filters: Filters) -> list[ColumnElement[bool]]:
    clauses = []
    if filters.category is not None:
        clauses.append(SearchNote.category == filters.category)
    if filters.note_type is not None:
        clauses.append(SearchNote.note_type == filters.note_type)
    if filters.since is not None:
        clauses.append(SearchNote.published_at >= filters.since)
    return clauses


async def ordered_matches(
    session: AsyncSession,
    candidates: Select[Any],
    *,
    matching: TextClause,
    order: str,
    params: dict[str, Any],
    filters: Filters,
    offset: int,
    limit: int,
) -> list[int]:
    """The note IDs of ``candidates`` (``select(SearchNote.note_id)``, joined as the engine
    needs) that match and pass the filters, in ``order``."""
    statement = (
        candidates.where(matching, *filter_clauses(filters)).order_by(text(order)).limit(limit).offset(offset)
    )
    result = await session.execute(statement, params)
    return [int(note_id) for note_id in result.scalars()]


def query_text(query: QueryTerms, *, quote: Callable[[str], str], any_of: str, all_of: str) -> str:
    """An engine's query syntax for the groups: each group its quoted terms joined by
    ``any_of``, the groups joined by ``all_of``; no term is ever read as an operator.

    Optional terms go in one more group with the first group's terms, a group every
    match satisfies anyway: they require nothing, but both BM25 (FTS5) and ``ts_rank``
    score every term of the query a note has, so notes with them rank higher."""
    groups = [sorted(group) for group in query.groups]
    if query.optional and groups:
        groups.append(sorted(query.optional | query.groups[0]))
    return all_of.join(f"({any_of.join(quote(term) for term in group)})" for group in groups)
