"""Every notes query lives here. ``readable`` is the one SQL form of who may see a note."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Select,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.db.among import among
from potluck.db.upsert import insert_or_ignore
from potluck.kit.ids import new_id
from potluck.kit.viewer import Viewer
from potluck.notes.models import Hashtag, Note, NoteHashtag, NoteLike, NoteMention, NoteView, Visibility
from potluck.social.models import Block, Follow, Mute


def readable(viewer: Viewer) -> ColumnElement[bool]:
    """Mirror of :func:`potluck.notes.policy.can_read` for queries over many notes."""
    published = Note.published_at.is_not(None)
    author_active = ~exists().where(User.id == Note.author_id, User.is_suspended.is_(True))
    if viewer.id is None:
        return and_(published, Note.visibility == Visibility.PUBLIC, author_active)
    if viewer.is_admin:
        return or_(published, Note.author_id == viewer.id)
    shown_to_viewer = or_(
        Note.visibility == Visibility.PUBLIC,
        and_(Note.visibility == Visibility.FOLLOWERS, _follows(viewer.id, Note.author_id)),
    )
    others = and_(published, shown_to_viewer, author_active, ~_blocked(viewer.id, Note.author_id))
    return or_(others, Note.author_id == viewer.id)


def _follows(viewer_id: Any, author_id: Any) -> ColumnElement[bool]:
    return exists().where(Follow.follower_id == viewer_id, Follow.followee_id == author_id)


def _blocked(viewer_id: Any, author_id: Any) -> ColumnElement[bool]:
    """Either blocks the other."""
    return exists().where(
        or_(
            and_(Block.blocker_id == viewer_id, Block.blocked_id == author_id),
            and_(Block.blocker_id == author_id, Block.blocked_id == viewer_id),
        )
    )


async def get(session: AsyncSession, note_id: int) -> Note | None:
    return await session.get(Note, note_id)


async def get_for_update(session: AsyncSession, note_id: int) -> Note | None:
    result = await session.execute(select(Note).where(Note.id == note_id).with_for_update())
    return result.scalar_one_or_none()


# Built once with bound parameters: the hottest reads skip building a statement and its
# cache key on every call.
_VIEWER: BindParameter[int] = bindparam("viewer_id")
_NOTE_AND_AUTHOR_STATE = (
    select(
        Note,
        User.is_suspended,
        _follows(_VIEWER, Note.author_id).label("following"),
        _blocked(_VIEWER, Note.author_id).label("blocked"),
    )
    .join(User, User.id == Note.author_id)
    .where(Note.id == bindparam("note_id"))
)


@dataclass(frozen=True)
class AuthorState:
    """What deciding whether the viewer may read a note needs to know about its author."""

    suspended: bool
    followed_by_viewer: bool
    blocked: bool  # either way


async def get_with_author_state(
    session: AsyncSession, note_id: int, viewer_id: int | None
) -> tuple[Note, AuthorState] | None:
    """The note and its author's state for this viewer, in one query."""
    # No account has ID 0: an anonymous viewer follows and blocks no one.
    result = await session.execute(_NOTE_AND_AUTHOR_STATE, {"note_id": note_id, "viewer_id": viewer_id or 0})
    row = result.first()
    if row is None:
        return None
    return row[0], AuthorState(suspended=bool(row[1]), followed_by_viewer=bool(row[2]), blocked=bool(row[3]))


async def add_to_counters(session: AsyncSession, note_id: int, **deltas: int) -> None:
    values = {name: getattr(Note, name) + delta for name, delta in deltas.items() if delta}
    if values:
        await session.execute(update(Note).where(Note.id == note_id).values(values))


async def delete_note(session: AsyncSession, note_id: int) -> None:
    """Rows that hang off the note (likes, views, topics, collects, comments) go with it by
    ON DELETE CASCADE."""
    await session.execute(delete(Note).where(Note.id == note_id))


# --- lists -------------------------------------------------------------------------------


def _page(statement: Select[Any], order: Any, before: int | None, limit: int) -> Select[Any]:
    if before is not None:
        statement = statement.where(order < before)
    return statement.order_by(order.desc()).limit(limit)


async def list_by_author(
    session: AsyncSession, *, author_id: int, viewer: Viewer, drafts: bool, before: int | None, limit: int
) -> list[Note]:
    """Published notes newest first (IDs are time-ordered); the author's drafts if asked."""
    statement = select(Note).where(Note.author_id == author_id)
    if drafts:
        statement = statement.where(Note.published_at.is_(None), Note.author_id == viewer.id)
    else:
        statement = statement.where(Note.published_at.is_not(None), readable(viewer))
    result = await session.execute(_page(statement, Note.id, before, limit))
    return list(result.scalars())


