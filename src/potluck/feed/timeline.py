"""The interface both Following-timeline implementations follow.

A timeline is the notes of the accounts someone follows, newest first. Entries are only
candidates: a note may have been deleted or hidden, or its author unfollowed, muted or
blocked since it arrived, so the feed service checks every entry against the database
before showing it (``feed.service``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

TIMELINES_KEY = "potluck.timelines"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, order=True)
class Entry:
    """A note in a timeline: ordered by when it was published, then by ID."""

    published_us: int  # microseconds since 1970, exact in a Redis score (< 2**53)
    note_id: int

    @classmethod
    def of(cls, note_id: int, published_at: datetime) -> Entry:
        return cls((published_at - _EPOCH) // timedelta(microseconds=1), note_id)


@dataclass(frozen=True)
class FanOutProgress:
    """What one fan-out step did: timelines pushed to, and where the next step starts
    (the last follower seen, in the order of ``feed.repository.active_followers``), or
    None when every follower has been seen."""

    pushed: int
    resume_after: tuple[datetime, int] | None


class Timelines(Protocol):
    async def page(
        self, session: AsyncSession, *, user_id: int, before: Entry | None, count: int
    ) -> list[Entry]:
        """Up to ``count`` entries older than ``before`` (newest first) from the accounts
        ``user_id`` follows. Fewer than ``count`` means there are no more."""

    async def fan_out(
        self, session: AsyncSession, *, note_id: int, resume_after: tuple[datetime, int] | None
    ) -> FanOutProgress:
        """Push a newly published note into its author's followers' timelines, one batch
        of followers per call. Safe to repeat: pushing an entry twice stores it once."""

    async def follow_started(self, session: AsyncSession, *, follower_id: int, followee_id: int) -> None:
        """Bring the newly followed account's recent notes into the follower's timeline."""

    async def stamp(self, *, user_id: int) -> str | None:
        """A value that changes whenever a note arrives in ``user_id``'s stored timeline,
        read without the database; None when there is none (nothing stored, or the
        timeline is missing), and then a first page of Following is not kept
        (:mod:`potluck.cache.kept_pages`)."""

    async def merged_authors(self, session: AsyncSession, *, user_id: int) -> list[int]:
        """Accounts ``user_id`` follows whose notes are merged in when reading instead of
        pushed (their new notes do not change the stamp)."""


def timelines_of(info: Mapping[str, Any]) -> Timelines:
    """The process's timelines from a session's ``info`` or a job's ``resources``."""
    timelines: Timelines | None = info.get(TIMELINES_KEY)
    if timelines is None:
        raise RuntimeError("no timelines here: was this session or job made by a Runtime?")
    return timelines
