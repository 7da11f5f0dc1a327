"""Search's queries other than the engines' own: people and topics by name, history,
query counts, the vocabulary, and index upkeep."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.db.among import among
from potluck.db.upsert import dialect_insert
from potluck.kit.viewer import Viewer
from potluck.notes.models import Hashtag, Note, Visibility
from potluck.search.models import SearchHistory, SearchNote, SearchQueryCount, SearchTerm
from potluck.social.models import Block

# --- people and topics --------------------------------------------------------------------


def _visible_people(viewer: Viewer) -> list[ColumnElement[bool]]:
    """Active accounts with no block between them and the viewer (the viewer included)."""
    conditions: list[ColumnElement[bool]] = [User.is_suspended.is_(False)]
    if viewer.id is not None:
        conditions.append(
            ~exists().where(
                or_(
                    and_(Block.blocker_id == viewer.id, Block.blocked_id == User.id),
                    and_(Block.blocker_id == User.id, Block.blocked_id == viewer.id),
                )
            )
        )
    return conditions


async def people(
    session: AsyncSession, *, key: str, viewer: Viewer, prefix_only: bool, offset: int, limit: int
) -> list[User]:
    """Accounts whose username starts with ``key`` (folded) or whose display name
    contains it (starts with it when ``prefix_only``): exact usernames first, then by
    followers."""
    name = func.lower(User.display_name)
    matches = or_(
        User.username_key.startswith(key, autoescape=True),
        name.startswith(key, autoescape=True) if prefix_only else name.contains(key, autoescape=True),
    )
    statement = (
        select(User)
        .where(matches, *_visible_people(viewer))
        .order_by(case((User.username_key == key, 0), else_=1), User.follower_count.desc(), User.id)
        .offset(offset)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())


async def topics(
    session: AsyncSession, *, key: str, prefix_only: bool, offset: int, limit: int
) -> list[Hashtag]:
    """Topics used by at least one note whose key contains ``key`` (starts with it when
    ``prefix_only``): the exact topic first, then by notes."""
    matches = (
        Hashtag.key.startswith(key, autoescape=True)
        if prefix_only
        else Hashtag.key.contains(key, autoescape=True)
    )
    statement = (
        select(Hashtag)
        .where(matches, Hashtag.note_count > 0)
        .order_by(case((Hashtag.key == key, 0), else_=1), Hashtag.note_count.desc(), Hashtag.id)
        .offset(offset)
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())


async def popular_topics(session: AsyncSession, *, limit: int) -> list[Hashtag]:
    statement = select(Hashtag).where(Hashtag.note_count > 0).order_by(Hashtag.note_count.desc()).limit(limit)
    return list((await session.execute(statement)).scalars())


# --- history and query counts -------------------------------------------------------------


async def remember_search(
    session: AsyncSession, *, user_id: int, key: str, query: str, now: datetime
) -> datetime | None:
    """Put the query at the top of the person's history; when they last searched it
    before (None if never)."""
    previous = await session.scalar(
        select(SearchHistory.searched_at).where(
            SearchHistory.user_id == user_id, SearchHistory.query_key == key
        )
    )
    statement = dialect_insert(session, SearchHistory).values(
        user_id=user_id, query_key=key, query=query, searched_at=now
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "query_key"], set_={"query": query, "searched_at": now}
        )
    )
    return previous


async def history(session: AsyncSession, *, user_id: int, limit: int) -> list[SearchHistory]:
    statement = (
        select(SearchHistory)
        .where(SearchHistory.user_id == user_id)
        .order_by(SearchHistory.searched_at.desc())
        .limit(limit)
    )
    return list((await session.execute(statement)).scalars())


async def trim_history(session: AsyncSession, *, user_id: int, keep: int) -> None:
    """Forget all but the person's ``keep`` most recent searches."""
    kept = select(SearchHistory.query_key).where(SearchHistory.user_id == user_id)
    kept = kept.order_by(SearchHistory.searched_at.desc()).limit(keep)
    await session.execute(
        delete(SearchHistory).where(
            SearchHistory.user_id == user_id, SearchHistory.query_key.not_in(kept.scalar_subquery())
        )
    )


