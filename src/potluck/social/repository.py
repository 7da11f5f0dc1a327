"""Queries on the social graph."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, literal, or_, select, tuple_, union
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.db.upsert import insert_or_ignore
from potluck.social.models import Block, Follow, FollowRequest, Mute


async def insert_edge(session: AsyncSession, model: Any, now: datetime, **people: int) -> bool:
    """True if this call created the edge (False: it was there already)."""
    column = next(iter(people))
    result = await session.execute(
        insert_or_ignore(session, model).values(created_at=now, **people).returning(getattr(model, column))
    )
    return result.first() is not None


async def delete_edge(session: AsyncSession, model: Any, **people: int) -> bool:
    """True if this call removed the edge."""
    column = next(iter(people))
    conditions = [getattr(model, name) == value for name, value in people.items()]
    result = await session.execute(delete(model).where(*conditions).returning(getattr(model, column)))
    return result.first() is not None


async def edge_exists(session: AsyncSession, model: Any, **people: int) -> bool:
    conditions = [getattr(model, name) == value for name, value in people.items()]
    return bool(await session.scalar(select(exists().where(*conditions))))


async def lock_pair(session: AsyncSession, a: int, b: int) -> None:
    """Take both people's rows for the rest of the transaction, lowest ID first, so a
    follow and a block between the same two run one after the other (on PostgreSQL;
    SQLite runs writing transactions one at a time anyway)."""
    await session.execute(
        select(User.id).where(User.id.in_(sorted({a, b}))).order_by(User.id).with_for_update()
    )


async def blocked_between(session: AsyncSession, a: int, b: int) -> bool:
    """Whether either of the two blocks the other."""
    either = or_(
        and_(Block.blocker_id == a, Block.blocked_id == b), and_(Block.blocker_id == b, Block.blocked_id == a)
    )
    return bool(await session.scalar(select(exists().where(either))))


async def relations(session: AsyncSession, viewer_id: int, other_id: int) -> set[str]:
    """Every edge between the two, as names: following, followed_by, requested,
    blocking, blocked_by, muting. One query."""
    pairs = {(viewer_id, other_id), (other_id, viewer_id)}
    queries = [
        select(Follow.follower_id.label("a"), Follow.followee_id.label("b"), _kind("follow")).where(
            tuple_(Follow.follower_id, Follow.followee_id).in_(pairs)
        ),
        select(FollowRequest.requester_id, FollowRequest.target_id, _kind("request")).where(
            FollowRequest.requester_id == viewer_id, FollowRequest.target_id == other_id
        ),
        select(Block.blocker_id, Block.blocked_id, _kind("block")).where(
            tuple_(Block.blocker_id, Block.blocked_id).in_(pairs)
        ),
        select(Mute.muter_id, Mute.muted_id, _kind("mute")).where(
            Mute.muter_id == viewer_id, Mute.muted_id == other_id
        ),
    ]
    rows = (await session.execute(queries[0].union_all(*queries[1:]))).all()
    names = {
        ("follow", True): "following",
        ("follow", False): "followed_by",
        ("request", True): "requested",
        ("block", True): "blocking",
        ("block", False): "blocked_by",
        ("mute", True): "muting",
    }
    return {names[(kind, a == viewer_id)] for a, _b, kind in rows}


def _kind(name: str) -> Any:
    return literal(name).label("kind")


async def people_page(
    session: AsyncSession,
    *,
    user_id: int,
    direction: str,
    viewer_id: int | None,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[tuple[int, datetime]]:
    """Followers (``direction="followers"``) or followees of ``user_id``, newest first:
    (person ID, when the follow began). Suspended people and, for a viewer, people they
    block or who block them are left out."""
    if direction == "followers":
        person, anchor = Follow.follower_id, Follow.followee_id
    else:
        person, anchor = Follow.followee_id, Follow.follower_id
    query = (
        select(person, Follow.created_at)
        .join(User, User.id == person)
        .where(anchor == user_id, User.is_suspended.is_(False))
    )
    if viewer_id is not None:
        query = query.where(
            ~exists().where(
                or_(
                    and_(Block.blocker_id == viewer_id, Block.blocked_id == person),
                    and_(Block.blocker_id == person, Block.blocked_id == viewer_id),
                )
            )
        )
    if before is not None:
        query = query.where(tuple_(Follow.created_at, person) < tuple_(before[0], before[1]))
    query = query.order_by(Follow.created_at.desc(), person.desc()).limit(limit)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def pending_requests(
    session: AsyncSession, *, target_id: int, before: tuple[datetime, int] | None, limit: int
) -> list[tuple[int, datetime]]:
    query = (
        select(FollowRequest.requester_id, FollowRequest.created_at)
        .join(User, User.id == FollowRequest.requester_id)
        .where(FollowRequest.target_id == target_id, User.is_suspended.is_(False))
    )
    if before is not None:
        query = query.where(
            tuple_(FollowRequest.created_at, FollowRequest.requester_id) < tuple_(before[0], before[1])
        )
    query = query.order_by(FollowRequest.created_at.desc(), FollowRequest.requester_id.desc()).limit(limit)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def following_among(session: AsyncSession, viewer_id: int, user_ids: list[int]) -> set[int]:
    if not user_ids:
        return set()
    result = await session.execute(
        select(Follow.followee_id).where(Follow.follower_id == viewer_id, Follow.followee_id.in_(user_ids))
    )
    return set(result.scalars())


async def blocked_among(session: AsyncSession, viewer_id: int, user_ids: list[int]) -> set[int]:
    if not user_ids:
        return set()
    blocked = select(Block.blocked_id).where(Block.blocker_id == viewer_id, Block.blocked_id.in_(user_ids))
    blocking = select(Block.blocker_id).where(Block.blocked_id == viewer_id, Block.blocker_id.in_(user_ids))
    result = await session.execute(union(blocked, blocking))
    return {int(user_id) for user_id in result.scalars()}


async def edges_page(
    session: AsyncSession,
    model: Any,
    *,
    owner: str,
    other: str,
    owner_id: int,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[tuple[int, datetime]]:
    """The people at the other end of ``owner_id``'s blocks or mutes, newest first:
    (person ID, when the edge was made)."""
    owner_column, other_column = getattr(model, owner), getattr(model, other)
    query = select(other_column, model.created_at).where(owner_column == owner_id)
    if before is not None:
        query = query.where(tuple_(model.created_at, other_column) < tuple_(before[0], before[1]))
    query = query.order_by(model.created_at.desc(), other_column.desc()).limit(limit)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]
