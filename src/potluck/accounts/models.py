"""Accounts tables: users, their log-in sessions and API tokens, and the security audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from potluck.db.base import Base, IdMixin, TimestampMixin
from potluck.db.types import BigId, UTCDateTime
from potluck.kit.time import utcnow


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(30), nullable=False)
    # NFKC + casefold of the username: "Alice", "alice" and "ａｌｉｃｅ" are one name.
    username_key: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(60), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    email_key: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locale: Mapped[str | None] = mapped_column(String(16))
    bio: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    location: Mapped[str] = mapped_column(String(60), nullable=False, default="", server_default="")
    pronouns: Mapped[str] = mapped_column(String(40), nullable=False, default="", server_default="")
    # BCP 47 language codes the person speaks ("en", "zh", "es"), in their order.
    languages: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, server_default=text("'[]'")
    )
    # Show notes and comments in a language not among the above (nor the interface's)
    # translated at once, with "show original" (potluck.translation).
    auto_translate: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # Key of the square avatar in media storage; None shows the initial-letter avatar.
    avatar_key: Mapped[str | None] = mapped_column(String(200))
    is_private: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_suspended: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Profile-header counters, kept by the notes and social domains as they change.
    follower_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    following_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    note_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    likes_received_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    # When the person last used Potluck (log-in, or a request with their session or token,
    # recorded at most every few minutes). Feeds fan out only to recently active people.
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuthSession(IdMixin, Base):
    """A log-in on one device. The cookie holds a random token; only its hash is stored."""

    __tablename__ = "auth_session"
    __table_args__ = (Index("ix_auth_session_user_id", "user_id"),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    user_agent: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    ip: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    user: Mapped[User] = relationship(lazy="raise")


class ApiToken(IdMixin, Base):
    """A personal API token (``Authorization: Bearer``). Only its hash is stored."""

    __tablename__ = "api_token"
    __table_args__ = (Index("ix_api_token_user_id", "user_id"),)

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    # The first characters of the token, shown in lists so people can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_ip: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="raise")


class AuditEvent(IdMixin, Base):
    """A security event: log-ins (and failures), password changes, tokens, suspensions.

    Snowflake IDs are time-ordered, so ``(user_id, id)`` lists a person's events newest first.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_user_id_id", "user_id", "id"),
        Index("ix_audit_event_created_at", "created_at"),
    )

    user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("user_account.id", ondelete="CASCADE"))
    # Who did it when it was not the user themselves (an administrator).
    actor_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("user_account.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    ip: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    user_agent: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
