"""The search engine interface: analysed notes in, ranked note IDs out.

Two implementations, chosen by the database the session is on: SQLite FTS5 in embedded
mode (:mod:`.engine_sqlite`), PostgreSQL full-text search with a GIN index in distributed
mode (:mod:`.engine_postgres`). Neither analyses text: documents and queries arrive as
terms (:mod:`.analysis`). Engines rank candidates; who may see them (visibility, private
accounts, blocks) is the service's to check on what they return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.search.analysis import QueryTerms


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    MOST_LIKED = "most_liked"


@dataclass(frozen=True)
class NoteDocument:
    note_id: int
    terms: Sequence[str]
    category: str
    note_type: str
    published_at: datetime
    like_count: int


# A note ID and its relevance to a query (higher is better, compared within one query).
Scored = tuple[int, float]


@dataclass(frozen=True)
class Filters:
    category: str | None = None
    note_type: str | None = None
    since: datetime | None = None


class SearchEngine(Protocol):
    async def put(self, session: AsyncSession, documents: Sequence[NoteDocument]) -> None:
        """Index ``documents``, replacing what was indexed for those notes."""

    async def remove(self, session: AsyncSession, note_ids: Sequence[int]) -> None:
        """Forget these notes (absent ones are fine)."""

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
        """Note IDs matching every group of ``query``, newest or most liked first
        (relevance is ranked from :meth:`pool` and :meth:`older`, see :mod:`.ranking`)."""

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
        """The ``limit`` most recently posted notes (highest IDs) matching every group of
        ``query``, each with its relevance to it (higher is better), in no order; with
        ``indexed_since``, only among the notes indexed since then. ``group_notes``:
        about how many notes have each group's terms, when known (the engine may look
        for the matches another way)."""

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
        """Note IDs below ``before`` matching every group of ``query``, highest first."""

    async def vocabulary(self, session: AsyncSession, *, min_notes: int, limit: int) -> list[tuple[str, int]]:
        """The indexed terms found in at least ``min_notes`` notes, with how many, the
        commonest first."""
