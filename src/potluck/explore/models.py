"""Explore tables: what people said they like, how they want their feed, what they were
shown and opened, and the signals periodic jobs derive from all of it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class OtherLanguages(StrEnum):
    """How many notes in languages the viewer does not speak to mix into Explore."""

    NONE = "none"
    SOME = "some"
    MANY = "many"


class EventKind(StrEnum):
    IMPRESSION = "impression"
    CLICK = "click"


class InterestCategory(Base):
    """A category picked at onboarding (``notes.models.Category`` values)."""

    __tablename__ = "interest_category"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(12), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class InterestTopic(Base):
    """A topic (hashtag) picked at onboarding."""

    __tablename__ = "interest_topic"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    hashtag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("hashtag.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class FeedPreference(Base):
    """A person's Explore settings; no row means the defaults."""

    __tablename__ = "feed_preference"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    other_languages: Mapped[str] = mapped_column(String(8), nullable=False, default=OtherLanguages.SOME)
    # Set once the person has been through (or skipped) the welcome pages.
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class FeedEvent(IdMixin, Base):
    """A card shown (impression) or opened (click) in a feed. Written in batches, folded into
    :class:`NoteStat` by a periodic job and pruned after a few days. No foreign key: a
    batch names notes that may be gone by the time it arrives; the job joins on ``note``."""

    __tablename__ = "feed_event"
    __table_args__ = (
        Index("ix_feed_event_created_at", "created_at"),
        Index("ix_feed_event_user_id_created_at", "user_id", "created_at"),
    )

    note_id: Mapped[int] = mapped_column(BigId, nullable=False)
    user_id: Mapped[int | None] = mapped_column(BigId)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    feed_session: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NoteStat(Base):
    """Impressions and clicks of a note in feeds, summed by the aggregation job."""

    __tablename__ = "note_stat"

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    impressions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    clicks: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NoteNeighbour(Base):
    """Notes engaged with by the same people (item-item co-engagement), recomputed by a
    periodic job: the top few neighbours of each note with their cosine similarity."""

    __tablename__ = "note_neighbour"

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    neighbour_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float, nullable=False)


class TrendingNote(Base):
    """The trending list of one window ("day", "week") and category ("" for all), rebuilt
    by a periodic job; requests read its top rows through the cache."""

    __tablename__ = "trending_note"
    __table_args__ = (Index("ix_trending_note_time_window_category_rank", "time_window", "category", "rank"),)

    time_window: Mapped[str] = mapped_column(String(8), primary_key=True)
    category: Mapped[str] = mapped_column(String(12), primary_key=True)
    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
