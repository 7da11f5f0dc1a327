"""Embedded mode: a timeline is a query over follows and notes, nothing is stored.

With one process and a community of modest size, reading the followed accounts' newest
notes through the ``(author_id, published_at)`` index is fast and always current, and
publishing costs nothing extra.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.feed import repository
from potluck.feed.timeline import Entry, FanOutProgress


class QueryTimelines:
    async def page(
        self, session: AsyncSession, *, user_id: int, before: Entry | None, count: int
    ) -> list[Entry]:
        return await repository.followed_notes(session, user_id=user_id, before=before, limit=count)

    # Nothing is stored, so publishing and following have nothing to push.
    async def fan_out(
        self,
        session: AsyncSession,  # noqa: ARG002
        *,
        note_id: int,  # noqa: ARG002
        resume_after: tuple[datetime, int] | None,  # noqa: ARG002
    ) -> FanOutProgress:
        return FanOutProgress(pushed=0, resume_after=None)

    async def follow_started(
        self,
        session: AsyncSession,  # noqa: ARG002
        *,
        follower_id: int,  # noqa: ARG002
        followee_id: int,  # noqa: ARG002
    ) -> None:
        return None

    # Always current, so nothing to stamp: first pages are not kept (cache.kept_pages).
    async def stamp(self, *, user_id: int) -> str | None:  # noqa: ARG002
        return None

    async def merged_authors(self, session: AsyncSession, *, user_id: int) -> list[int]:  # noqa: ARG002
        return []
