"""Reading and writing kept translations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.upsert import insert_or_ignore
from potluck.kit.ids import new_id
from potluck.kit.time import utcnow
from potluck.translation.models import Translation


async def kept(
    session: AsyncSession, hashes: Sequence[str], *, source: str, target: str
) -> dict[str, dict[str, str]]:
    """hash -> {engine: text} for the texts translated from ``source`` into ``target``."""
    if not hashes:
        return {}
    rows = await session.execute(
        select(Translation.content_hash, Translation.engine, Translation.text).where(
            Translation.content_hash.in_(sorted(set(hashes))),
            Translation.source == source,
            Translation.target == target,
        )
    )
    found: dict[str, dict[str, str]] = {}
    for content_hash, engine, text in rows:
        found.setdefault(content_hash, {})[engine] = text
    return found


async def keep(
    session: AsyncSession, rows: Sequence[tuple[str, str]], *, source: str, target: str, engine: str
) -> None:
    """Keep (hash, translation) pairs; a text already kept for this engine stays as it was."""
    if not rows:
        return
    now = utcnow()
    await session.execute(
        insert_or_ignore(session, Translation),
        [
            {"id": new_id(), "content_hash": content_hash, "source": source, "target": target,
             "engine": engine, "text": text, "created_at": now}
            for content_hash, text in dict(rows).items()
        ],
    )  # fmt: skip


async def forget(session: AsyncSession, hashes: Sequence[str]) -> None:
    if hashes:
        await session.execute(delete(Translation).where(Translation.content_hash.in_(sorted(set(hashes)))))


async def prune(session: AsyncSession, *, before: datetime, keep_engines: Sequence[str]) -> None:
    await session.execute(
        delete(Translation).where(
            Translation.created_at < before, Translation.engine.not_in(list(keep_engines))
        )
    )
