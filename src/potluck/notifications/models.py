"""Notification tables: one row per (recipient, kind, subject) group, and its actors.

A group ("Mia and 23 others liked your note") is one ``notification`` row whose
``actor_count`` moves only when a ``notification_actor`` row is really inserted or deleted,
so double clicks, undone likes and races cannot count twice. Reading a page never scans a
group's actors: the count is on the row, and the few names shown come from the index on
(notification, created_at).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base, IdMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class Kind(StrEnum):
    NOTE_LIKE = "note_like"
    NOTE_COLLECT = "note_collect"
    COMMENT_LIKE = "comment_like"
    NOTE_COMMENT = "note_comment"
    COMMENT_REPLY = "comment_reply"
    NOTE_MENTION = "note_mention"
    COMMENT_MENTION = "comment_mention"
    FOLLOW = "follow"
    FOLLOW_REQUEST = "follow_request"
    FOLLOW_ACCEPTED = "follow_accepted"


class Group(StrEnum):
    """The three tabs of the notifications page."""

    LIKES_COLLECTS = "likes_collects"
    COMMENTS_MENTIONS = "comments_mentions"
    FOLLOWS = "follows"


KINDS_OF_GROUP: dict[Group, tuple[Kind, ...]] = {
    Group.LIKES_COLLECTS: (Kind.NOTE_LIKE, Kind.NOTE_COLLECT, Kind.COMMENT_LIKE),
    Group.COMMENTS_MENTIONS: (Kind.NOTE_COMMENT, Kind.COMMENT_REPLY, Kind.NOTE_MENTION, Kind.COMMENT_MENTION),
    Group.FOLLOWS: (Kind.FOLLOW, Kind.FOLLOW_REQUEST, Kind.FOLLOW_ACCEPTED),
}
GROUP_OF_KIND: dict[Kind, Group] = {kind: group for group, kinds in KINDS_OF_GROUP.items() for kind in kinds}


class Notification(IdMixin, Base):
    """What a recipient is told about one subject.

    ``subject_id`` is the note (likes, collects, mentions in a note), the comment (likes of
    a comment, comments, replies, mentions in a comment), the person (accepted requests)
    or the UTC day (new followers and follow requests are grouped per day).
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("recipient_id", "kind", "subject_id"),
        Index("ix_notification_recipient_id_updated_at", "recipient_id", "updated_at", "id"),
        Index("ix_notification_recipient_id_is_read", "recipient_id", "is_read"),
    )

    recipient_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    subject_id: Mapped[int] = mapped_column(BigId, nullable=False)
    # Deleting the note or comment takes its notifications with it.
    note_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("note.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    snippet: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    actor_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    is_read: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    # When the latest actor joined: the list's order.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class NotificationActor(Base):
    """One person in a group; unique, so a like, unlike and like again counts once."""

    __tablename__ = "notification_actor"
    __table_args__ = (
        Index("ix_notification_actor_notification_id_created_at", "notification_id", "created_at"),
        Index("ix_notification_actor_actor_id", "actor_id"),
    )

    notification_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("notification.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
