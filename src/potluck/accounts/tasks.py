"""Accounts background jobs."""

from __future__ import annotations

from datetime import timedelta

from potluck.accounts import audit, credentials
from potluck.jobs import JobContext, job, periodic


@job("accounts.prune_expired_sessions")
async def prune_expired_sessions(ctx: JobContext) -> None:
    async with ctx.transaction() as session:
        await credentials.prune_expired_sessions(session)


@job("accounts.prune_audit_events")
async def prune_audit_events(ctx: JobContext) -> None:
    """Security events are kept for a year."""
    async with ctx.transaction() as session:
        await audit.prune(session)


periodic("accounts.prune_expired_sessions", every=timedelta(hours=1))
periodic("accounts.prune_audit_events", every=timedelta(days=1))
