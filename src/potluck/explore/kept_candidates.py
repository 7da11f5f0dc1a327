"""A viewer's profile and candidates, kept for a minute between Explore sessions.

Starting a session means learning the viewer's profile (a dozen small queries), gathering
a few hundred candidates and reading what ranking needs of each: about 20 ms of database
work, most of a new session's cost. People open Explore again and again (pull to
refresh, back from a note), so the result is kept in the cache component for
:data:`SECONDS` per viewer and category, and a new session within that time only ranks
and arranges again (ranking is deterministic: the arrangement is the same while the
kept candidates are, which is why the first page is kept with its session, see
:func:`potluck.explore.routes.kept_reads`).

Anything the viewer does that changes their profile or what they may see (a like, a
follow, a block, new interests or feed settings, a topic followed) marks them
(:mod:`potluck.cache.marks`), and the kept copy is not used after that. What others do
(new likes, new notes) reaches the next session within the minute; each page still
checks every note against blocks, mutes and visibility before showing it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of, marks
from potluck.explore.ranking import Candidate, Profile, Source

SECONDS = min(60.0, marks.MAX_VIEW_SECONDS)  # marks must outlive what they spoil


@dataclass(frozen=True)
class Kept:
    profile: Profile
    candidates: list[Candidate]
    other_languages: str


def _key(user_id: int, category: str | None) -> str:
    return f"explore:candidates:{user_id}:{category or ''}"


def started() -> float:
    """The time to pass to :func:`store`: call it before the first read."""
    return time.time()


async def load(session: AsyncSession, *, user_id: int, category: str | None) -> Kept | None:
    cache = cache_of(session.info)
    raw = await cache.backend.get(_key(user_id, category))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        made_at = float(data["made_at"])
        kept = Kept(
            profile=Profile(
                categories={str(k): float(v) for k, v in data["categories"].items()},
                topics={int(k): float(v) for k, v in data["topics"].items()},
                followed=frozenset(int(user) for user in data["followed"]),
                languages=frozenset(str(language) for language in data["languages"]),
            ),
            candidates=[_candidate(row) for row in data["candidates"]],
            other_languages=str(data["other_languages"]),
        )
    except (ValueError, TypeError, KeyError):
        return None
    if marks.marks_of(session.info).changed_since([marks.reader(user_id)], made_at):
        return None
    return kept


async def store(
    session: AsyncSession, *, user_id: int, category: str | None, kept: Kept, made_at: float
) -> None:
    profile = kept.profile
    data = {
        "made_at": made_at,
        "categories": dict(profile.categories),
        "topics": {str(k): v for k, v in profile.topics.items()},
        "followed": sorted(profile.followed),
        "languages": sorted(profile.languages),
        "candidates": [_row(candidate) for candidate in kept.candidates],
        "other_languages": kept.other_languages,
    }
    await cache_of(session.info).backend.set(_key(user_id, category), json.dumps(data).encode(), ttl=SECONDS)


def _row(c: Candidate) -> list[Any]:
    return [
        c.note_id, c.author_id, c.category, c.language, c.published_at, list(c.topics), c.likes,
        c.collects, c.comments, c.impressions, c.clicks, sorted(c.sources), c.similarity, c.trending,
    ]  # fmt: skip


def _candidate(row: list[Any]) -> Candidate:
    (note_id, author_id, category, language, published_at, topics, likes, collects, comments,
     impressions, clicks, sources, similarity, trending) = row  # fmt: skip
    return Candidate(
        note_id=int(note_id),
        author_id=int(author_id),
        category=str(category),
        language=str(language),
        published_at=float(published_at),
        topics=tuple(int(topic) for topic in topics),
        likes=int(likes),
        collects=int(collects),
        comments=int(comments),
        impressions=int(impressions),
        clicks=int(clicks),
        sources=frozenset(Source(source) for source in sources),
        similarity=float(similarity),
        trending=float(trending),
    )
