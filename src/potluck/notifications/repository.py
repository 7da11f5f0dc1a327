"""Queries on notifications.

Like ``notes.repository``, this reads the social graph's ``user_block`` and ``follow``
tables in SQL where a permission rule needs them (architecture.md: a repository may read
another domain's table in a join or ``EXISTS``); it never writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, tuple_, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from potluck.accounts.models import User
from potluck.db.upsert import insert_or_ignore
from potluck.kit.ids import new_id
from potluck.notifications.models import Notification, NotificationActor
from potluck.social.models import Block, Follow


def _blocked(a: Any, b: Any) -> ColumnElement[bool]:
    """Either of the two blocks the other."""
    return exists().where(
        or_(
            and_(Block.blocker_id == a, Block.blocked_id == b),
            and_(Block.blocker_id == b, Block.blocked_id == a),
        )
    )


async def blocked_between(session: AsyncSession, a: int, b: int) -> bool:
    return bool(await session.scalar(select(_blocked(a, b))))


async def not_blocked_with(session: AsyncSession, actor_id: int, user_ids: Sequence[int]) -> list[int]:
    """The people among ``user_ids`` who neither block ``actor_id`` nor are blocked by them."""
    if not user_ids:
        return []
    rows = await session.scalars(
        select(User.id).where(User.id.in_(user_ids), ~_blocked(actor_id, User.id)).order_by(User.id)
    )
    return list(rows)


async def followers_among(session: AsyncSession, followee_id: int, user_ids: Sequence[int]) -> set[int]:
    if not user_ids:
        return set()
    rows = await session.scalars(
        select(Follow.follower_id).where(Follow.followee_id == followee_id, Follow.follower_id.in_(user_ids))
    )
    return set(rows)


# --- writing -----------------------------------------------------------------------------


async def ensure_group(
    session: AsyncSession,
    *,
    recipient_id: int,
    kind: str,
    subject_id: int,
    note_id: int | None,
    comment_id: int | None,
    snippet: str,
    now: datetime,
) -> int:
    """The ID of the (recipient, kind, subject) group, made on first use. A unique key
    settles races: the loser's insert does nothing and it reads the winner's row."""
    inserted = await session.scalar(
        insert_or_ignore(session, Notification)
        .values(
            id=new_id(),
            recipient_id=recipient_id,
            kind=kind,
            subject_id=subject_id,
            note_id=note_id,
            comment_id=comment_id,
            snippet=snippet,
            actor_count=0,
            is_read=False,
            created_at=now,
            updated_at=now,
        )
        .returning(Notification.id)
    )
    if inserted is not None:
        return int(inserted)
    found = await session.scalar(
        select(Notification.id).where(
            Notification.recipient_id == recipient_id,
            Notification.kind == kind,
            Notification.subject_id == subject_id,
        )
    )
    assert found is not None
    return int(found)


async def add_actor(session: AsyncSession, notification_id: int, actor_id: int, now: datetime) -> bool:
    """Put the actor in the group; True (and the group counts one more, comes back to the
    top and is unread again) only if they were not in it already."""
    inserted = await session.scalar(
        insert_or_ignore(session, NotificationActor)
        .values(notification_id=notification_id, actor_id=actor_id, created_at=now)
        .returning(NotificationActor.actor_id)
    )
    if inserted is None:
        return False
    await session.execute(
        update(Notification)
        .where(Notification.id == notification_id)
        .values(actor_count=Notification.actor_count + 1, updated_at=now, is_read=False)
        .execution_options(synchronize_session=False)
    )
    return True


async def remove_actor(
    session: AsyncSession,
    *,
    kinds: Sequence[str],
    actor_id: int,
    recipient_id: int | None = None,
    subject_ids: Sequence[int] | None = None,
) -> list[int]:
    """Take the actor out of the groups of these kinds (of one recipient, of some
    subjects); the groups that really lost them, each counting one less."""
    group = [Notification.id == NotificationActor.notification_id, Notification.kind.in_(kinds)]
    if recipient_id is not None:
        group.append(Notification.recipient_id == recipient_id)
    if subject_ids is not None:
        group.append(Notification.subject_id.in_(subject_ids))
    # Found from the actor's side (indexed), each group checked by its primary key.
    return await _delete_actors(session, and_(NotificationActor.actor_id == actor_id, exists().where(*group)))


async def recipients_of(session: AsyncSession, notification_ids: Sequence[int]) -> list[int]:
    if not notification_ids:
        return []
    rows = await session.scalars(
        select(Notification.recipient_id).where(Notification.id.in_(notification_ids)).distinct()
    )
    return sorted(rows)


async def remove_between(session: AsyncSession, a: int, b: int) -> list[int]:
    """Take each of the two out of every group of the other's (they blocked)."""

    def in_groups_of(recipient_id: int) -> ColumnElement[bool]:
        return exists().where(
            Notification.id == NotificationActor.notification_id, Notification.recipient_id == recipient_id
        )

    return await _delete_actors(
        session,
        or_(
            and_(NotificationActor.actor_id == b, in_groups_of(a)),
            and_(NotificationActor.actor_id == a, in_groups_of(b)),
        ),
    )


