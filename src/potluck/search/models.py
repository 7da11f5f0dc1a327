"""The search index: one row per searchable note, with its analysed terms.

What engines match is kept beside the row: on SQLite an FTS5 table (``search_note_fts``,
rowid = note ID) over the terms, on PostgreSQL a ``tsvector`` column (``lexemes``) with a
GIN index; both are made by the migration for their own database only, and read and
written by the engines in SQL (:mod:`.engine_sqlite`, :mod:`.engine_postgres`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class SearchNote(Base):
    __tablename__ = "search_note"

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[str] = mapped_column(Text, nullable=False)  # space-separated, analysed
    category: Mapped[str] = mapped_column(String(12), nullable=False)
    note_type: Mapped[str] = mapped_column(String(8), nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    like_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
