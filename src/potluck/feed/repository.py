"""Queries of the Following feed.

They read the ``note``, ``follow`` and ``user_account`` tables directly: a timeline is by
definition a join of follows and notes, and fan-out must walk millions of follow rows
without loading people or notes as objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.feed.timeline import Entry
from potluck.notes.models import Note, Visibility
from potluck.social.models import Follow

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def published_at_of(entry: Entry) -> datetime:
    return _EPOCH + timedelta(microseconds=entry.published_us)


def _for_followers() -> ColumnElement[bool]:
    """Published notes that followers may see (public or followers-only)."""
    return and_(Note.published_at.is_not(None), Note.visibility != Visibility.PRIVATE)


def _older_than(before: Entry | None) -> list[ColumnElement[bool]]:
    if before is None:
        return []
    return [tuple_(Note.published_at, Note.id) < tuple_(published_at_of(before), before.note_id)]


def _entries(rows: object) -> list[Entry]:
    return [Entry.of(note_id, published_at) for note_id, published_at in rows]  # type: ignore[attr-defined]


async def followed_notes(
    session: AsyncSession, *, user_id: int, before: Entry | None, limit: int
) -> list[Entry]:
    """The newest notes of every account ``user_id`` follows, older than ``before``."""
    statement = (
        select(Note.id, Note.published_at)
        .join(Follow, Follow.followee_id == Note.author_id)
        .where(Follow.follower_id == user_id, _for_followers(), *_older_than(before))
        .order_by(Note.published_at.desc(), Note.id.desc())
        .limit(limit)
    )
    return _entries(await session.execute(statement))


async def notes_of_authors(
    session: AsyncSession, *, author_ids: list[int], before: Entry | None, limit: int
) -> list[Entry]:
    statement = (
        select(Note.id, Note.published_at)
        .where(Note.author_id.in_(author_ids), _for_followers(), *_older_than(before))
        .order_by(Note.published_at.desc(), Note.id.desc())
        .limit(limit)
    )
    return _entries(await session.execute(statement))


async def recent_notes_of(session: AsyncSession, *, author_id: int, limit: int) -> list[Entry]:
    return await notes_of_authors(session, author_ids=[author_id], before=None, limit=limit)


async def followed_large_accounts(session: AsyncSession, *, user_id: int, more_than: int) -> list[int]:
    """Accounts ``user_id`` follows that have more than ``more_than`` followers."""
    statement = (
        select(Follow.followee_id)
        .join(User, User.id == Follow.followee_id)
        .where(Follow.follower_id == user_id, User.follower_count > more_than)
    )
    return list((await session.scalars(statement)).all())


@dataclass(frozen=True)
class NoteToFanOut:
    author_id: int
    published_at: datetime
    author_followers: int


async def note_to_fan_out(session: AsyncSession, note_id: int) -> NoteToFanOut | None:
    """The note if it is published for followers, with its author's follower count."""
    statement = (
        select(Note.author_id, Note.published_at, User.follower_count)
        .join(User, User.id == Note.author_id)
        .where(Note.id == note_id, _for_followers(), User.is_suspended.is_(False))
    )
    row = (await session.execute(statement)).first()
    if row is None or row[1] is None:
        return None
    return NoteToFanOut(author_id=row[0], published_at=row[1], author_followers=row[2])


async def active_followers(
    session: AsyncSession,
    *,
    author_id: int,
    active_since: datetime,
    after: tuple[datetime, int] | None,
    limit: int,
) -> list[tuple[int, datetime]]:
    """Followers of ``author_id`` active since ``active_since``, in the order the follows
    began (the ``(followee_id, created_at)`` index): (follower ID, when they followed)."""
    statement = (
        select(Follow.follower_id, Follow.created_at)
        .join(User, User.id == Follow.follower_id)
        .where(Follow.followee_id == author_id, User.last_active_at >= active_since)
    )
    if after is not None:
        statement = statement.where(
            tuple_(Follow.created_at, Follow.follower_id) > tuple_(after[0], after[1])
        )
    statement = statement.order_by(Follow.created_at, Follow.follower_id).limit(limit)
    return [(row[0], row[1]) for row in await session.execute(statement)]
