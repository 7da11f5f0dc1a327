"""Accounts use cases: create users, log in and out, resolve a session token.

Plain async functions with keyword-only arguments; they take the caller's session and
never commit (the request or job boundary does).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import passwords, repository
from potluck.accounts.models import AuthSession, User
from potluck.kit.errors import Conflict, Invalid, NotAuthenticated, NotFound
from potluck.kit.time import utcnow
from potluck.realtime import publish_on_commit, user_channel

SESSION_LIFETIME = timedelta(days=30)
USERNAME_PATTERN = re.compile(r"^\w{3,30}$")
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "api",
        "explore",
        "login",
        "logout",
        "signup",
        "settings",
        "static",
        "media",
        "search",
        "shop",
        "messages",
        "notifications",
        "compose",
        "notes",
        "topics",
        "me",
        "root",
        "support",
        "help",
        "potluck",
        "moderator",
        "system",
        "about",
    }
)
MIN_PASSWORD_LENGTH = 8


def username_key(username: str) -> str:
    """The comparison form of a username: compatibility-normalised and case-folded."""
    return unicodedata.normalize("NFKC", username).casefold()


def email_key(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def hash_token(token: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is enough to make a stolen table useless.
    return hashlib.sha256(token.encode()).hexdigest()


def validate_username(username: str) -> str:
    username = unicodedata.normalize("NFC", username.strip())
    if not USERNAME_PATTERN.fullmatch(username):
        raise Invalid("Use 3 to 30 letters, digits or underscores.", field="username")
    if username_key(username) in RESERVED_USERNAMES:
        raise Invalid("This name is reserved.", field="username")
    return username


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    display_name: str | None = None,
    email: str | None = None,
    locale: str | None = None,
    is_admin: bool = False,
) -> User:
    username = validate_username(username)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"Use at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    key = username_key(username)
    if await repository.get_user_by_username_key(session, key) is not None:
        raise Conflict("This name is taken.", field="username")
    mail_key = email_key(email) if email else None
    if mail_key and await repository.get_user_by_email_key(session, mail_key) is not None:
        raise Conflict("This email is already registered.", field="email")
    user = User(
        username=username,
        username_key=key,
        display_name=unicodedata.normalize("NFC", (display_name or username).strip())[:60],
        email=email.strip() if email else None,
        email_key=mail_key,
        password_hash=await passwords.hash_password(password),
        locale=locale,
        is_admin=is_admin,
    )
    session.add(user)
    await session.flush()
    return user


async def get_user_by_username(session: AsyncSession, *, username: str) -> User:
    user = await repository.get_user_by_username_key(session, username_key(username))
    if user is None:
        raise NotFound("No such user.")
    return user


async def get_public_profile(session: AsyncSession, *, username: str) -> Row[int, str, str, str, datetime]:
    """What anyone may see of a user: id, names, bio, joining date."""
    profile = await repository.get_public_profile(session, username_key(username))
    if profile is None:
        raise NotFound("No such user.")
    return profile


async def authenticate(session: AsyncSession, *, login: str, password: str) -> User:
    """The user whose name or email and password match; one message for every failure."""
    if "@" in login:
        user = await repository.get_user_by_email_key(session, email_key(login))
    else:
        user = await repository.get_user_by_username_key(session, username_key(login))
    ok = await passwords.verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.is_suspended:
        raise NotAuthenticated("Wrong name or password.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = await passwords.hash_password(password)
    return user


@dataclass(frozen=True)
class StartedSession:
    token: str
    auth_session: AuthSession


async def start_session(
    session: AsyncSession, *, user: User, user_agent: str = "", ip: str = ""
) -> StartedSession:
    """Log ``user`` in on a new device; tell their other devices once committed."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    auth_session = AuthSession(
        user_id=user.id,
        token_hash=hash_token(token),
        user_agent=user_agent[:300],
        ip=ip[:64],
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(auth_session)
    await session.flush()
    publish_on_commit(
        session,
        user_channel(user.id),
        "session.created",
        {"session_id": str(auth_session.id), "user_agent": auth_session.user_agent},
    )
    return StartedSession(token=token, auth_session=auth_session)


async def end_session(session: AsyncSession, *, token: str) -> None:
    """Log out one device; its open event streams close once this commits."""
    auth_session = await repository.get_session_by_token_hash(session, hash_token(token))
    if auth_session is None:
        return
    await session.delete(auth_session)
    publish_on_commit(
        session,
        user_channel(auth_session.user_id),
        "session.ended",
        {"session_id": str(auth_session.id)},
    )


async def resolve_session(session: AsyncSession, *, token: str) -> AuthSession | None:
    """The live session for a cookie token, with its user; None if unknown or expired."""
    auth_session = await repository.get_live_session(session, hash_token(token), utcnow())
    if auth_session is None or auth_session.user.is_suspended:
        return None
    return auth_session


async def prune_expired_sessions(session: AsyncSession) -> int:
    return await repository.delete_expired_sessions(session, utcnow())
