"""Candidate generation: a few hundred notes worth ranking for one viewer, from bounded
indexed queries and cached lists (never a scan of all notes).

Shared lists (trending per window and category, fresh notes) are the same for everyone
and are read through the process cache; per-viewer lists (topics, followed accounts,
neighbours of recently engaged notes) are one limited query each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.explore import ranking, repository, signals
from potluck.explore.language import note_language
from potluck.explore.ranking import Candidate, Profile, Source
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer

WINDOWS: dict[str, timedelta] = {"day": timedelta(days=1), "week": timedelta(days=7)}
SHARED_LIST_SECONDS = 60.0
FRESH_LIST_SECONDS = 30.0
TRENDING_LIST_SIZE = 200
FRESH_HOURS = 48
FRESH_MAX_IMPRESSIONS = ranking.DEFAULT_WEIGHTS.explore_impressions
MAX_CANDIDATES = 500


async def trending(session: AsyncSession, *, window: str, category: str = "") -> list[tuple[int, float]]:
    """The trending list of ``window`` ("" category: all), best first, as the last job
    run left it; computed on the spot (bounded) while the job has not run yet."""

    async def fill() -> bytes:
        rows = await repository.trending_ids(
            session, window=window, category=category, limit=TRENDING_LIST_SIZE
        )
        if not rows and not await repository.has_trending(session, window=window):
            # The job has not run yet (a new site): compute it once a minute meanwhile.
            rows = await live_trending(session, window=window, category=category, now=utcnow())
        return json.dumps(rows).encode()

    cache = cache_of(session.info)
    raw = await cache.get_or_fill(f"explore:trending:{window}:{category}", ttl=SHARED_LIST_SECONDS, fill=fill)
    return [(int(note_id), float(value)) for note_id, value in json.loads(raw)]


async def live_trending(
    session: AsyncSession, *, window: str, category: str, now: datetime, limit: int = TRENDING_LIST_SIZE
) -> list[tuple[int, float]]:
    """Trending computed on the spot from the notes published in the window."""
    rows = await compute_trending(session, window=window, now=now, scan=limit * 10)
    return [(note_id, value) for note_id, kind, value in rows if not category or kind == category][:limit]


async def compute_trending(
    session: AsyncSession, *, window: str, now: datetime, scan: int
) -> list[tuple[int, str, float]]:
    """(note, category, score) for the ``scan`` most engaged public notes published in
    the window, best score first (what the trending job stores)."""
    since = now - WINDOWS[window]
    rows = await repository.recent_public_notes(session, since=since, limit=scan)
    clicks = await repository.recent_clicks(session, since=since)
    scored = [
        (
            row.note_id,
            row.category,
            signals.trending_score(
                likes=row.likes,
                collects=row.collects,
                comments=row.comments,
                clicks=clicks.get(row.note_id, 0),
                age_hours=(now - row.published_at).total_seconds() / 3600,
            ),
        )
        for row in rows
    ]
    scored.sort(key=lambda row: (-row[2], -row[0]))
    return scored


async def fresh(session: AsyncSession) -> list[int]:
    async def fill() -> bytes:
        ids = await repository.fresh_ids(
            session,
            since=utcnow() - timedelta(hours=FRESH_HOURS),
            max_impressions=FRESH_MAX_IMPRESSIONS,
            limit=60,
        )
        return json.dumps(ids).encode()

    raw = await cache_of(session.info).get_or_fill("explore:fresh", ttl=FRESH_LIST_SECONDS, fill=fill)
    return [int(note_id) for note_id in json.loads(raw)]


@dataclass
class Pool:
    """Candidate note IDs with why each is there and its side scores."""

    sources: dict[int, set[Source]] = field(default_factory=dict)
    similarity: dict[int, float] = field(default_factory=dict)
    trending: dict[int, float] = field(default_factory=dict)

    def add(self, note_ids: Iterable[int], source: Source, excluded: set[int]) -> None:
        for note_id in note_ids:
            if note_id in excluded:
                continue
            if note_id not in self.sources and len(self.sources) >= MAX_CANDIDATES:
                return
            self.sources.setdefault(note_id, set()).add(source)

    def add_trending(self, rows: Sequence[tuple[int, float]], excluded: set[int]) -> None:
        size = max(1, len(rows))
        for rank, (note_id, _) in enumerate(rows):
            self.trending[note_id] = max(self.trending.get(note_id, 0.0), 1 - rank / size)
        self.add((note_id for note_id, _ in rows), Source.TRENDING, excluded)


async def gather(
    session: AsyncSession,
    *,
    profile: Profile,
    followed: Sequence[int],
    seeds: dict[int, float],
    category: str | None,
    excluded: set[int],
) -> Pool:
    """Candidates for a logged-in viewer; ``category`` narrows them to one category.
    ``followed`` lists the accounts the viewer follows, most recently followed first."""
    now = utcnow()
    pool = Pool()
    # Personal sources first: the pool is capped and these matter most.
    if seeds:
        neighbours = await repository.neighbours_of(session, list(seeds)[:40], per_note=20)
        similar = signals.similar_to(seeds, neighbours, limit=120)
        pool.similarity.update(similar)
        pool.add(similar, Source.SIMILAR, excluded | set(seeds))
    topics = ranking.top_interests(profile.topics, 8)
    pool.add(await repository.newest_by_topics(session, topics, per_topic=20), Source.TOPIC, excluded)
    # The most recently followed accounts, a few notes each.
    pool.add(
        (
            await repository.newest_by_authors(
                session, followed[:50], since=now - timedelta(days=30), per_author=3
            )
        )[:100],
        Source.FOLLOWING,
        excluded,
    )
    categories = [category] if category else ranking.top_interests(profile.categories, 4)
    for name in categories:
        pool.add_trending((await trending(session, window="week", category=name))[:50], excluded)
    pool.add(
        await repository.newest_by_categories(
            session, categories, since=now - timedelta(days=14), per_category=20
        ),
        Source.INTEREST,
        excluded,
    )
    pool.add_trending((await trending(session, window="day", category=category or ""))[:60], excluded)
    pool.add_trending((await trending(session, window="week", category=category or ""))[:80], excluded)
    pool.add(await fresh(session), Source.FRESH, excluded)
    return pool


async def candidates_of(
    session: AsyncSession, *, viewer: Viewer, pool: Pool, category: str | None
) -> list[Candidate]:
    """The pool's notes the viewer may see, with what ranking needs (two queries)."""
    note_ids = list(pool.sources)
    facts = await repository.note_facts(session, note_ids, viewer)
    topics = await repository.topics_of(session, [fact.note_id for fact in facts])
    return [
        Candidate(
            note_id=fact.note_id,
            author_id=fact.author_id,
            category=fact.category,
            language=note_language(author_languages=fact.author_languages, author_locale=fact.author_locale),
            published_at=fact.published_at.timestamp(),
            topics=tuple(topics.get(fact.note_id, ())),
            likes=fact.likes,
            collects=fact.collects,
            comments=fact.comments,
            impressions=fact.impressions,
            clicks=fact.clicks,
            sources=frozenset(pool.sources[fact.note_id]),
            similarity=pool.similarity.get(fact.note_id, 0.0),
            trending=pool.trending.get(fact.note_id, 0.0),
        )
        for fact in facts
        if category is None or fact.category == category
    ]
