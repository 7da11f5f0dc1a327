"""Notes background jobs."""

from __future__ import annotations

from datetime import timedelta

from potluck.jobs import JobContext, job, periodic
from potluck.notes import views


@job("notes.prune_views")
async def prune_views(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await views.prune(session)


periodic("notes.prune_views", every=timedelta(hours=6))
