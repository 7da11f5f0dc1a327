"""Every media query lives here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.media.models import Media, MediaStatus


async def get(session: AsyncSession, media_id: int) -> Media | None:
    return await session.get(Media, media_id)


async def get_for_update(session: AsyncSession, media_id: int) -> Media | None:
    result = await session.execute(select(Media).where(Media.id == media_id).with_for_update())
    return result.scalar_one_or_none()


async def get_many(session: AsyncSession, media_ids: list[int]) -> list[Media]:
    if not media_ids:
        return []
    result = await session.execute(select(Media).where(Media.id.in_(media_ids)).with_for_update())
    return list(result.scalars())


async def list_for_notes(session: AsyncSession, note_ids: list[int]) -> list[Media]:
    if not note_ids:
        return []
    result = await session.execute(_MEDIA_OF_NOTES, {"note_ids": note_ids})
    return list(result.scalars())


# Built once (bound parameters): every note read runs it.
_MEDIA_OF_NOTES = (
    select(Media)
    .where(Media.note_id.in_(bindparam("note_ids", expanding=True)))
    .order_by(Media.note_id, Media.position)
)


async def list_covers(session: AsyncSession, note_ids: list[int]) -> list[Media]:
    if not note_ids:
        return []
    result = await session.execute(select(Media).where(Media.note_id.in_(note_ids), Media.position == 0))
    return list(result.scalars())


async def attach(session: AsyncSession, *, note_id: int, media_ids: list[int]) -> None:
    """Give the note exactly these media, in this order; media it had before are let go."""
    await session.execute(
        update(Media)
        .where(Media.note_id == note_id, Media.id.not_in(media_ids))
        .values(note_id=None, position=None)
    )
    for position, media_id in enumerate(media_ids):
        await session.execute(
            update(Media).where(Media.id == media_id).values(note_id=note_id, position=position)
        )


async def detach_all(session: AsyncSession, note_id: int) -> list[int]:
    result = await session.execute(
        update(Media).where(Media.note_id == note_id).values(note_id=None, position=None).returning(Media.id)
    )
    return [row[0] for row in result]


async def mark_ready(session: AsyncSession, media_id: int, now: datetime, **values: Any) -> bool:
    """Record the pipeline's output; False if the row is gone or no longer processing."""
    result = await session.execute(
        update(Media)
        .where(Media.id == media_id, Media.status == MediaStatus.PROCESSING)
        .values(status=MediaStatus.READY, processed_at=now, original_key=None, failure_reason=None, **values)
        .returning(Media.id)
    )
    return result.first() is not None


async def mark_failed(session: AsyncSession, media_id: int, now: datetime, reason: str) -> None:
    await session.execute(
        update(Media)
        .where(Media.id == media_id, Media.status == MediaStatus.PROCESSING)
        .values(status=MediaStatus.FAILED, processed_at=now, failure_reason=reason, original_key=None)
    )


async def delete_media(session: AsyncSession, media_ids: list[int]) -> list[Media]:
    """Delete unattached media rows; those deleted (rows attached meanwhile are kept)."""
    if not media_ids:
        return []
    result = await session.execute(
        delete(Media).where(Media.id.in_(media_ids), Media.note_id.is_(None)).returning(Media)
    )
    return list(result.scalars())


async def list_unclaimed(session: AsyncSession, created_before: datetime, limit: int) -> list[int]:
    result = await session.execute(
        select(Media.id)
        .where(Media.note_id.is_(None), Media.created_at < created_before)
        .order_by(Media.id)
        .limit(limit)
    )
    return [row[0] for row in result]


async def shared_sources(session: AsyncSession, sha256s: list[str]) -> set[str]:
    """Which of these source hashes other media rows still use (their files are shared)."""
    if not sha256s:
        return set()
    result = await session.execute(
        select(Media.sha256).where(Media.sha256.in_(sha256s)).group_by(Media.sha256).having(func.count() > 0)
    )
    return {row[0] for row in result}


async def find_ready_twin(session: AsyncSession, sha256: str, kind: str) -> Media | None:
    """A finished media row made from the same bytes: its outputs can be reused as they are."""
    result = await session.execute(
        select(Media)
        .where(Media.sha256 == sha256, Media.kind == kind, Media.status == MediaStatus.READY)
        .limit(1)
    )
    return result.scalar_one_or_none()
