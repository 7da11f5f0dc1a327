"""Comments on notes, two levels deep, and their likes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class Comment(IdMixin, Base):
    """A comment. As on Xiaohongshu, replies hang under one top-level comment (``thread_id``)
    however deep the conversation goes; ``reply_to_user_id`` says whom a reply answers."""

    __tablename__ = "comment"
    __table_args__ = (
        Index("ix_comment_note_id_thread_id_id", "note_id", "thread_id", "id"),
        Index("ix_comment_thread_id_id", "thread_id", "id"),
        Index("ix_comment_author_id", "author_id"),
    )

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), nullable=False)
    author_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    # None for a top-level comment; else the top-level comment this reply belongs under.
    thread_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    reply_to_id: Mapped[int | None] = mapped_column(BigId)
    reply_to_user_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(String(2000), nullable=False)
    # BCP-47, detected from the text when saved (potluck.kit.language); "und": unsure.
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="und", server_default="und")
    like_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    reply_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class CommentLike(Base):
    __tablename__ = "comment_like"
    __table_args__ = (Index("ix_comment_like_comment_id", "comment_id"),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    comment_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
