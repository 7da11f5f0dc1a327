"""Media tables: one row per uploaded photo or video, carrying its processing state."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class MediaStatus(StrEnum):
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"


class Media(IdMixin, Base):
    """An upload and what the pipeline made of it.

    The row moves ``processing -> ready | failed`` in the ``media.process`` job (Takahe
    style: the state lives on the row, so a worker killed mid-job leaves it ``processing``
    and the retried job picks it up again). ``note_id`` is set when a note uses it; media
    that no note claims within a day is deleted by ``media.sweep``.
    """

    __tablename__ = "media"
    __table_args__ = (
        Index("ix_media_owner_id", "owner_id"),
        Index("ix_media_note_id", "note_id"),
        Index("ix_media_status_created_at", "status", "created_at"),
    )

    owner_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    # The format found by content ("jpeg", "heic", "mp4"), whatever the file was called.
    source_format: Mapped[str] = mapped_column(String(8), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default=MediaStatus.PROCESSING)
    # Machine-readable reason when failed ("unreadable_image", "too_long"), shown translated.
    failure_reason: Mapped[str | None] = mapped_column(String(40))
    # The upload as received, kept until processing succeeds (then deleted).
    original_key: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    blurhash: Mapped[str | None] = mapped_column(String(64))
    dominant_color: Mapped[str | None] = mapped_column(String(7))
    # Output files by name (grid, detail, and for videos video), each with its storage
    # key, width, height and content type.
    variants: Mapped[dict[str, Any]] = mapped_column(
        JSON, nullable=False, default=dict, server_default=text("'{}'")
    )
    note_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("note.id", ondelete="SET NULL"))
    # Place in the note's carousel, from 0 (the cover).
    position: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
