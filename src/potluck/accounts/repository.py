"""Every accounts query lives here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager

from potluck.accounts.models import ApiToken, AuditEvent, AuthSession, User

# --- users -------------------------------------------------------------------------------


async def get_user_by_id(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_username_key(session: AsyncSession, username_key: str) -> User | None:
    result = await session.execute(select(User).where(User.username_key == username_key))
    return result.scalar_one_or_none()


async def get_user_by_email_key(session: AsyncSession, email_key: str) -> User | None:
    result = await session.execute(select(User).where(User.email_key == email_key))
    return result.scalar_one_or_none()


async def taken(session: AsyncSession, *, username_key: str, email_key: str | None) -> tuple[bool, bool]:
    """Whether the name and the email are in use, in one query."""
    condition = User.username_key == username_key
    if email_key is not None:
        condition = or_(condition, User.email_key == email_key)
    result = await session.execute(select(User.username_key, User.email_key).where(condition).limit(2))
    rows = result.all()
    return (
        any(row.username_key == username_key for row in rows),
        email_key is not None and any(row.email_key == email_key for row in rows),
    )


PROFILE_COLUMNS = (
    User.id,
    User.username,
    User.display_name,
    User.bio,
    User.location,
    User.pronouns,
    User.languages,
    User.avatar_key,
    User.is_private,
    User.is_suspended,
    User.follower_count,
    User.following_count,
    User.note_count,
    User.likes_received_count,
    User.created_at,
)
# Built once: profile reads are the hottest query we have, and building a statement (and
# its cache key) per call costs more than running it.
_PUBLIC_PROFILE = select(*PROFILE_COLUMNS).where(User.username_key == bindparam("username_key"))


async def get_public_profile(session: AsyncSession, username_key: str) -> Row[*tuple[Any, ...]] | None:
    """Only the public columns, run as Core on the session's connection: a plain row skips
    the ORM's result machinery, the identity map and the password hash."""
    connection = await session.connection()
    result = await connection.execute(_PUBLIC_PROFILE, {"username_key": username_key})
    return result.first()


# --- sessions ----------------------------------------------------------------------------


async def get_live_session(session: AsyncSession, token_hash: str, now: datetime) -> AuthSession | None:
    """The unexpired log-in session with this token hash, its user loaded (one query)."""
    statement = (
        select(AuthSession)
        .join(AuthSession.user)
        .options(contains_eager(AuthSession.user))
        .where(AuthSession.token_hash == token_hash, AuthSession.expires_at > now)
    )
    result = await session.execute(statement)
    return result.scalar_one_or_none()


async def get_session_by_token_hash(session: AsyncSession, token_hash: str) -> AuthSession | None:
    result = await session.execute(select(AuthSession).where(AuthSession.token_hash == token_hash))
    return result.scalar_one_or_none()


async def list_live_sessions(session: AsyncSession, user_id: int, now: datetime) -> list[AuthSession]:
    result = await session.execute(
        select(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.expires_at > now)
        .order_by(AuthSession.last_seen_at.desc())
    )
    return list(result.scalars())


async def get_user_session(session: AsyncSession, user_id: int, session_id: int) -> AuthSession | None:
    result = await session.execute(
        select(AuthSession).where(AuthSession.id == session_id, AuthSession.user_id == user_id)
    )
    return result.scalar_one_or_none()


async def delete_sessions(session: AsyncSession, user_id: int, *, keep_id: int | None = None) -> list[int]:
    """Delete a user's sessions (all but ``keep_id``); the IDs of those deleted."""
    statement = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep_id is not None:
        statement = statement.where(AuthSession.id != keep_id)
    result = await session.execute(statement.returning(AuthSession.id))
    return [row[0] for row in result]


async def touch_session(session: AsyncSession, session_id: int, now: datetime) -> None:
    await session.execute(update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now))


async def mark_active(session: AsyncSession, user_id: int, now: datetime) -> None:
    await session.execute(update(User).where(User.id == user_id).values(last_active_at=now))


async def delete_expired_sessions(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


# --- API tokens --------------------------------------------------------------------------


async def get_token_with_user(session: AsyncSession, token_hash: str) -> ApiToken | None:
    result = await session.execute(
        select(ApiToken)
        .join(ApiToken.user)
        .options(contains_eager(ApiToken.user))
        .where(ApiToken.token_hash == token_hash)
    )
    return result.scalar_one_or_none()


async def list_tokens(session: AsyncSession, user_id: int) -> list[ApiToken]:
    result = await session.execute(
        select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
    )
    return list(result.scalars())


async def get_user_token(session: AsyncSession, user_id: int, token_id: int) -> ApiToken | None:
    result = await session.execute(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    )
    return result.scalar_one_or_none()


async def count_tokens(session: AsyncSession, user_id: int) -> int:
    result = await session.execute(
        select(func.count()).select_from(ApiToken).where(ApiToken.user_id == user_id)
    )
    return int(result.scalar_one())


async def delete_tokens(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))


async def touch_token(session: AsyncSession, token_id: int, now: datetime, ip: str) -> None:
    await session.execute(
        update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now, last_used_ip=ip)
    )


# --- audit -------------------------------------------------------------------------------


async def list_audit_events(
    session: AsyncSession, user_id: int, *, limit: int, before_id: int | None = None
) -> list[AuditEvent]:
    statement = select(AuditEvent).where(AuditEvent.user_id == user_id)
    if before_id is not None:
        statement = statement.where(AuditEvent.id < before_id)
    result = await session.execute(statement.order_by(AuditEvent.id.desc()).limit(limit))
    return list(result.scalars())


async def delete_audit_events_before(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


# --- for other domains -------------------------------------------------------------------

_SUMMARY_COLUMNS = (
    User.id,
    User.username,
    User.display_name,
    User.avatar_key,
    User.is_suspended,
    User.is_private,
)


async def get_summaries(session: AsyncSession, user_ids: list[int]) -> list[Row[*tuple[Any, ...]]]:
    if not user_ids:
        return []
    connection = await session.connection()
    result = await connection.execute(_SUMMARIES, {"user_ids": user_ids})
    return list(result)


# Built once: every note and comment list shows people.
_SUMMARIES = select(*_SUMMARY_COLUMNS).where(User.id.in_(bindparam("user_ids", expanding=True)))


async def get_summaries_by_username_keys(
    session: AsyncSession, keys: list[str]
) -> list[Row[*tuple[Any, ...]]]:
    if not keys:
        return []
    result = await session.execute(
        select(*_SUMMARY_COLUMNS).where(User.username_key.in_(keys), User.is_suspended.is_(False))
    )
    return list(result)


async def add_to_counters(session: AsyncSession, user_id: int, **deltas: int) -> None:
    """``UPDATE ... SET c = c + delta``: exact under concurrency, no read first."""
    values = {name: getattr(User, name) + delta for name, delta in deltas.items() if delta}
    if values:
        await session.execute(update(User).where(User.id == user_id).values(values))


async def reading_preferences(session: AsyncSession, user_id: int) -> tuple[list[str], bool] | None:
    row = (
        await session.execute(select(User.languages, User.auto_translate).where(User.id == user_id))
    ).one_or_none()
    return (list(row[0] or []), bool(row[1])) if row is not None else None
