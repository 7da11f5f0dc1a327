"""Every topics query.

Topics builds on notes: besides its own tables it reads ``hashtag``, ``note_hashtag`` and
``note`` in joins, and uses ``notes.repository.readable``, the one SQL form of who may
see a note, so a topic's lists hide exactly what the rest of Potluck hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from potluck.db.upsert import insert_or_ignore
from potluck.kit.viewer import Viewer
from potluck.notes.models import Hashtag, Note, NoteHashtag
from potluck.notes.repository import readable
from potluck.topics.models import TopicFollow, TopicNote, TopicStats

# --- SQL pieces ------------------------------------------------------------------------------


class epoch_seconds(FunctionElement[int]):
    """Whole seconds since 1970 of a UTC datetime column, on SQLite and PostgreSQL."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch_seconds, "sqlite")
def _epoch_seconds_sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(epoch_seconds)
def _epoch_seconds_default(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})) AS BIGINT)"


def engagement() -> ColumnElement[int]:
    """What people did with a note: a like 1, a collect 2, a comment 3."""
    return Note.like_count + 2 * Note.collect_count + 3 * Note.comment_count


# "Hot": a note's publication time in seconds, plus HOT_STEP_SECONDS for every half
# doubling of its engagement (1, 2, 3, 4, 6, 8, 11, 16, ... points). Twice the engagement
# is worth being four hours younger; a note with 1,000 points stays ahead of a fresh
# note without any for about 40 hours. The score does not depend on the time of reading,
# so it pages with a stable cursor, and it moves only when the note's counters move.
HOT_STEP_SECONDS = 7200
HOT_THRESHOLDS: tuple[int, ...] = tuple(sorted({round(2 ** (k / 2)) for k in range(41)}))


def hot_score() -> ColumnElement[int]:
    points = engagement()
    steps = case(
        *[(points >= threshold, step) for step, threshold in reversed(list(enumerate(HOT_THRESHOLDS, 1)))],
        else_=0,
    )
    return epoch_seconds(Note.published_at) + steps * HOT_STEP_SECONDS


def _public() -> ColumnElement[bool]:
    """Notes everyone may read: what topic totals and trending count."""
    return readable(Viewer())


# --- topics ----------------------------------------------------------------------------------


async def hashtag_by_key(session: AsyncSession, key: str) -> Hashtag | None:
    result = await session.execute(select(Hashtag).where(Hashtag.key == key))
    return result.scalar_one_or_none()


async def hashtags_by_id(session: AsyncSession, hashtag_ids: Sequence[int]) -> dict[int, Hashtag]:
    if not hashtag_ids:
        return {}
    result = await session.execute(select(Hashtag).where(Hashtag.id.in_(hashtag_ids)))
    return {hashtag.id: hashtag for hashtag in result.scalars()}


async def stats_of(session: AsyncSession, hashtag_ids: Sequence[int]) -> dict[int, TopicStats]:
    if not hashtag_ids:
        return {}
    result = await session.execute(select(TopicStats).where(TopicStats.hashtag_id.in_(hashtag_ids)))
    return {row.hashtag_id: row for row in result.scalars()}


# --- following -------------------------------------------------------------------------------


async def insert_follow(session: AsyncSession, user_id: int, hashtag_id: int, now: datetime) -> bool:
    """True if this call created the follow (False: it was there already)."""
    result = await session.execute(
        insert_or_ignore(session, TopicFollow)
        .values(user_id=user_id, hashtag_id=hashtag_id, created_at=now)
        .returning(TopicFollow.hashtag_id)
    )
    return result.first() is not None


async def delete_follow(session: AsyncSession, user_id: int, hashtag_id: int) -> bool:
    result = await session.execute(
        delete(TopicFollow)
        .where(TopicFollow.user_id == user_id, TopicFollow.hashtag_id == hashtag_id)
        .returning(TopicFollow.hashtag_id)
    )
    return result.first() is not None


async def followed_among(session: AsyncSession, user_id: int, hashtag_ids: Sequence[int]) -> set[int]:
    if not hashtag_ids:
        return set()
    result = await session.execute(
        select(TopicFollow.hashtag_id).where(
            TopicFollow.user_id == user_id, TopicFollow.hashtag_id.in_(hashtag_ids)
        )
    )
    return set(result.scalars())


async def add_followers(session: AsyncSession, hashtag_id: int, delta: int) -> None:
    """Move the exact follower count (the stats row is made on first use)."""
    await session.execute(insert_or_ignore(session, TopicStats).values(hashtag_id=hashtag_id))
    await session.execute(
        update(TopicStats)
        .where(TopicStats.hashtag_id == hashtag_id)
        .values(follower_count=TopicStats.follower_count + delta)
    )


