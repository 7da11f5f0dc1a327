"""The search index: one row per searchable note, with its analysed terms.

What engines match is kept beside the row: on SQLite an FTS5 table (``search_note_fts``,
rowid = note ID) over the terms, on PostgreSQL a ``tsvector`` column (``lexemes``) with a
GIN index; both are made by the migration for their own database only, and read and
written by the engines in SQL (:mod:`.engine_sqlite`, :mod:`.engine_postgres`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class SearchNote(Base):
    __tablename__ = "search_note"
    # For the newest and most liked sorts: read in order, matches checked as they come.
    __table_args__ = (
        Index("ix_search_note_published_at_note_id", "published_at", "note_id"),
        Index("ix_search_note_like_count_note_id", "like_count", "note_id"),
        # What was indexed since a kept ranking was read (.ranking).
        Index("ix_search_note_indexed_at", "indexed_at"),
    )

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    # Space-separated, analysed: FTS5's content on SQLite; empty on PostgreSQL (the lexemes hold them).
    terms: Mapped[str] = mapped_column(Text, nullable=False)
    category: Mapped[str] = mapped_column(String(12), nullable=False)
    note_type: Mapped[str] = mapped_column(String(8), nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    like_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class SearchHistory(Base):
    """A person's recent searches, one row per query (as folded), newest kept."""

    __tablename__ = "search_history"
    __table_args__ = (Index("ix_search_history_user_id_searched_at", "user_id", "searched_at"),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    query_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    query: Mapped[str] = mapped_column(String(100), nullable=False)
    searched_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class SearchQueryCount(Base):
    """How many people searched a query (as folded) in an hour that found something; a
    person counts once a day per query. What trending searches and popular suggestions
    are made from."""

    __tablename__ = "search_query_count"
    __table_args__ = (Index("ix_search_query_count_hour", "hour"),)

    query_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    hour: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    query: Mapped[str] = mapped_column(String(100), nullable=False)  # as last typed
    searchers: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SearchTerm(Base):
    """The index's vocabulary (terms in at least two notes, the commonest first), copied
    from the engine by a periodic job: what "did you mean" corrects a misspelt word to."""

    __tablename__ = "search_term"

    term: Mapped[str] = mapped_column(String(60), primary_key=True)
    notes: Mapped[int] = mapped_column(Integer, nullable=False)
