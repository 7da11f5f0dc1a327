"""Topics background jobs: keeping topic totals and hot scores up to date.

Every minute the notes that changed lately (a like, a view, an edit move the note's
``updated_at``) are rescored in their topics and those topics' totals recomputed; every
hour all of them are, which catches what leaves no trace on a note row (a deleted note,
a suspended author) and whatever a stopped worker missed.
"""

from __future__ import annotations

from datetime import timedelta

from potluck.jobs import JobContext, job, periodic
from potluck.kit.time import utcnow
from potluck.topics import service

# Notes changed in this window are looked at by each run: five runs' worth, so a late or
# failed run loses nothing.
RECENT_WINDOW = timedelta(minutes=5)


@job("topics.refresh_recent")
async def refresh_recent(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await service.refresh_recent(session, since=utcnow() - RECENT_WINDOW)


@job("topics.refresh_all", timeout_seconds=1800)
async def refresh_all(ctx: JobContext) -> None:
    """In batches, one short transaction each, so writers never wait long."""
    after: int | None = 0
    while after is not None:
        async with ctx.transaction() as session:
            after = await service.refresh_totals_after(session, after=after)
    after = 0
    while after is not None:
        async with ctx.transaction() as session:
            after = await service.rescore_notes_after(session, after=after)


periodic("topics.refresh_recent", every=timedelta(minutes=1))
periodic("topics.refresh_all", every=timedelta(hours=1))