async def followed_page(
    session: AsyncSession, *, user_id: int, before: tuple[datetime, int] | None, limit: int
) -> list[tuple[int, datetime]]:
    """(topic ID, followed at) of the topics someone follows, latest first."""
    statement = select(TopicFollow.hashtag_id, TopicFollow.created_at).where(TopicFollow.user_id == user_id)
    if before is not None:
        statement = statement.where(
            tuple_(TopicFollow.created_at, TopicFollow.hashtag_id) < tuple_(before[0], before[1])
        )
    statement = statement.order_by(TopicFollow.created_at.desc(), TopicFollow.hashtag_id.desc()).limit(limit)
    return [(row[0], row[1]) for row in await session.execute(statement)]


async def followed_ids(session: AsyncSession, user_id: int) -> list[int]:
    result = await session.execute(
        select(TopicFollow.hashtag_id)
        .where(TopicFollow.user_id == user_id)
        .order_by(TopicFollow.created_at.desc())
    )
    return list(result.scalars())


# --- a topic's notes -------------------------------------------------------------------------


def _topic_notes(hashtag_id: int, viewer: Viewer) -> Any:
    return (
        select(Note)
        .join(NoteHashtag, NoteHashtag.note_id == Note.id)
        .where(NoteHashtag.hashtag_id == hashtag_id, Note.published_at.is_not(None), readable(viewer))
    )


async def newest_notes(
    session: AsyncSession, *, hashtag_id: int, viewer: Viewer, before: tuple[datetime, int] | None, limit: int
) -> list[Note]:
    statement = _topic_notes(hashtag_id, viewer)
    if before is not None:
        statement = statement.where(tuple_(Note.published_at, Note.id) < tuple_(before[0], before[1]))
    result = await session.execute(statement.order_by(Note.published_at.desc(), Note.id.desc()).limit(limit))
    return list(result.scalars())


async def hot_notes(
    session: AsyncSession,
    *,
    hashtag_id: int,
    viewer: Viewer,
    before: tuple[int, int] | None,
    limit: int,
    fresh_since: datetime,
) -> list[tuple[Note, int]]:
    """(note, hot score), hottest first.

    Scored notes come from ``topic_note`` in index order. Notes published since
    ``fresh_since`` that the jobs have not scored yet are scored here (there are few),
    and the two are merged, so a new note is in Hot at once. A note is in one or the
    other, never both, so pages do not repeat.
    """
    stored = (
        select(Note, TopicNote.hot)
        .join(TopicNote, TopicNote.note_id == Note.id)
        .where(TopicNote.hashtag_id == hashtag_id, readable(viewer))
    )
    score = hot_score()
    unscored = (
        _topic_notes(hashtag_id, viewer)
        .add_columns(score)
        .where(
            Note.published_at >= fresh_since,
            ~exists().where(TopicNote.hashtag_id == hashtag_id, TopicNote.note_id == Note.id),
        )
    )
    if before is not None:
        stored = stored.where(tuple_(TopicNote.hot, TopicNote.note_id) < tuple_(before[0], before[1]))
        unscored = unscored.where(tuple_(score, Note.id) < tuple_(before[0], before[1]))
    stored = stored.order_by(TopicNote.hot.desc(), TopicNote.note_id.desc()).limit(limit)
    unscored = unscored.order_by(score.desc(), Note.id.desc()).limit(limit)
    rows = [(row[0], int(row[1])) for row in await session.execute(stored)]
    rows += [(row[0], int(row[1])) for row in await session.execute(unscored)]
    rows.sort(key=lambda pair: (pair[1], pair[0].id), reverse=True)
    return rows[:limit]


async def touched_note_ids(session: AsyncSession, since: datetime) -> list[int]:
    """Notes changed since ``since`` (a counter's UPDATE moves ``updated_at`` too)."""
    result = await session.execute(select(Note.id).where(Note.updated_at >= since))
    return list(result.scalars())


async def note_ids_after(session: AsyncSession, after: int, limit: int) -> list[int]:
    result = await session.execute(select(Note.id).where(Note.id > after).order_by(Note.id).limit(limit))
    return list(result.scalars())


async def hashtag_ids_of_notes(session: AsyncSession, note_ids: Sequence[int]) -> list[int]:
    """The topics these notes are in, or were in when last scored (an edit may have
    taken a topic out of one)."""
    if not note_ids:
        return []
    linked = select(NoteHashtag.hashtag_id).where(NoteHashtag.note_id.in_(note_ids))
    scored = select(TopicNote.hashtag_id).where(TopicNote.note_id.in_(note_ids))
    result = await session.execute(linked.union(scored))
    return sorted(result.scalars())