async def forget_history(session: AsyncSession, *, user_id: int, key: str | None) -> int:
    statement = delete(SearchHistory).where(SearchHistory.user_id == user_id)
    if key is not None:
        statement = statement.where(SearchHistory.query_key == key)
    result: Any = await session.execute(statement)
    return int(result.rowcount or 0)


async def count_searcher(session: AsyncSession, *, key: str, query: str, hour: datetime) -> None:
    statement = dialect_insert(session, SearchQueryCount).values(
        query_key=key, hour=hour, query=query, searchers=1
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["query_key", "hour"],
            set_={"searchers": SearchQueryCount.searchers + 1, "query": query},
        )
    )


async def top_queries(
    session: AsyncSession, *, since: datetime, min_searchers: int, limit: int
) -> list[tuple[str, str, int]]:
    """(key, query as last typed, searchers) of the most searched queries since ``since``."""
    searchers = func.sum(SearchQueryCount.searchers)
    statement = (
        select(SearchQueryCount.query_key, func.max(SearchQueryCount.query), searchers)
        .where(SearchQueryCount.hour >= since)
        .group_by(SearchQueryCount.query_key)
        .having(searchers >= min_searchers)
        .order_by(searchers.desc(), SearchQueryCount.query_key)
        .limit(limit)
    )
    return [(str(key), str(query), int(count)) for key, query, count in await session.execute(statement)]


async def prune_query_counts(session: AsyncSession, *, before: datetime) -> None:
    await session.execute(delete(SearchQueryCount).where(SearchQueryCount.hour < before))


# --- the vocabulary -----------------------------------------------------------------------


async def replace_vocabulary(session: AsyncSession, terms: Sequence[tuple[str, int]]) -> None:
    await session.execute(delete(SearchTerm))
    if terms:
        await session.execute(
            dialect_insert(session, SearchTerm), [{"term": term, "notes": notes} for term, notes in terms]
        )


async def vocabulary(session: AsyncSession) -> list[tuple[str, int]]:
    result = await session.execute(
        select(SearchTerm.term, SearchTerm.notes).order_by(SearchTerm.notes.desc())
    )
    return [(str(term), int(notes)) for term, notes in result]


# --- index upkeep -------------------------------------------------------------------------


async def unsearchable_index_rows(session: AsyncSession) -> list[int]:
    statement = (
        select(SearchNote.note_id)
        .join(Note, Note.id == SearchNote.note_id)
        .where(or_(Note.published_at.is_(None), Note.visibility == Visibility.PRIVATE))
    )
    return [int(note_id) for note_id in (await session.execute(statement)).scalars()]


async def refresh_like_counts(session: AsyncSession, *, after: int, limit: int) -> int | None:
    ids = list(
        (
            await session.execute(
                select(SearchNote.note_id)
                .where(SearchNote.note_id > after)
                .order_by(SearchNote.note_id)
                .limit(limit)
            )
        ).scalars()
    )
    if not ids:
        return None
    current = select(Note.like_count).where(Note.id == SearchNote.note_id).scalar_subquery()
    await session.execute(
        update(SearchNote)
        .where(SearchNote.note_id.in_(ids), SearchNote.like_count != current)
        .values(like_count=current)
    )
    return int(ids[-1])


async def indexed_since(session: AsyncSession, *, note_ids: Sequence[int], since: datetime) -> set[int]:
    """Those of ``note_ids`` whose index rows were written at ``since`` or later."""
    if not note_ids:
        return set()
    statement = select(SearchNote.note_id).where(
        SearchNote.indexed_at >= since, among(session, SearchNote.note_id, note_ids)
    )
    return {int(note_id) for note_id in (await session.execute(statement)).scalars()}
