"""Search background jobs: indexing notes after they change, and the index's upkeep."""

from __future__ import annotations

from datetime import timedelta

from potluck.jobs import JobContext, job, periodic
from potluck.search import indexing, service, spelling

LIKE_COUNT_BATCH = 5_000


@job("search.index_note")
async def index_note(ctx: JobContext, *, note_id: str) -> None:
    """Enqueued by notes when one is published or edited (its words, visibility or
    category): the note as it is now goes into the index, or leaves it."""
    async with ctx.transaction() as session:
        await indexing.index_notes(session, [int(note_id)])


@job("search.refresh_like_counts", timeout_seconds=1800)
async def refresh_like_counts(ctx: JobContext) -> None:
    """What "most liked" sorts by, copied from the notes in batches (one short
    transaction each); notes that stopped being searchable while no job ran leave."""
    after: int | None = 0
    while after is not None:
        async with ctx.transaction() as session:
            after = await indexing.refresh_like_counts(session, after=after, limit=LIKE_COUNT_BATCH)
    async with ctx.transaction() as session:
        await indexing.forget_missing(session)


@job("search.refresh_vocabulary", timeout_seconds=1800)
async def refresh_vocabulary(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await spelling.refresh_vocabulary(session)


@job("search.prune_query_counts")
async def prune_query_counts(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await service.prune_query_counts(session)


periodic("search.refresh_like_counts", every=timedelta(minutes=10))
periodic("search.refresh_vocabulary", every=timedelta(hours=1))
periodic("search.prune_query_counts", every=timedelta(days=1))