async def sync_hot_scores(session: AsyncSession, note_ids: Sequence[int]) -> int:
    """Make ``topic_note`` hold these notes' current topics and scores (published notes
    only); how many rows were written or removed."""
    if not note_ids:
        return 0
    wanted_rows = await session.execute(
        select(NoteHashtag.hashtag_id, NoteHashtag.note_id, hot_score())
        .join(Note, Note.id == NoteHashtag.note_id)
        .where(NoteHashtag.note_id.in_(note_ids), Note.published_at.is_not(None))
    )
    wanted = {(row[0], row[1]): int(row[2]) for row in wanted_rows}
    have_rows = await session.execute(
        select(TopicNote.hashtag_id, TopicNote.note_id, TopicNote.hot).where(TopicNote.note_id.in_(note_ids))
    )
    have = {(row[0], row[1]): int(row[2]) for row in have_rows}
    stale = [key for key, hot in have.items() if wanted.get(key) != hot]
    missing = [key for key, hot in wanted.items() if have.get(key) != hot]
    if stale:
        await session.execute(
            delete(TopicNote).where(tuple_(TopicNote.hashtag_id, TopicNote.note_id).in_(stale))
        )
    if missing:
        await session.execute(
            insert(TopicNote),
            [
                {"hashtag_id": hashtag_id, "note_id": note_id, "hot": wanted[(hashtag_id, note_id)]}
                for hashtag_id, note_id in missing
            ],
        )
    return len(stale) + len(missing)


# --- trending --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow:
    hashtag_id: int
    name: str
    score: int
    notes_today: int
    notes_this_week: int


# A note in the trend counts TREND_NOTE_POINTS plus its engagement (at most
# TREND_ENGAGEMENT_CAP, so one viral note does not make a topic), times
# TREND_TODAY_WEIGHT if it was published in the last 24 hours.
TREND_NOTE_POINTS = 10
TREND_ENGAGEMENT_CAP = 500
TREND_TODAY_WEIGHT = 4


async def trending(
    session: AsyncSession, *, week_ago: datetime, day_ago: datetime, limit: int
) -> list[TrendRow]:
    points = engagement()
    capped = case((points > TREND_ENGAGEMENT_CAP, TREND_ENGAGEMENT_CAP), else_=points)
    today = Note.published_at >= day_ago
    score = func.sum((TREND_NOTE_POINTS + capped) * case((today, TREND_TODAY_WEIGHT), else_=1)).label("score")
    statement = (
        select(
            NoteHashtag.hashtag_id,
            Hashtag.name,
            score,
            func.sum(case((today, 1), else_=0)),
            func.count(),
        )
        .join(Note, Note.id == NoteHashtag.note_id)
        .join(Hashtag, Hashtag.id == NoteHashtag.hashtag_id)
        .where(Note.published_at >= week_ago, _public())
        .group_by(NoteHashtag.hashtag_id, Hashtag.name)
        .order_by(score.desc(), NoteHashtag.hashtag_id.desc())
        .limit(limit)
    )
    return [
        TrendRow(
            hashtag_id=row[0],
            name=row[1],
            score=int(row[2]),
            notes_today=int(row[3]),
            notes_this_week=int(row[4]),
        )
        for row in await session.execute(statement)
    ]


# --- totals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    note_count: int = 0
    view_count: int = 0
    comment_count: int = 0
    like_count: int = 0
    collect_count: int = 0


async def hashtag_ids_after(session: AsyncSession, after: int, limit: int) -> list[int]:
    result = await session.execute(
        select(Hashtag.id).where(Hashtag.id > after).order_by(Hashtag.id).limit(limit)
    )
    return list(result.scalars())


async def compute_totals(session: AsyncSession, hashtag_ids: Sequence[int]) -> dict[int, Totals]:
    """Counts and sums over each topic's public notes (one grouped query)."""
    if not hashtag_ids:
        return {}
    statement = (
        select(
            NoteHashtag.hashtag_id,
            func.count(),
            func.sum(cast(Note.view_count, BigInteger)),
            func.sum(Note.comment_count),
            func.sum(Note.like_count),
            func.sum(Note.collect_count),
        )
        .join(Note, Note.id == NoteHashtag.note_id)
        .where(NoteHashtag.hashtag_id.in_(hashtag_ids), _public())
        .group_by(NoteHashtag.hashtag_id)
    )
    return {
        row[0]: Totals(*(int(value or 0) for value in row[1:])) for row in await session.execute(statement)
    }


async def store_totals(
    session: AsyncSession, totals: dict[int, Totals], hashtag_ids: Sequence[int], now: datetime
) -> int:
    """Write the totals of ``hashtag_ids`` (zeros for those missing from ``totals``), only
    where they changed; how many topics changed."""
    current = await stats_of(session, hashtag_ids)
    missing = [hashtag_id for hashtag_id in hashtag_ids if hashtag_id not in current]
    if missing:
        await session.execute(
            insert_or_ignore(session, TopicStats), [{"hashtag_id": hashtag_id} for hashtag_id in missing]
        )
    changes = []
    for hashtag_id in hashtag_ids:
        new = totals.get(hashtag_id, Totals())
        row = current.get(hashtag_id)
        old = (
            Totals(row.note_count, row.view_count, row.comment_count, row.like_count, row.collect_count)
            if row is not None
            else None
        )
        if old != new or row is None or row.refreshed_at is None:
            changes.append({"hashtag_id": hashtag_id, "refreshed_at": now, **asdict(new)})
    if changes:
        await session.execute(update(TopicStats), changes)
    return len(changes)
