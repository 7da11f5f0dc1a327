"""Topics tables: who follows which topic, each topic's totals, its notes' hot scores.

A topic is a ``notes.models.Hashtag``; notes owns that table and its links to notes.
Topics adds what only topic pages and feeds need, in tables of its own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class TopicFollow(Base):
    """Someone follows a topic (its notes may show in their Explore)."""

    __tablename__ = "topic_follow"
    __table_args__ = (Index("ix_topic_follow_user_id_created_at", "user_id", "created_at"),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    hashtag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("hashtag.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class TopicStats(Base):
    """A topic's counts, one row per topic that has any.

    ``follower_count`` is exact: it moves in the transaction that inserts or deletes a
    follow row. The note totals (``note_count`` ... ``collect_count``) are those of the
    topic's public notes of active authors and are recomputed by the ``topics.refresh_stats``
    jobs (docs/topics.md: a view counter on a topic row would make that row the hottest
    row of the database during a surge). ``refreshed_at`` says when they last changed.
    """

    __tablename__ = "topic_stats"

    hashtag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("hashtag.id", ondelete="CASCADE"), primary_key=True
    )
    follower_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    note_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    view_count: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0, server_default="0")
    comment_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    like_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    collect_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TopicNote(Base):
    """A published note in a topic with its hot score (``repository.hot_score``), so a
    topic's Hot tab reads an index in order instead of scoring every note of the topic.

    Kept by the same jobs as the totals, for notes that changed lately; a note published
    since the last run is scored when read (``repository.hot_notes``). Rows go with their
    note or topic (ON DELETE CASCADE); who may read a note is decided when reading.
    """

    __tablename__ = "topic_note"
    __table_args__ = (
        Index("ix_topic_note_hashtag_id_hot_note_id", "hashtag_id", "hot", "note_id"),
        Index("ix_topic_note_note_id", "note_id"),
    )

    hashtag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("hashtag.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    hot: Mapped[int] = mapped_column(BigInteger, nullable=False)