async def list_latest_public(
    session: AsyncSession,
    *,
    viewer: Viewer,
    category: str | None,
    limit: int,
    after: tuple[datetime, int] | None = None,
) -> list[Note]:
    """The newest public notes of active authors that ``viewer`` may see (no one they block
    or who blocks them), most recently published first; ``after`` is the (published_at,
    id) of the last note of the previous page."""
    statement = select(Note).where(readable(viewer), Note.visibility == Visibility.PUBLIC)
    if category is not None:
        statement = statement.where(Note.category == category)
    if after is not None:
        published_at, note_id = after
        statement = statement.where(
            or_(
                Note.published_at < published_at,
                and_(Note.published_at == published_at, Note.id < note_id),
            )
        )
    result = await session.execute(statement.order_by(Note.published_at.desc(), Note.id.desc()).limit(limit))
    return list(result.scalars())


async def list_liked(
    session: AsyncSession, *, user_id: int, viewer: Viewer, before: datetime | None, limit: int
) -> list[tuple[Note, datetime]]:
    statement = (
        select(Note, NoteLike.created_at)
        .join(NoteLike, NoteLike.note_id == Note.id)
        .where(NoteLike.user_id == user_id, readable(viewer))
    )
    if before is not None:
        statement = statement.where(NoteLike.created_at < before)
    result = await session.execute(statement.order_by(NoteLike.created_at.desc()).limit(limit))
    return [(row[0], row[1]) for row in result]


async def get_readable_many(
    session: AsyncSession, note_ids: Sequence[int], viewer: Viewer, *, followed_unmuted: bool = False
) -> list[Note]:
    """The readable notes among ``note_ids``; with ``followed_unmuted``, only those whose
    authors the viewer follows and has not muted (what a Following feed may show)."""
    if not note_ids:
        return []
    statement = select(Note).where(among(session, Note.id, note_ids), readable(viewer))
    if followed_unmuted and viewer.id is not None:
        muted = exists().where(Mute.muter_id == viewer.id, Mute.muted_id == Note.author_id)
        statement = statement.where(_follows(viewer.id, Note.author_id), ~muted)
    result = await session.execute(statement)
    return list(result.scalars())


@dataclass(frozen=True)
class NearbyQuery:
    """A nearby page: the viewer's grid cell, a bounding box, a radius and where to start.

    Distances are ``notes.geo.scaled_distance_squared``: integers, so ordering and
    cursors are exact on SQLite and PostgreSQL alike.
    """

    lat: int
    lon: int
    lon_scale: int
    scale: int
    box: tuple[int, int, int, int]  # lat_min, lat_max, lon_min, lon_max
    max_distance: int
    after: tuple[int, datetime, int] | None  # (distance, published_at, id) of the last card seen
    limit: int


async def list_nearby(session: AsyncSession, *, query: NearbyQuery, viewer: Viewer) -> list[tuple[Note, int]]:
    """Readable notes with a position within ``query``'s radius, nearest first, then newest:
    (note, scaled squared distance). The box on the indexed cells narrows the rows; the
    radius keeps the order exact (every note in the circle is in the box)."""
    dy = (cast(Note.grid_lat, BigInteger) - query.lat) * query.scale
    dx = (cast(Note.grid_lon, BigInteger) - query.lon) * query.lon_scale
    distance = (dx * dx + dy * dy).label("distance")
    lat_min, lat_max, lon_min, lon_max = query.box
    statement = select(Note, distance).where(
        Note.grid_lat.between(lat_min, lat_max),
        Note.grid_lon.between(lon_min, lon_max),
        distance <= query.max_distance,
        Note.visibility == Visibility.PUBLIC,
        Note.published_at.is_not(None),
        readable(viewer),
    )
    if query.after is not None:
        last_distance, last_published, last_id = query.after
        statement = statement.where(
            or_(
                distance > last_distance,
                and_(
                    distance == last_distance,
                    tuple_(Note.published_at, Note.id) < tuple_(last_published, last_id),
                ),
            )
        )
    statement = statement.order_by(distance, Note.published_at.desc(), Note.id.desc()).limit(query.limit)
    return [(row[0], int(row[1])) for row in await session.execute(statement)]


# --- topics and mentions -----------------------------------------------------------------


async def ensure_hashtags(session: AsyncSession, names: dict[str, str]) -> dict[str, int]:
    """IDs of the topics keyed by ``names`` (key -> display name), creating missing ones."""
    if not names:
        return {}
    keys = list(names)
    await session.execute(
        insert_or_ignore(session, Hashtag),
        [{"id": new_id(), "key": key, "name": name} for key, name in names.items()],
    )
    result = await session.execute(select(Hashtag.key, Hashtag.id).where(Hashtag.key.in_(keys)))
    return {row.key: row.id for row in result}