async def _delete_actors(session: AsyncSession, where: ColumnElement[bool]) -> list[int]:
    result = await session.execute(
        delete(NotificationActor).where(where).returning(NotificationActor.notification_id)
    )
    # A group holds a person once, so each group appears at most once here.
    group_ids = sorted(set(result.scalars()))
    if group_ids:
        await session.execute(
            update(Notification)
            .where(Notification.id.in_(group_ids))
            .values(actor_count=Notification.actor_count - 1)
            .execution_options(synchronize_session=False)
        )
    return group_ids


async def mark_read(
    session: AsyncSession,
    *,
    recipient_id: int,
    kinds: Sequence[str] | None,
    ids: Sequence[int] | None,
    up_to: tuple[datetime, int] | None,
) -> int:
    """Mark the recipient's unread notifications read: all, of some kinds, these IDs, or
    those at or below a list position. How many changed."""
    query = update(Notification).where(
        Notification.recipient_id == recipient_id, Notification.is_read.is_(False)
    )
    if kinds is not None:
        query = query.where(Notification.kind.in_(kinds))
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    if up_to is not None:
        query = query.where(tuple_(Notification.updated_at, Notification.id) <= tuple_(up_to[0], up_to[1]))
    result = await session.execute(query.values(is_read=True).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- reading -----------------------------------------------------------------------------


async def unread_by_kind(session: AsyncSession, recipient_id: int) -> dict[str, int]:
    rows = await session.execute(
        select(Notification.kind, func.count())
        .where(
            Notification.recipient_id == recipient_id,
            Notification.is_read.is_(False),
            Notification.actor_count > 0,
        )
        .group_by(Notification.kind)
    )
    return {kind: int(count) for kind, count in rows.all()}


async def page(
    session: AsyncSession,
    *,
    recipient_id: int,
    kinds: Sequence[str] | None,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[Notification]:
    """The recipient's notifications, most recently active first; groups everyone left
    (all likes undone) are not shown."""
    query = select(Notification).where(
        Notification.recipient_id == recipient_id, Notification.actor_count > 0
    )
    if kinds is not None:
        query = query.where(Notification.kind.in_(kinds))
    if before is not None:
        query = query.where(tuple_(Notification.updated_at, Notification.id) < tuple_(before[0], before[1]))
    query = query.order_by(Notification.updated_at.desc(), Notification.id.desc()).limit(limit)
    return list(await session.scalars(query))


async def latest_actors(
    session: AsyncSession, *, recipient_id: int, notification_ids: Sequence[int], per_group: int
) -> dict[int, list[int]]:
    """The newest few actors of each group, leaving out suspended people and people the
    recipient blocks or who block them. One statement of index-bounded parts: a group of
    100,000 likes reads only its newest rows."""
    if not notification_ids:
        return {}
    parts = [
        select(NotificationActor.notification_id, NotificationActor.actor_id, NotificationActor.created_at)
        .join(User, User.id == NotificationActor.actor_id)
        .where(
            NotificationActor.notification_id == notification_id,
            User.is_suspended.is_(False),
            ~_blocked(recipient_id, NotificationActor.actor_id),
        )
        .order_by(NotificationActor.created_at.desc(), NotificationActor.actor_id.desc())
        .limit(per_group)
        .subquery()
        for notification_id in notification_ids
    ]
    selects = [select(*part.c) for part in parts]
    statement = union_all(*selects) if len(selects) > 1 else selects[0]
    rows = (await session.execute(statement)).all()
    found: dict[int, list[tuple[datetime, int]]] = {}
    for notification_id, actor_id, created_at in rows:
        found.setdefault(notification_id, []).append((created_at, actor_id))
    return {
        notification_id: [actor for _, actor in sorted(actors, reverse=True)]
        for notification_id, actors in found.items()
    }
