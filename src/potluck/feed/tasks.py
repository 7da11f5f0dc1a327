"""Feed jobs: fan-out of a published note, and a new follow's recent notes.

Both may run more than once (a worker killed mid-step repeats it): pushing an entry that
is already in a timeline changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from potluck.feed import service
from potluck.jobs import JobContext, enqueue_job, job


@job("feed.fan_out")
async def fan_out(
    ctx: JobContext, *, note_id: str, after_time: str | None = None, after_follower: str | None = None
) -> None:
    """Push the note to one step of followers, then queue the next step, if any."""
    resume_after = (
        (datetime.fromisoformat(after_time), int(after_follower))
        if after_time is not None and after_follower is not None
        else None
    )
    async with ctx.transaction() as session:
        progress = await service.fan_out(session, note_id=int(note_id), resume_after=resume_after)
        if progress.resume_after is not None:
            moment, follower_id = progress.resume_after
            enqueue_job(
                session,
                "feed.fan_out",
                note_id=note_id,
                after_time=moment.isoformat(),
                after_follower=str(follower_id),
            )


@job("feed.follow_started")
async def follow_started(ctx: JobContext, *, follower_id: str, followee_id: str) -> None:
    async with ctx.transaction() as session:
        await service.follow_started(session, follower_id=int(follower_id), followee_id=int(followee_id))