async def hashtag_ids_of(session: AsyncSession, note_id: int) -> list[int]:
    result = await session.execute(select(NoteHashtag.hashtag_id).where(NoteHashtag.note_id == note_id))
    return [row[0] for row in result]


async def replace_hashtags(session: AsyncSession, note_id: int, hashtag_ids: list[int]) -> None:
    await session.execute(delete(NoteHashtag).where(NoteHashtag.note_id == note_id))
    if hashtag_ids:
        await session.execute(
            insert(NoteHashtag),
            [
                {"note_id": note_id, "hashtag_id": hashtag_id, "position": position}
                for position, hashtag_id in enumerate(hashtag_ids)
            ],
        )


async def add_to_hashtag_counts(session: AsyncSession, hashtag_ids: list[int], delta: int) -> None:
    if hashtag_ids and delta:
        await session.execute(
            update(Hashtag).where(Hashtag.id.in_(hashtag_ids)).values(note_count=Hashtag.note_count + delta)
        )


_HASHTAGS_OF_NOTES = (
    select(NoteHashtag.note_id, Hashtag.name)
    .join(Hashtag, Hashtag.id == NoteHashtag.hashtag_id)
    .where(NoteHashtag.note_id.in_(bindparam("note_ids", expanding=True)))
    .order_by(NoteHashtag.note_id, NoteHashtag.position)
)


async def hashtags_of_notes(session: AsyncSession, note_ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {note_id: [] for note_id in note_ids}
    if not note_ids:
        return grouped
    result = await session.execute(_HASHTAGS_OF_NOTES, {"note_ids": note_ids})
    for note_id, name in result:
        grouped[note_id].append(name)
    return grouped


async def replace_mentions(session: AsyncSession, note_id: int, user_ids: list[int]) -> None:
    await session.execute(delete(NoteMention).where(NoteMention.note_id == note_id))
    if user_ids:
        await session.execute(
            insert(NoteMention), [{"note_id": note_id, "user_id": user_id} for user_id in user_ids]
        )


_MENTIONS_OF_NOTES = select(NoteMention.note_id, NoteMention.user_id).where(
    NoteMention.note_id.in_(bindparam("note_ids", expanding=True))
)


async def mentions_of_notes(session: AsyncSession, note_ids: list[int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {note_id: [] for note_id in note_ids}
    if not note_ids:
        return grouped
    result = await session.execute(_MENTIONS_OF_NOTES, {"note_ids": note_ids})
    for note_id, user_id in result:
        grouped[note_id].append(user_id)
    return grouped


# --- likes and views ---------------------------------------------------------------------


async def insert_like(session: AsyncSession, user_id: int, note_id: int, now: datetime) -> bool:
    """True if this call created the like (False: it existed already)."""
    result = await session.execute(
        insert_or_ignore(session, NoteLike)
        .values(user_id=user_id, note_id=note_id, created_at=now)
        .returning(NoteLike.note_id)
    )
    return result.first() is not None


async def delete_like(session: AsyncSession, user_id: int, note_id: int) -> bool:
    result = await session.execute(
        delete(NoteLike)
        .where(NoteLike.user_id == user_id, NoteLike.note_id == note_id)
        .returning(NoteLike.note_id)
    )
    return result.first() is not None


async def liked_among(session: AsyncSession, user_id: int | None, note_ids: list[int]) -> set[int]:
    if user_id is None or not note_ids:
        return set()
    result = await session.execute(
        select(NoteLike.note_id).where(NoteLike.user_id == user_id, NoteLike.note_id.in_(note_ids))
    )
    return {row[0] for row in result}


async def insert_views(session: AsyncSession, views: list[tuple[int, str, date]]) -> Counter[int]:
    """Record (note, viewer, day) rows; how many were new per note."""
    if not views:
        return Counter()
    result = await session.execute(
        insert_or_ignore(session, NoteView).returning(NoteView.note_id),
        [{"note_id": note_id, "viewer": viewer, "day": day} for note_id, viewer, day in views],
    )
    return Counter(row[0] for row in result)


async def existing_note_ids(session: AsyncSession, note_ids: list[int]) -> set[int]:
    result = await session.execute(select(Note.id).where(Note.id.in_(note_ids)))
    return {row[0] for row in result}


async def delete_views_before(session: AsyncSession, day: date) -> int:
    result = await session.execute(delete(NoteView).where(NoteView.day < day))
    return int(getattr(result, "rowcount", 0) or 0)


async def get_many(session: AsyncSession, note_ids: Sequence[int]) -> list[Note]:
    if not note_ids:
        return []
    result = await session.execute(select(Note).where(Note.id.in_(note_ids)))
    return list(result.scalars())


async def ids_after(session: AsyncSession, *, after: int, limit: int) -> list[int]:
    result = await session.execute(select(Note.id).where(Note.id > after).order_by(Note.id).limit(limit))
    return [int(note_id) for note_id in result.scalars()]
