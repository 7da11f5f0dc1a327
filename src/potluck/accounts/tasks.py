"""Accounts background jobs."""

from __future__ import annotations

from datetime import timedelta

from potluck.accounts import service
from potluck.jobs import JobContext, job, periodic


@job("accounts.prune_expired_sessions")
async def prune_expired_sessions(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await service.prune_expired_sessions(session)


periodic("accounts.prune_expired_sessions", every=timedelta(hours=1))
