"""Distributed mode: fan-out on write into Redis sorted sets.

Each person's timeline is the sorted set ``potluck:timeline:<user id>``: note IDs scored by
publication time in microseconds, the newest ``feed_timeline_size`` kept, plus a sentinel
member that marks the timeline as built (so "built and empty" differs from "missing") and
whose negative score changes with every push (the timeline's stamp, see ``feed.routes.kept_reads``). A
timeline expires an hour short of ``feed_active_days`` after its last read.

- **Publishing** runs a job that pushes the note into the timelines of the author's
  followers active in the last ``feed_active_days`` days, ``FOLLOWERS_PER_STEP`` followers
  per job step. One Lua call per batch of keys adds the entry only to timelines that exist
  and trims them, so a timeline that expired or was never built is never half filled.
- **Large accounts** (more than ``feed_fanout_max_followers`` followers) are not pushed:
  their notes are read from the database and merged in when a follower reads.
- **Missing timelines** (a newcomer, or someone back after a month away) are rebuilt from
  the database on first read.
- **Past the oldest stored entry** of a full timeline, reading goes on in the database.

All keys of one Lua call must live on one Redis node: fine for a single Redis or a
primary with replicas (not Redis Cluster).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import marks
from potluck.feed import repository
from potluck.feed.timeline import Entry, FanOutProgress
from potluck.kit.time import utcnow
from potluck.settings import Settings

FOLLOWERS_PER_STEP = 5000  # one job step; a killed worker repeats at most this much
KEYS_PER_CALL = 500  # timelines per Lua call: keeps each call well under a millisecond
BACKFILL_NOTES = 20  # a newly followed account's recent notes brought into the timeline
_SENTINEL = "built"
_TIES = 8  # extra entries read past a cursor in case several share its microsecond

# KEYS: timelines; ARGV: the cap, then score, member pairs. Adds to existing timelines only,
# and moves the sentinel's (negative) score down by one: the timeline's stamp.
_PUSH = """
local cap = tonumber(ARGV[1])
local pushed = 0
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('ZADD', key, unpack(ARGV, 2))
    redis.call('ZINCRBY', key, -1, 'built')
    redis.call('ZREMRANGEBYRANK', key, 1, -(cap + 1))
    pushed = pushed + 1
  end
end
return pushed
"""


class RedisTimelines:
    def __init__(self, redis: Redis, settings: Settings, *, prefix: str = "potluck:timeline:") -> None:
        self.redis = redis
        self.size = settings.feed_timeline_size
        self.active_for = timedelta(days=settings.feed_active_days)
        # A timeline lapses a little before its reader stops counting as active (activity is
        # recorded every few minutes), so no one comes back to a timeline that missed pushes.
        self.lifetime = self.active_for - timedelta(hours=1)
        self.max_followers = settings.feed_fanout_max_followers
        self.prefix = prefix
        self._push_script: Any = redis.register_script(_PUSH)

    def key(self, user_id: int) -> str:
        return f"{self.prefix}{user_id}"

    # --- reading -------------------------------------------------------------------------

    async def page(
        self, session: AsyncSession, *, user_id: int, before: Entry | None, count: int
    ) -> list[Entry]:
        key = self.key(user_id)
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.zrevrangebyscore(
                key,
                before.published_us if before is not None else "+inf",
                0,
                start=0,
                num=count + _TIES,
                withscores=True,
            )
            pipe.zcard(key)
            pipe.expire(key, self.lifetime)
            rows, stored_count, _ = await pipe.execute()
        if stored_count == 0:
            stored = await self._rebuild(session, user_id)
            full = len(stored) >= self.size
        else:
            stored = [Entry(int(score), int(member)) for member, score in rows]
            full = stored_count - 1 >= self.size
        entries = [entry for entry in stored if before is None or entry < before][:count]
        if len(entries) < count and full:
            # The timeline keeps only the newest notes; older ones come from the database.
            entries += await repository.followed_notes(
                session,
                user_id=user_id,
                before=entries[-1] if entries else before,
                limit=count - len(entries),
            )
        big = await repository.followed_large_accounts(session, user_id=user_id, more_than=self.max_followers)
        if big:
            merged = entries + await repository.notes_of_authors(
                session, author_ids=big, before=before, limit=count
            )
            entries = sorted(set(merged), reverse=True)[:count]
        return entries

    async def _rebuild(self, session: AsyncSession, user_id: int) -> list[Entry]:
        """Build a missing timeline from the database; its entries, newest first."""
        entries = await repository.followed_notes(session, user_id=user_id, before=None, limit=self.size)
        key = self.key(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            # A new stamp (the sentinel's score, below every entry's): pages kept from the
            # timeline before it lapsed are not mistaken for pages of this one.
            sentinel = -float(secrets.randbelow(2**40) + 1)
            pipe.zadd(key, {_SENTINEL: sentinel, **{str(e.note_id): e.published_us for e in entries}})
            pipe.expire(key, self.lifetime)
            await pipe.execute()
        return entries

    async def stamp(self, *, user_id: int) -> str | None:
        score = await self.redis.zscore(self.key(user_id), _SENTINEL)
        return None if score is None else repr(float(score))

    async def merged_authors(self, session: AsyncSession, *, user_id: int) -> list[int]:
        return await repository.followed_large_accounts(
            session, user_id=user_id, more_than=self.max_followers
        )

    # --- writing -------------------------------------------------------------------------

    async def _push(self, user_ids: list[int], entries: list[Entry]) -> int:
        """Add ``entries`` to those of these people's timelines that exist; how many did."""
        if not user_ids or not entries:
            return 0
        pairs: list[int | str] = []
        for entry in entries:
            pairs += [entry.published_us, str(entry.note_id)]
        keys = [self.key(user_id) for user_id in user_ids]
        return int(await self._push_script(keys=keys, args=[self.size, *pairs]))

    async def fan_out(
        self, session: AsyncSession, *, note_id: int, resume_after: tuple[datetime, int] | None
    ) -> FanOutProgress:
        note = await repository.note_to_fan_out(session, note_id)
        if note is None:
            return FanOutProgress(pushed=0, resume_after=None)
        if note.author_followers > self.max_followers:
            # Merged in when read: pages kept with this account's notes merged in go.
            marks.mark_on_commit(session, marks.author(note.author_id))
            return FanOutProgress(pushed=0, resume_after=None)
        followers = await repository.active_followers(
            session,
            author_id=note.author_id,
            active_since=utcnow() - self.active_for,
            after=resume_after,
            limit=FOLLOWERS_PER_STEP,
        )
        entry = Entry.of(note_id, note.published_at)
        pushed = 0
        for start in range(0, len(followers), KEYS_PER_CALL):
            chunk = followers[start : start + KEYS_PER_CALL]
            pushed += await self._push([follower_id for follower_id, _ in chunk], [entry])
        more = len(followers) == FOLLOWERS_PER_STEP
        return FanOutProgress(
            pushed=pushed, resume_after=(followers[-1][1], followers[-1][0]) if more else None
        )

    async def follow_started(self, session: AsyncSession, *, follower_id: int, followee_id: int) -> None:
        entries = await repository.recent_notes_of(session, author_id=followee_id, limit=BACKFILL_NOTES)
        await self._push([follower_id], entries)
