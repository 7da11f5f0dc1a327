"""Every boards query lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.boards.models import Board, Collect
from potluck.db.upsert import insert_or_ignore
from potluck.kit.ids import new_id


async def get(session: AsyncSession, board_id: int) -> Board | None:
    return await session.get(Board, board_id)


async def get_default(session: AsyncSession, owner_id: int) -> Board | None:
    result = await session.execute(
        select(Board).where(Board.owner_id == owner_id, Board.is_default.is_(True))
    )
    return result.scalar_one_or_none()


async def insert_default(session: AsyncSession, owner_id: int, name: str, now: datetime) -> None:
    await session.execute(
        insert_or_ignore(session, Board).values(
            id=new_id(), owner_id=owner_id, name=name, is_default=True, is_private=False, created_at=now
        )
    )


async def list_for_owner(session: AsyncSession, owner_id: int, *, include_private: bool) -> list[Board]:
    statement = select(Board).where(Board.owner_id == owner_id)
    if not include_private:
        statement = statement.where(Board.is_private.is_(False))
    result = await session.execute(statement.order_by(Board.is_default.desc(), Board.id.desc()))
    return list(result.scalars())


async def count_boards(session: AsyncSession, owner_id: int) -> int:
    result = await session.execute(select(func.count()).select_from(Board).where(Board.owner_id == owner_id))
    return int(result.scalar_one())


async def note_counts(session: AsyncSession, board_ids: list[int]) -> dict[int, int]:
    if not board_ids:
        return {}
    result = await session.execute(
        select(Collect.board_id, func.count())
        .where(Collect.board_id.in_(board_ids))
        .group_by(Collect.board_id)
    )
    return {row[0]: row[1] for row in result}


async def latest_note_ids(
    session: AsyncSession, board_ids: list[int], per_board: int
) -> dict[int, list[int]]:
    """The newest ``per_board`` notes of each board (covers for the board tiles), one query."""
    grouped: dict[int, list[int]] = {board_id: [] for board_id in board_ids}
    if not board_ids:
        return grouped
    ranked = (
        select(
            Collect.board_id,
            Collect.note_id,
            func.row_number()
            .over(partition_by=Collect.board_id, order_by=Collect.created_at.desc())
            .label("rank"),
        )
        .where(Collect.board_id.in_(board_ids))
        .subquery()
    )
    result = await session.execute(
        select(ranked.c.board_id, ranked.c.note_id).where(ranked.c.rank <= per_board).order_by(ranked.c.rank)
    )
    for board_id, note_id in result:
        grouped[board_id].append(note_id)
    return grouped


async def insert_collect(
    session: AsyncSession, *, user_id: int, note_id: int, board_id: int, now: datetime
) -> bool:
    result = await session.execute(
        insert_or_ignore(session, Collect)
        .values(user_id=user_id, note_id=note_id, board_id=board_id, created_at=now)
        .returning(Collect.note_id)
    )
    return result.first() is not None


async def move_collect(session: AsyncSession, *, user_id: int, note_id: int, board_id: int) -> None:
    await session.execute(
        update(Collect)
        .where(Collect.user_id == user_id, Collect.note_id == note_id)
        .values(board_id=board_id)
    )


async def delete_collect(session: AsyncSession, *, user_id: int, note_id: int) -> bool:
    result = await session.execute(
        delete(Collect)
        .where(Collect.user_id == user_id, Collect.note_id == note_id)
        .returning(Collect.note_id)
    )
    return result.first() is not None


async def collected_board(session: AsyncSession, *, user_id: int, note_ids: list[int]) -> dict[int, int]:
    """note ID -> board ID for the notes among ``note_ids`` the person has collected."""
    if not note_ids:
        return {}
    result = await session.execute(
        select(Collect.note_id, Collect.board_id).where(
            Collect.user_id == user_id, Collect.note_id.in_(note_ids)
        )
    )
    return {row[0]: row[1] for row in result}


async def list_board_note_ids(
    session: AsyncSession, board_id: int, *, before: datetime | None, limit: int
) -> list[tuple[int, datetime]]:
    statement = select(Collect.note_id, Collect.created_at).where(Collect.board_id == board_id)
    if before is not None:
        statement = statement.where(Collect.created_at < before)
    result = await session.execute(statement.order_by(Collect.created_at.desc()).limit(limit))
    return [(note_id, at) for note_id, at in result]


async def delete_board_collects(session: AsyncSession, board_id: int) -> list[int]:
    result = await session.execute(
        delete(Collect).where(Collect.board_id == board_id).returning(Collect.note_id)
    )
    return [row[0] for row in result]


async def delete_board(session: AsyncSession, board_id: int) -> None:
    await session.execute(delete(Board).where(Board.id == board_id))
