"""Boards (收藏专辑): named collections of notes, and the collects that fill them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, false, text
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class Board(IdMixin, Base):
    """A person's board. Each person has one default board ("Collected"), made on first use."""

    __tablename__ = "board"
    __table_args__ = (
        Index("ix_board_owner_id", "owner_id"),
        # One default board per person, even when two first collects race to make it.
        Index(
            "uq_board_default_owner",
            "owner_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    owner_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    is_private: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Collect(Base):
    """A person keeping a note, in exactly one of their boards (moving it is an update).

    One row per person and note, so the note's collect count counts people, as on
    Xiaohongshu, however the person files it.
    """

    __tablename__ = "collect"
    __table_args__ = (
        Index("ix_collect_note_id", "note_id"),
        Index("ix_collect_board_id_created_at", "board_id", "created_at"),
    )

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    board_id: Mapped[int] = mapped_column(BigId, ForeignKey("board.id", ondelete="CASCADE"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
