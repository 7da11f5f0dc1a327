"""Relevance ranking: a pool of the newest matches, ranked, kept in the cache.

A common word matches tens of thousands of notes at a million; scoring them all for
every search would take hundreds of milliseconds (docs/benchmarks.md, "Search speed").
Relevance instead ranks the pool of the ``RANK_POOL`` most recently posted matches by
the engine's score (BM25 on SQLite, ``ts_rank`` on PostgreSQL), and the older matches
follow, newest first. Pages never repeat or skip a note: the order is the same whatever
the page.

A pool is read once and kept in the cache (shared by every process in distributed mode)
for ``POOL_TTL`` seconds; each search then asks the engine only for what was indexed
since the pool was read (new notes, notes edited since), a few index rows, and merges it
in. So a note is found as soon as its indexing job has run, and an edited one by its new
words only, while a popular search costs a cache read and two small queries. Notes
removed from the index (deleted, made private) may stay in a kept pool until it expires;
the service shows only notes the reader may read, and never private ones.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.kit.time import utcnow
from potluck.search import repository, spelling
from potluck.search.analysis import QueryTerms
from potluck.search.engine import Filters, Scored, SearchEngine, Sort
from potluck.search.engine_common import query_text
from potluck.search.engines import engine_for

RANK_POOL = 300  # matches ranked by relevance; older ones follow newest first
POOL_TTL = 30.0  # seconds a pool is kept (served while one request refreshes it as long again)
# An index row written (its indexed_at) shortly before a pool was read may have been
# committed after: what was indexed this long before is looked at again.
CHANGE_MARGIN = timedelta(seconds=10)

_HEADER = struct.Struct("<d?")  # when the pool was read (Unix time), whether it was full
_ENTRY = struct.Struct("<qd")  # note ID, score


@dataclass
class Pool:
    read_at: datetime
    full: bool  # RANK_POOL matches were found: older ones exist beyond the pool
    scores: dict[int, float]

    def encode(self) -> bytes:
        head = _HEADER.pack(self.read_at.timestamp(), self.full)
        return head + b"".join(_ENTRY.pack(note_id, score) for note_id, score in self.scores.items())

    @classmethod
    def decode(cls, data: bytes) -> Pool:
        read_at, full = _HEADER.unpack_from(data)
        entries = _ENTRY.iter_unpack(data[_HEADER.size :])
        return cls(datetime.fromtimestamp(read_at, UTC), bool(full), dict(entries))

    def merge(self, changed: list[Scored], reindexed: set[int]) -> None:
        """Take in what was indexed since the pool was read: notes indexed again are
        scored afresh or leave (no longer matching); new matches join, and the pool keeps
        its ``RANK_POOL`` newest."""
        for note_id in reindexed:
            self.scores.pop(note_id, None)
        self.scores.update(changed)
        if len(self.scores) > RANK_POOL:
            self.full = True
            for note_id in sorted(self.scores)[: len(self.scores) - RANK_POOL]:
                del self.scores[note_id]

    def ranking(self) -> list[int]:
        return [note_id for note_id, _ in sorted(self.scores.items(), key=lambda item: (-item[1], -item[0]))]


async def ranked_ids(
    session: AsyncSession,
    query: QueryTerms,
    *,
    filters: Filters,
    sort: Sort,
    offset: int,
    limit: int,
) -> list[int]:
    """Note IDs matching every group of ``query``, best first for ``sort``, from
    ``offset``: what a page of search results is made from."""
    engine = engine_for(session)
    if sort != Sort.RELEVANCE:
        return await engine.match(session, query, filters=filters, sort=sort, offset=offset, limit=limit)
    if not query:
        return []
    pool = await _pool(session, engine, query, filters)
    ranking = pool.ranking()
    found = ranking[offset : offset + limit]
    if not pool.full or len(found) == limit or not pool.scores:
        return found
    older = await engine.older(
        session,
        query,
        filters=filters,
        before=min(pool.scores),
        offset=max(0, offset - len(ranking)),
        limit=limit - len(found),
    )
    return found + older


async def _pool(session: AsyncSession, engine: SearchEngine, query: QueryTerms, filters: Filters) -> Pool:
    """The query's pool from the cache (read afresh when missing or expired), with what
    was indexed since it was read merged in."""
    fresh: Pool | None = None

    async def read() -> bytes:
        nonlocal fresh
        read_at = utcnow()
        counts = await spelling.group_notes(session, query)
        scored = await engine.pool(session, query, filters=filters, limit=RANK_POOL, group_notes=counts)
        fresh = Pool(read_at, len(scored) == RANK_POOL, dict(scored))
        return fresh.encode()

    data = await cache_of(session.info).get_or_fill(pool_key(query, filters), ttl=POOL_TTL, fill=read)
    if fresh is not None:
        return fresh
    pool = Pool.decode(data)
    since = pool.read_at - CHANGE_MARGIN
    changed = await engine.pool(session, query, filters=filters, limit=RANK_POOL, indexed_since=since)
    reindexed = await repository.indexed_since(session, note_ids=list(pool.scores), since=since)
    pool.merge(changed, reindexed)
    return pool


def pool_key(query: QueryTerms, filters: Filters) -> str:
    """The cache key of a query's pool under these filters."""
    terms = query_text(query, quote=repr, any_of="|", all_of="&")
    since = filters.since.isoformat() if filters.since is not None else ""
    digest = hashlib.blake2b(
        f"{terms}\n{filters.category}\n{filters.note_type}\n{since}".encode(), digest_size=16
    ).hexdigest()
    return f"search:pool:{digest}"
