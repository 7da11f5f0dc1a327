"""Accounts use cases: sign up, read and edit profiles, administer accounts.

Plain async functions with keyword-only arguments; they take the caller's session and
never commit (the request or job boundary does). Log-in, sessions, tokens and passwords
are in :mod:`potluck.accounts.credentials`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import audit, credential_cache, passwords, policy, repository
from potluck.accounts.audit import AuditKind, Client
from potluck.accounts.models import User
from potluck.accounts.policy import email_key, username_key
from potluck.cache import marks
from potluck.kit.errors import Conflict, NotFound, Problems
from potluck.kit.i18n import N_
from potluck.ratelimit import rate_limiter

# Re-exported for callers that only need the rules of names.
__all__ = ["Profile", "create_user", "email_key", "signup", "username_key"]


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
    """Make an account after checking every rule; 422 for a broken rule, 409 for a taken name.

    Every field is checked before refusing, so a form can show all its mistakes at once
    (the first error raised carries the others).
    """
    problems = Problems()
    checked_name = problems.check(policy.check_username, username)
    problems.check(policy.check_password, password, username=checked_name or username)
    name = (
        problems.check(policy.check_display_name, display_name)
        if display_name and display_name.strip()
        else None
    )
    address = problems.check(policy.check_email, email) if email and email.strip() else None
    if locale:
        checked_locale = problems.check(policy.check_language_tag, locale, field="locale")
        locale = checked_locale.replace("-", "_") if checked_locale else None
    problems.raise_if_any()
    assert checked_name is not None  # problems.raise_if_any() raised otherwise
    username = checked_name
    # Hashed before the first query: on SQLite a writing request holds the write lock from
    # its first statement, and this is the slow part.
    password_hash = await passwords.hash_password(password)
    key = username_key(username)
    mail_key = email_key(address) if address else None
    name_taken, email_taken = await repository.taken(session, username_key=key, email_key=mail_key)
    if name_taken:
        problems.add(Conflict(N_("This name is taken."), field="username", reason="taken"))
    if email_taken:
        problems.add(Conflict(N_("This email is already registered."), field="email", reason="taken"))
    problems.raise_if_any()
    user = User(
        username=username,
        username_key=key,
        display_name=name or username,
        email=address,
        email_key=mail_key,
        password_hash=password_hash,
        locale=locale or None,
        is_admin=is_admin,
        languages=[],
    )
    session.add(user)
    try:
        # Two sign-ups racing for one name pass the check above; the unique index stops the
        # second, which ends in a 409, not a 500. (No savepoint: the request fails anyway,
        # and two round trips per sign-up count in a surge.)
        await session.flush()
    except IntegrityError as error:
        field = "email" if "email" in str(error.orig) else "username"
        message = N_("This email is already registered.") if field == "email" else N_("This name is taken.")
        raise Conflict(message, field=field, reason="taken") from error
    return user


async def signup(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    display_name: str | None = None,
    email: str | None = None,
    locale: str | None = None,
    client: Client = audit.NO_CLIENT,
) -> User:
    """A visitor makes an account (rate-limited per client IP)."""
    await rate_limiter(session).hit(
        "signup", client.ip, message=N_("Too many sign-ups from your network. Please try again later.")
    )
    user = await create_user(
        session, username=username, password=password, display_name=display_name, email=email, locale=locale
    )
    audit.record(session, AuditKind.SIGNUP, user_id=user.id, client=client)
    return user


async def get_user_by_username(session: AsyncSession, *, username: str) -> User:
    key = username_key(username)
    # No name holds NUL (and PostgreSQL refuses it in a query): such a name is unknown.
    user = None if "\x00" in key else await repository.get_user_by_username_key(session, key)
    if user is None:
        raise NotFound(N_("No such user."))
    return user


async def get_user(session: AsyncSession, *, user_id: int) -> User:
    user = await repository.get_user_by_id(session, user_id)
    if user is None:
        raise NotFound(N_("No such user."))
    return user


@dataclass(frozen=True)
class Profile:
    """What a viewer may see of a person. ``full`` is False for the reduced private view."""

    id: int
    username: str
    display_name: str
    avatar_key: str | None
    is_private: bool
    follower_count: int
    following_count: int
    note_count: int
    likes_received_count: int
    created_at: datetime
    full: bool
    is_suspended: bool = False
    bio: str = ""
    location: str = ""
    pronouns: str = ""
    languages: tuple[str, ...] = ()


async def get_profile(
    session: AsyncSession,
    *,
    username: str,
    viewer_id: int | None = None,
    viewer_is_admin: bool = False,
    follower: bool = False,
    header_only: bool = False,
) -> Profile:
    """A profile as ``viewer_id`` may see it: private accounts show others only their
    header, unless the viewer is a ``follower`` (the social graph knows); ``header_only``
    shows only the header whatever the account (to someone who blocks it).

    Suspended accounts are hidden from everyone but themselves and administrators (who
    need the page to restore them).
    """
    key = username_key(username)
    # No name holds NUL (and PostgreSQL refuses it in a query): such a name is unknown.
    row = None if "\x00" in key else await repository.get_public_profile(session, key)
    if row is None or (row.is_suspended and row.id != viewer_id and not viewer_is_admin):
        raise NotFound(N_("No such user."))
    full = not header_only and (not row.is_private or row.id == viewer_id or follower)
    extra: dict[str, Any] = (
        {
            "bio": row.bio,
            "location": row.location,
            "pronouns": row.pronouns,
            "languages": tuple(row.languages or ()),
        }
        if full
        else {}
    )
    return Profile(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        avatar_key=row.avatar_key,
        is_private=row.is_private,
        follower_count=row.follower_count,
        following_count=row.following_count,
        note_count=row.note_count,
        likes_received_count=row.likes_received_count,
        created_at=row.created_at,
        full=full,
        is_suspended=row.is_suspended,
        **extra,
    )


_UNSET: Any = object()


async def update_profile(
    session: AsyncSession,
    *,
    user_id: int,
    display_name: str = _UNSET,
    bio: str = _UNSET,
    location: str = _UNSET,
    pronouns: str = _UNSET,
    languages: list[str] = _UNSET,
    locale: str | None = _UNSET,
    is_private: bool = _UNSET,
    auto_translate: bool = _UNSET,
) -> User:
    """Change the given profile fields (others stay as they are); all checked before any is set."""
    user = await get_user(session, user_id=user_id)
    changes: dict[str, Any] = {}
    if display_name is not _UNSET:
        changes["display_name"] = policy.check_display_name(display_name)
    if bio is not _UNSET:
        changes["bio"] = policy.clean_text(bio, field="bio", max_length=policy.MAX_BIO, multiline=True)
    if location is not _UNSET:
        changes["location"] = policy.clean_text(location, field="location", max_length=policy.MAX_LOCATION)
    if pronouns is not _UNSET:
        changes["pronouns"] = policy.clean_text(pronouns, field="pronouns", max_length=policy.MAX_PRONOUNS)
    if languages is not _UNSET:
        changes["languages"] = policy.check_languages(languages)
    if locale is not _UNSET:
        changes["locale"] = (
            policy.check_language_tag(locale, field="locale").replace("-", "_") if locale else None
        )
    if is_private is not _UNSET:
        changes["is_private"] = bool(is_private)
    if auto_translate is not _UNSET:
        changes["auto_translate"] = bool(auto_translate)
    for name, value in changes.items():
        setattr(user, name, value)
    await session.flush()
    credential_cache.forget_on_commit(session, user.id)  # the name and language requests carry
    marks.mark_on_commit(session, marks.author(user.id))  # the name on cards of their notes
    return user


@dataclass(frozen=True)
class ReadingPreferences:
    languages: tuple[str, ...]  # as the person gave them (BCP 47)
    auto_translate: bool


async def reading_preferences(session: AsyncSession, *, user_id: int) -> ReadingPreferences | None:
    """The languages a person reads and whether to translate the others at once."""
    found = await repository.reading_preferences(session, user_id)
    return ReadingPreferences(tuple(found[0] or ()), bool(found[1])) if found is not None else None


async def make_admin(session: AsyncSession, *, username: str) -> User:
    """Give an existing account the administrator role."""
    user = await get_user_by_username(session, username=username)
    user.is_admin = True
    await session.flush()
    credential_cache.forget_on_commit(session, user.id)
    return user


# --- what other domains need -------------------------------------------------------------


@dataclass(frozen=True)
class UserSummary:
    """Enough of a person to show next to their note or comment."""

    id: int
    username: str
    display_name: str
    avatar_key: str | None
    is_suspended: bool
    is_private: bool


async def summaries(session: AsyncSession, *, user_ids: list[int]) -> dict[int, UserSummary]:
    """People by ID, in one query (unknown IDs are simply missing)."""
    rows = await repository.get_summaries(session, sorted(set(user_ids)))
    return {row.id: UserSummary(*row) for row in rows}


async def find_by_usernames(session: AsyncSession, *, usernames: list[str]) -> dict[str, UserSummary]:
    """Active people named in ``usernames`` (any case), keyed by their name's key."""
    keys = sorted({username_key(name) for name in usernames})
    rows = await repository.get_summaries_by_username_keys(session, keys)
    return {username_key(row.username): UserSummary(*row) for row in rows}


COUNTERS = frozenset({"note_count", "likes_received_count", "follower_count", "following_count"})


async def add_to_counters(session: AsyncSession, *, user_id: int, **deltas: int) -> None:
    """Move a person's profile counters (``note_count=1``, ``likes_received_count=-3``)."""
    unknown = set(deltas) - COUNTERS
    if unknown:
        raise ValueError(f"not a profile counter: {sorted(unknown)}")
    await repository.add_to_counters(session, user_id, **deltas)
