"""Every accounts query lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager

from potluck.accounts.models import AuthSession, User


async def get_user_by_id(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_username_key(session: AsyncSession, username_key: str) -> User | None:
    result = await session.execute(select(User).where(User.username_key == username_key))
    return result.scalar_one_or_none()


# Built once: profile reads are the hottest query we have, and building a statement (and
# its cache key) per call costs more than running it.
_PUBLIC_PROFILE = select(User.id, User.username, User.display_name, User.bio, User.created_at).where(
    User.username_key == bindparam("username_key")
)


async def get_public_profile(
    session: AsyncSession, username_key: str
) -> Row[int, str, str, str, datetime] | None:
    """Only the public columns: a plain row skips the identity map and the password hash."""
    result = await session.execute(_PUBLIC_PROFILE, {"username_key": username_key})
    return result.first()


async def get_user_by_email_key(session: AsyncSession, email_key: str) -> User | None:
    result = await session.execute(select(User).where(User.email_key == email_key))
    return result.scalar_one_or_none()


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


async def delete_expired_sessions(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
