"""Every Explore query.

Explore is a read model over notes and the social graph: besides its own tables, this
module *reads* (never writes) the ``note``, ``note_hashtag``, ``hashtag``, ``note_like``,
``collect``, ``comment``, ``follow``, ``user_mute`` and ``user_account`` tables, in
bounded queries on their indexes, and uses :func:`potluck.notes.repository.readable` as
the one definition of who may see a note (docs/recommendation.md, "Architecture").
Every list query has a LIMIT; none scans all notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from potluck.accounts.models import User
from potluck.boards.models import Collect
from potluck.comments.models import Comment
from potluck.db.among import among
from potluck.db.types import UTCDateTime
from potluck.explore.models import (
    FeedEvent,
    FeedPreference,
    InterestCategory,
    InterestTopic,
    NoteNeighbour,
    NoteStat,
    TrendingNote,
)
from potluck.kit.viewer import Viewer
from potluck.notes.models import Hashtag, Note, NoteHashtag, NoteLike
from potluck.notes.repository import readable
from potluck.social.models import Follow, Mute

# Published notes always have a publication time; drafts never reach these queries.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _on_postgresql(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _among(session: AsyncSession, column: Any, ids: Sequence[int]) -> Any:
    return among(session, column, ids)


def _upsert(session: AsyncSession, model: Any) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)


# --- interests and preferences -------------------------------------------------------------


async def picked_categories(session: AsyncSession, user_id: int) -> list[str]:
    result = await session.execute(
        select(InterestCategory.category)
        .where(InterestCategory.user_id == user_id)
        .order_by(InterestCategory.category)
    )
    return [row[0] for row in result]


async def picked_topics(session: AsyncSession, user_id: int) -> list[tuple[int, str]]:
    result = await session.execute(
        select(Hashtag.id, Hashtag.name)
        .join(InterestTopic, InterestTopic.hashtag_id == Hashtag.id)
        .where(InterestTopic.user_id == user_id)
        .order_by(Hashtag.name)
    )
    return [(row[0], row[1]) for row in result]


async def replace_interests(
    session: AsyncSession, user_id: int, categories: Sequence[str], topic_ids: Sequence[int], now: datetime
) -> None:
    await session.execute(delete(InterestCategory).where(InterestCategory.user_id == user_id))
    await session.execute(delete(InterestTopic).where(InterestTopic.user_id == user_id))
    if categories:
        await session.execute(
            insert(InterestCategory),
            [{"user_id": user_id, "category": category, "created_at": now} for category in categories],
        )
    if topic_ids:
        await session.execute(
            insert(InterestTopic),
            [{"user_id": user_id, "hashtag_id": topic_id, "created_at": now} for topic_id in topic_ids],
        )


async def existing_hashtags(session: AsyncSession, hashtag_ids: Sequence[int]) -> list[int]:
    if not hashtag_ids:
        return []
    result = await session.execute(select(Hashtag.id).where(Hashtag.id.in_(hashtag_ids)))
    return [row[0] for row in result]


async def hashtags_by_keys(session: AsyncSession, keys: Sequence[str]) -> dict[str, int]:
    if not keys:
        return {}
    result = await session.execute(select(Hashtag.key, Hashtag.id).where(Hashtag.key.in_(keys)))
    return {row[0]: row[1] for row in result}


async def popular_topics(session: AsyncSession, limit: int) -> list[tuple[int, str, int]]:
    """Topics with the most notes (the hashtag table is small next to notes; cached by
    the caller)."""
    result = await session.execute(
        select(Hashtag.id, Hashtag.name, Hashtag.note_count)
        .where(Hashtag.note_count > 0)
        .order_by(Hashtag.note_count.desc(), Hashtag.id)
        .limit(limit)
    )
    return [(row[0], row[1], row[2]) for row in result]


async def get_preference(session: AsyncSession, user_id: int) -> FeedPreference | None:
    return await session.get(FeedPreference, user_id)


async def save_preference(session: AsyncSession, user_id: int, now: datetime, **values: Any) -> None:
    statement = _upsert(session, FeedPreference).values(user_id=user_id, updated_at=now, **values)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["user_id"], set_={"updated_at": now, **values})
    )


@dataclass(frozen=True)
class ViewerFacts:
    languages: list[str]
    locale: str | None


async def viewer_facts(session: AsyncSession, user_id: int) -> ViewerFacts:
    row = (await session.execute(select(User.languages, User.locale).where(User.id == user_id))).first()
    if row is None:
        return ViewerFacts([], None)
    return ViewerFacts(list(row[0] or []), row[1])


# --- the viewer's recent engagement ----------------------------------------------------------


async def recent_engagements(session: AsyncSession, user_id: int, *, limit: int) -> list[tuple[int, str]]:
    """(note, kind) of the viewer's latest likes, collects, comments and clicks, each list
    read from its own index and cut at ``limit``."""
    likes = (
        select(NoteLike.note_id)
        .where(NoteLike.user_id == user_id)
        .order_by(NoteLike.created_at.desc())
        .limit(limit)
    )
    collects = (
        select(Collect.note_id)
        .where(Collect.user_id == user_id)
        .order_by(Collect.created_at.desc())
        .limit(limit)
    )
    comments = (
        select(Comment.note_id).where(Comment.author_id == user_id).order_by(Comment.id.desc()).limit(limit)
    )
    clicks = (
        select(FeedEvent.note_id)
        .where(FeedEvent.user_id == user_id, FeedEvent.kind == "click")
        .order_by(FeedEvent.created_at.desc())
        .limit(limit)
    )
    found: list[tuple[int, str]] = []
    for kind, statement in (("collect", collects), ("comment", comments), ("like", likes), ("click", clicks)):
        found.extend((row[0], kind) for row in await session.execute(statement))
    return found


async def followed_authors(session: AsyncSession, user_id: int, *, limit: int) -> list[int]:
    result = await session.execute(
        select(Follow.followee_id)
        .where(Follow.follower_id == user_id)
        .order_by(Follow.created_at.desc())
        .limit(limit)
    )
    return [row[0] for row in result]


# --- candidate generators --------------------------------------------------------------------


async def has_trending(session: AsyncSession, *, window: str) -> bool:
    """Whether the trending job has stored a list for ``window`` yet."""
    return bool(await session.scalar(select(exists().where(TrendingNote.time_window == window))))


async def trending_ids(
    session: AsyncSession, *, window: str, category: str, limit: int
) -> list[tuple[int, float]]:
    result = await session.execute(
        select(TrendingNote.note_id, TrendingNote.score)
        .where(TrendingNote.time_window == window, TrendingNote.category == category)
        .order_by(TrendingNote.rank)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in result]


# On PostgreSQL, one statement whatever the number of topics or authors: a LATERAL range
# of the index per element of the array (a UNION ALL of N subqueries costs milliseconds of
# statement building and a new prepared statement for every N).
_NEWEST_BY_TOPICS_PG = text(
    "SELECT n.note_id FROM unnest(CAST(:ids AS BIGINT[])) AS t(id) CROSS JOIN LATERAL ("
    " SELECT note_hashtag.note_id FROM note_hashtag WHERE note_hashtag.hashtag_id = t.id"
    " ORDER BY note_hashtag.note_id DESC LIMIT :per_item) AS n"
)
_NEWEST_BY_AUTHORS_PG = text(
    "SELECT n.id, n.published_at FROM unnest(CAST(:ids AS BIGINT[])) AS a(id) CROSS JOIN LATERAL ("
    " SELECT note.id, note.published_at FROM note WHERE note.author_id = a.id AND note.published_at >= :since"
    " ORDER BY note.published_at DESC LIMIT :per_item) AS n"
).bindparams(bindparam("since", type_=UTCDateTime()))


async def newest_by_topics(session: AsyncSession, hashtag_ids: Sequence[int], *, per_topic: int) -> list[int]:
    """The newest notes of each topic (one limited index range per topic, one statement)."""
    if not hashtag_ids:
        return []
    if _on_postgresql(session):
        result = await session.execute(
            _NEWEST_BY_TOPICS_PG, {"ids": list(hashtag_ids), "per_item": per_topic}
        )
        return [row[0] for row in result]
    parts = [
        select(NoteHashtag.note_id)
        .where(NoteHashtag.hashtag_id == hashtag_id)
        .order_by(NoteHashtag.note_id.desc())
        .limit(per_topic)
        .subquery()
        for hashtag_id in hashtag_ids
    ]
    statement = union_all(*[select(part.c.note_id) for part in parts])
    return [row[0] for row in await session.execute(statement)]


async def newest_by_categories(
    session: AsyncSession, categories: Sequence[str], *, since: datetime, per_category: int
) -> list[int]:
    if not categories:
        return []
    parts = [
        select(Note.id)
        .where(Note.category == category, Note.published_at >= since)
        .order_by(Note.published_at.desc())
        .limit(per_category)
        .subquery()
        for category in categories
    ]
    statement = union_all(*[select(part.c.id) for part in parts])
    return [row[0] for row in await session.execute(statement)]


async def newest_by_authors(
    session: AsyncSession, author_ids: Sequence[int], *, since: datetime, per_author: int
) -> list[int]:
    """Each author's newest notes since ``since``: one limited range of the
    (author_id, published_at) index per author, in one statement."""
    if not author_ids:
        return []
    if _on_postgresql(session):
        rows = list(
            await session.execute(
                _NEWEST_BY_AUTHORS_PG, {"ids": list(author_ids), "since": since, "per_item": per_author}
            )
        )
        rows.sort(key=lambda row: row[1] or EPOCH, reverse=True)
        return [row[0] for row in rows]
    parts = [
        select(Note.id, Note.published_at)
        .where(Note.author_id == author_id, Note.published_at >= since)
        .order_by(Note.published_at.desc())
        .limit(per_author)
        .subquery()
        for author_id in author_ids
    ]
    statement = union_all(*[select(part.c.id, part.c.published_at) for part in parts])
    rows = list(await session.execute(statement))
    rows.sort(key=lambda row: row[1] or EPOCH, reverse=True)
    return [row[0] for row in rows]


async def neighbours_of(
    session: AsyncSession, note_ids: Sequence[int], *, per_note: int
) -> dict[int, list[tuple[int, float]]]:
    if not note_ids:
        return {}
    result = await session.execute(
        select(NoteNeighbour.note_id, NoteNeighbour.neighbour_id, NoteNeighbour.score).where(
            _among(session, NoteNeighbour.note_id, note_ids)
        )
    )
    grouped: dict[int, list[tuple[int, float]]] = {}
    for note_id, neighbour_id, value in result:
        grouped.setdefault(note_id, []).append((neighbour_id, value))
    return {key: sorted(rows, key=lambda r: -r[1])[:per_note] for key, rows in grouped.items()}


async def fresh_ids(session: AsyncSession, *, since: datetime, max_impressions: int, limit: int) -> list[int]:
    """New public notes that have not had their first impressions yet."""
    result = await session.execute(
        select(Note.id)
        .outerjoin(NoteStat, NoteStat.note_id == Note.id)
        .where(
            Note.published_at >= since,
            readable(Viewer()),
            func.coalesce(NoteStat.impressions, 0) < max_impressions,
        )
        .order_by(Note.published_at.desc())
        .limit(limit)
    )
    return [row[0] for row in result]


def _not_muted(viewer: Viewer) -> Any:
    if viewer.id is None:
        return True
    return ~exists().where(Mute.muter_id == viewer.id, Mute.muted_id == Note.author_id)


# Aliased so ``readable``'s own EXISTS on the author's account stays a subquery.
_AUTHOR = aliased(User)


@dataclass(frozen=True)
class NoteFacts:
    note_id: int
    author_id: int
    category: str
    published_at: datetime
    likes: int
    collects: int
    comments: int
    impressions: int
    clicks: int
    author_languages: list[str]
    author_locale: str | None


async def note_facts(session: AsyncSession, note_ids: Sequence[int], viewer: Viewer) -> list[NoteFacts]:
    """What ranking needs of each note the viewer may see, leaving out the viewer's own
    notes and those of people they mute; one query whatever the number."""
    if not note_ids:
        return []
    statement = (
        select(
            Note.id,
            Note.author_id,
            Note.category,
            Note.published_at,
            Note.like_count,
            Note.collect_count,
            Note.comment_count,
            func.coalesce(NoteStat.impressions, 0),
            func.coalesce(NoteStat.clicks, 0),
            _AUTHOR.languages,
            _AUTHOR.locale,
        )
        .join(_AUTHOR, _AUTHOR.id == Note.author_id)
        .outerjoin(NoteStat, NoteStat.note_id == Note.id)
        .where(_among(session, Note.id, note_ids), readable(viewer), _not_muted(viewer))
    )
    if viewer.id is not None:
        statement = statement.where(Note.author_id != viewer.id)
    result = await session.execute(statement)
    return [
        NoteFacts(
            note_id=row[0],
            author_id=row[1],
            category=row[2],
            published_at=row[3] or EPOCH,
            likes=row[4],
            collects=row[5],
            comments=row[6],
            impressions=row[7],
            clicks=row[8],
            author_languages=list(row[9] or []),
            author_locale=row[10],
        )
        for row in result
    ]


async def topics_of(session: AsyncSession, note_ids: Sequence[int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    if not note_ids:
        return grouped
    result = await session.execute(
        select(NoteHashtag.note_id, NoteHashtag.hashtag_id).where(
            _among(session, NoteHashtag.note_id, note_ids)
        )
    )
    for note_id, hashtag_id in result:
        grouped.setdefault(note_id, []).append(hashtag_id)
    return grouped


async def categories_of(session: AsyncSession, note_ids: Sequence[int]) -> dict[int, str]:
    if not note_ids:
        return {}
    result = await session.execute(select(Note.id, Note.category).where(_among(session, Note.id, note_ids)))
    return {row[0]: row[1] for row in result}


async def visible_notes(session: AsyncSession, note_ids: Sequence[int], viewer: Viewer) -> list[Note]:
    """The notes among ``note_ids`` the viewer may see in a feed now (blocks, mutes,
    visibility and deletions since they were ranked all apply)."""
    if not note_ids:
        return []
    result = await session.execute(
        select(Note).where(_among(session, Note.id, note_ids), readable(viewer), _not_muted(viewer))
    )
    found = {note.id: note for note in result.scalars()}
    return [found[note_id] for note_id in note_ids if note_id in found]


# --- events and the jobs' aggregates ---------------------------------------------------------


async def insert_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """One INSERT for the whole batch (executemany is sent as one multi-row statement)."""
    if rows:
        await session.execute(insert(FeedEvent), rows)


async def event_totals(session: AsyncSession, *, since: datetime) -> list[tuple[int, int, int]]:
    """(note, impressions, clicks) over the events since ``since``, for existing notes."""
    clicks = func.sum(case((FeedEvent.kind == "click", 1), else_=0))
    impressions = func.sum(case((FeedEvent.kind == "impression", 1), else_=0))
    result = await session.execute(
        select(FeedEvent.note_id, impressions, clicks)
        .join(Note, Note.id == FeedEvent.note_id)
        .where(FeedEvent.created_at >= since)
        .group_by(FeedEvent.note_id)
    )
    return [(row[0], int(row[1] or 0), int(row[2] or 0)) for row in result]


async def save_stats(session: AsyncSession, totals: list[tuple[int, int, int]], now: datetime) -> None:
    if not totals:
        return
    statement = _upsert(session, NoteStat)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["note_id"],
            set_={
                "impressions": statement.excluded.impressions,
                "clicks": statement.excluded.clicks,
                "updated_at": statement.excluded.updated_at,
            },
        ),
        [
            {"note_id": note_id, "impressions": shown, "clicks": opened, "updated_at": now}
            for note_id, shown, opened in totals
        ],
    )


async def delete_events_before(session: AsyncSession, moment: datetime) -> int:
    result = await session.execute(delete(FeedEvent).where(FeedEvent.created_at < moment))
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class TrendingRow:
    note_id: int
    category: str
    published_at: datetime
    likes: int
    collects: int
    comments: int


async def recent_public_notes(session: AsyncSession, *, since: datetime, limit: int) -> list[TrendingRow]:
    """Public notes published since ``since`` (a range of the published_at index), most
    engaged first, at most ``limit``."""
    result = await session.execute(
        select(
            Note.id, Note.category, Note.published_at, Note.like_count, Note.collect_count, Note.comment_count
        )
        .where(Note.published_at >= since, readable(Viewer()))
        .order_by((Note.like_count + 2 * Note.collect_count + Note.comment_count).desc(), Note.id.desc())
        .limit(limit)
    )
    return [TrendingRow(row[0], row[1], row[2] or EPOCH, row[3], row[4], row[5]) for row in result]


async def recent_clicks(session: AsyncSession, *, since: datetime) -> dict[int, int]:
    result = await session.execute(
        select(FeedEvent.note_id, func.count())
        .where(FeedEvent.created_at >= since, FeedEvent.kind == "click")
        .group_by(FeedEvent.note_id)
    )
    return {row[0]: int(row[1]) for row in result}


async def replace_trending(session: AsyncSession, window: str, rows: list[dict[str, Any]]) -> None:
    await session.execute(delete(TrendingNote).where(TrendingNote.time_window == window))
    if rows:
        await session.execute(insert(TrendingNote), [{"time_window": window, **row} for row in rows])


async def recent_likes(session: AsyncSession, *, since: datetime, limit: int) -> list[tuple[int, int]]:
    """(person, note) likes of notes published since ``since``, each person's newest first."""
    result = await session.execute(
        select(NoteLike.user_id, NoteLike.note_id)
        .join(Note, and_(Note.id == NoteLike.note_id, Note.published_at >= since))
        .order_by(NoteLike.user_id, NoteLike.created_at.desc())
        .limit(limit)
    )
    return [(row[0], row[1]) for row in result]


async def replace_neighbours(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await session.execute(delete(NoteNeighbour))
    if rows:
        await session.execute(insert(NoteNeighbour), rows)
