"""Social graph tables: who follows whom, pending requests, blocks and mutes.

Each is an edge keyed by its two people, so a second follow, block or mute of the same
person inserts nothing (and counters move only when a row really appears or goes).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from potluck.db.base import Base
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


def _person(*, primary_key: bool = True) -> Mapped[int]:
    return mapped_column(BigId, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=primary_key)


class Follow(Base):
    __tablename__ = "follow"
    __table_args__ = (
        Index("ix_follow_followee_id_created_at", "followee_id", "created_at"),
        Index("ix_follow_follower_id_created_at", "follower_id", "created_at"),
    )

    follower_id: Mapped[int] = _person()
    followee_id: Mapped[int] = _person()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class FollowRequest(Base):
    """Someone asked to follow a private account; it waits for approval or a decline."""

    __tablename__ = "follow_request"
    __table_args__ = (Index("ix_follow_request_target_id_created_at", "target_id", "created_at"),)

    requester_id: Mapped[int] = _person()
    target_id: Mapped[int] = _person()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Block(Base):
    """The two stop seeing each other; ``blocker_id`` alone can lift it."""

    __tablename__ = "user_block"
    __table_args__ = (Index("ix_user_block_blocked_id", "blocked_id"),)

    blocker_id: Mapped[int] = _person()
    blocked_id: Mapped[int] = _person()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Mute(Base):
    """The muted person's notes leave the muter's feeds; nothing else changes."""

    __tablename__ = "user_mute"

    muter_id: Mapped[int] = _person()
    muted_id: Mapped[int] = _person()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
