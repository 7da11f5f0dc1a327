"""Every comments query lives here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.comments.models import Comment, CommentLike
from potluck.db.upsert import insert_or_ignore
from potluck.social.models import Block


async def get(session: AsyncSession, comment_id: int) -> Comment | None:
    return await session.get(Comment, comment_id)


async def add_to_counters(session: AsyncSession, comment_id: int, **deltas: int) -> None:
    values = {name: getattr(Comment, name) + delta for name, delta in deltas.items() if delta}
    if values:
        await session.execute(update(Comment).where(Comment.id == comment_id).values(values))


async def delete_comment(session: AsyncSession, comment_id: int) -> None:
    """Replies under a top-level comment go with it (ON DELETE CASCADE on ``thread_id``)."""
    await session.execute(delete(Comment).where(Comment.id == comment_id))


def _visible(viewer_id: Any) -> ColumnElement[bool]:
    """Comments by someone the viewer blocks, or who blocks the viewer, are not shown.
    ``viewer_id`` 0 (no account has it) stands for a logged-out reader."""
    return ~exists().where(
        or_(
            and_(Block.blocker_id == viewer_id, Block.blocked_id == Comment.author_id),
            and_(Block.blocker_id == Comment.author_id, Block.blocked_id == viewer_id),
        )
    )


async def get_visible(session: AsyncSession, comment_id: int, viewer_id: int | None) -> Comment | None:
    result = await session.execute(select(Comment).where(Comment.id == comment_id, _visible(viewer_id or 0)))
    return result.scalar_one_or_none()


async def visible_among(
    session: AsyncSession, comment_ids: list[int], viewer_id: int | None
) -> list[Comment]:
    result = await session.execute(
        select(Comment).where(Comment.id.in_(comment_ids), _visible(viewer_id or 0)).order_by(Comment.id)
    )
    return list(result.scalars())


async def list_top_level(
    session: AsyncSession,
    note_id: int,
    *,
    viewer_id: int | None,
    before: int | None,
    limit: int,
    exclude: int | None,
) -> list[Comment]:
    """Top-level comments the viewer may see, newest first (IDs are time-ordered)."""
    statement = select(Comment).where(Comment.note_id == note_id, Comment.thread_id.is_(None))
    if viewer_id is not None:
        statement = statement.where(_visible(viewer_id))
    if before is not None:
        statement = statement.where(Comment.id < before)
    if exclude is not None:
        statement = statement.where(Comment.id != exclude)
    result = await session.execute(statement.order_by(Comment.id.desc()).limit(limit))
    return list(result.scalars())


_RANKED_REPLIES = (
    select(
        Comment.id,
        func.row_number().over(partition_by=Comment.thread_id, order_by=Comment.id).label("rank"),
    )
    .where(Comment.thread_id.in_(bindparam("thread_ids", expanding=True)), _visible(bindparam("viewer_id")))
    .subquery()
)
# Built once: every note read runs it.
_FIRST_REPLIES = (
    select(Comment)
    .join(_RANKED_REPLIES, _RANKED_REPLIES.c.id == Comment.id)
    .where(_RANKED_REPLIES.c.rank <= bindparam("per_thread"))
    .order_by(Comment.id)
)


async def first_replies(
    session: AsyncSession, thread_ids: list[int], per_thread: int, viewer_id: int | None
) -> dict[int, list[Comment]]:
    """The oldest ``per_thread`` replies of each thread the viewer may see, in one query."""
    grouped: dict[int, list[Comment]] = {thread_id: [] for thread_id in thread_ids}
    if not thread_ids:
        return grouped
    result = await session.execute(
        _FIRST_REPLIES, {"thread_ids": thread_ids, "per_thread": per_thread, "viewer_id": viewer_id or 0}
    )
    for comment in result.scalars():
        assert comment.thread_id is not None
        grouped[comment.thread_id].append(comment)
    return grouped


async def list_replies(
    session: AsyncSession, thread_id: int, *, viewer_id: int | None, after: int | None, limit: int
) -> list[Comment]:
    """Replies in a thread the viewer may see, oldest first, after reply ``after``."""
    statement = select(Comment).where(Comment.thread_id == thread_id)
    if viewer_id is not None:
        statement = statement.where(_visible(viewer_id))
    if after is not None:
        statement = statement.where(Comment.id > after)
    result = await session.execute(statement.order_by(Comment.id).limit(limit))
    return list(result.scalars())


async def insert_like(session: AsyncSession, user_id: int, comment_id: int, now: datetime) -> bool:
    result = await session.execute(
        insert_or_ignore(session, CommentLike)
        .values(user_id=user_id, comment_id=comment_id, created_at=now)
        .returning(CommentLike.comment_id)
    )
    return result.first() is not None


async def delete_like(session: AsyncSession, user_id: int, comment_id: int) -> bool:
    result = await session.execute(
        delete(CommentLike)
        .where(CommentLike.user_id == user_id, CommentLike.comment_id == comment_id)
        .returning(CommentLike.comment_id)
    )
    return result.first() is not None


async def liked_among(session: AsyncSession, user_id: int | None, comment_ids: list[int]) -> set[int]:
    if user_id is None or not comment_ids:
        return set()
    result = await session.execute(
        select(CommentLike.comment_id).where(
            CommentLike.user_id == user_id, CommentLike.comment_id.in_(comment_ids)
        )
    )
    return {row[0] for row in result}
