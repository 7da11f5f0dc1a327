"""Translation jobs: computing a translation readers asked for, and dropping old ones."""

from __future__ import annotations

from datetime import timedelta

import structlog

from potluck.cache import cache_of
from potluck.jobs import JobContext, job, periodic
from potluck.translation import service
from potluck.translation.engines import AllEnginesFailed, NoEngine, translator_of

log = structlog.get_logger(__name__)


@job("translation.translate", timeout_seconds=300)
async def translate(ctx: JobContext, *, texts: list[str], source: str, target: str, state_key: str) -> None:
    """Enqueued when a reader asks for a translation not kept yet. The engines run outside
    any transaction; what they give is kept in a short one. When none can, the request is
    marked failed for a minute (the reader is told to try again)."""
    states = cache_of(ctx.resources).backend
    try:
        result = await translator_of(ctx.resources).translate(texts, source=source, target=target)
    except (NoEngine, AllEnginesFailed) as error:
        log.warning("translation_failed", source=source, target=target, error=str(error))
        await states.set(state_key, b"failed", ttl=service.FAILED_SECONDS)
        return
    async with ctx.transaction() as session:
        await service.store(session, texts, result.texts, source=source, target=target, engine=result.engine)
    await states.delete(state_key)


@job("translation.forget")
async def forget(ctx: JobContext, *, hashes: list[str]) -> None:
    """Enqueued when a note's words change: the old words' translations go."""
    async with ctx.transaction() as session:
        await service.forget(session, hashes)


@job("translation.prune")
async def prune(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await service.prune(session)


periodic("translation.prune", every=timedelta(days=1))
