"""Kept translations: one row per text, language pair and engine.

A text is known by the SHA-256 of its words, so the same comment ("太好看了吧！") under
many notes is translated once, and an edited note's words are a new text (its old
translations are dropped by the ``translation.forget`` job the edit enqueues). The demo's
human translations are rows of the engine ``human``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import UTCDateTime
from potluck.kit.time import utcnow


class Translation(IdMixin, Base):
    __tablename__ = "translation"
    __table_args__ = (
        UniqueConstraint("content_hash", "source", "target", "engine"),
        Index("ix_translation_created_at", "created_at"),
    )

    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    target: Mapped[str] = mapped_column(String(16), nullable=False)
    engine: Mapped[str] = mapped_column(String(32), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
