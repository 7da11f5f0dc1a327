"""Notes tables: notes, their topics and mentions, likes and daily views."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class NoteType(StrEnum):
    IMAGE = "image"
    VIDEO = "video"


class Visibility(StrEnum):
    PUBLIC = "public"
    FOLLOWERS = "followers"
    PRIVATE = "private"  # "only me"


class Category(StrEnum):
    FOOD = "food"
    TRAVEL = "travel"
    BEAUTY = "beauty"
    FASHION = "fashion"
    HOME = "home"
    FITNESS = "fitness"
    PETS = "pets"
    PARENTING = "parenting"
    STUDY = "study"
    OTHER = "other"


class Note(IdMixin, Base):
    """A post: photos or a video with a title and text.

    Counters are kept by single ``UPDATE ... SET n = n + 1`` statements issued only when the
    row they count was really inserted or deleted, so they stay exact under concurrency.
    """

    __tablename__ = "note"
    __table_args__ = (
        Index("ix_note_author_id_published_at", "author_id", "published_at"),
        Index("ix_note_published_at", "published_at"),
        Index("ix_note_grid_lat_grid_lon", "grid_lat", "grid_lon"),
    )

    author_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    type: Mapped[str] = mapped_column(String(8), nullable=False)
    title: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # BCP-47, detected from the title and text when saved (potluck.kit.language); "und": unsure.
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="und", server_default="und")
    visibility: Mapped[str] = mapped_column(String(10), nullable=False, default=Visibility.PUBLIC)
    category: Mapped[str] = mapped_column(String(12), nullable=False, default=Category.OTHER)
    location: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    # Where it was posted, as a cell of a 0.01 degree grid (``notes.geo``); both or neither.
    # Never the coordinates a phone reported.
    grid_lat: Mapped[int | None] = mapped_column(Integer)
    grid_lon: Mapped[int | None] = mapped_column(Integer)
    # None while a draft; set once when first published.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when title, body or photos change after publishing ("edited").
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pinned_comment_id: Mapped[int | None] = mapped_column(BigId)
    like_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    collect_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    comment_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    view_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Hashtag(IdMixin, Base):
    """A topic. ``key`` folds case and width so #TikTokRefugee and #tiktokrefugee are one."""

    __tablename__ = "hashtag"

    name: Mapped[str] = mapped_column(String(40), nullable=False)
    key: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    note_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NoteHashtag(Base):
    __tablename__ = "note_hashtag"
    __table_args__ = (Index("ix_note_hashtag_hashtag_id_note_id", "hashtag_id", "note_id"),)

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    hashtag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("hashtag.id", ondelete="CASCADE"), primary_key=True
    )
    # Order of appearance in the body, for display.
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class NoteMention(Base):
    __tablename__ = "note_mention"
    __table_args__ = (Index("ix_note_mention_user_id", "user_id"),)

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )


class NoteLike(Base):
    __tablename__ = "note_like"
    __table_args__ = (
        Index("ix_note_like_note_id", "note_id"),
        Index("ix_note_like_user_id_created_at", "user_id", "created_at"),
    )

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NoteView(Base):
    """One row per note, viewer and day: views count once per viewer per day."""

    __tablename__ = "note_view"
    __table_args__ = (Index("ix_note_view_day", "day"),)

    note_id: Mapped[int] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"), primary_key=True)
    # "u:<user id>" for members, "a:<hash of address and browser>" for visitors.
    viewer: Mapped[str] = mapped_column(String(48), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
