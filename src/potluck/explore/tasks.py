"""Explore's periodic jobs: the signals requests read instead of computing them.

Each job recomputes its result from the source rows and replaces what was there, so
running one twice (or two at once, one after the other) leaves the same state.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from potluck.explore import candidates, repository, signals
from potluck.jobs import JobContext, job, periodic
from potluck.kit.time import utcnow

EVENT_DAYS = 7
TRENDING_SCAN = 5000
TRENDING_TOP = 300
TRENDING_PER_CATEGORY = 100
NEIGHBOUR_DAYS = 30
NEIGHBOUR_ROWS = 300_000


@job("explore.aggregate_events")
async def aggregate_events(ctx: JobContext) -> None:
    """Per-note impressions and clicks over the last week; older events are pruned."""
    now = utcnow()
    since = now - timedelta(days=EVENT_DAYS)
    async with ctx.transaction() as session:
        totals = await repository.event_totals(session, since=since)
        await repository.save_stats(session, totals, now)
        await repository.delete_events_before(session, since)


@job("explore.refresh_trending")
async def refresh_trending(ctx: JobContext) -> None:
    """Trending lists per window, overall and per category."""
    now = utcnow()
    for window in candidates.WINDOWS:
        async with ctx.transaction() as session:
            rows = await candidates.compute_trending(session, window=window, now=now, scan=TRENDING_SCAN)
            stored: list[dict[str, object]] = [
                {"category": "", "note_id": note_id, "rank": rank, "score": value}
                for rank, (note_id, _, value) in enumerate(rows[:TRENDING_TOP])
            ]
            by_category: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for note_id, category, value in rows:
                if len(by_category[category]) < TRENDING_PER_CATEGORY:
                    by_category[category].append((note_id, value))
            for category, listed in by_category.items():
                stored.extend(
                    {"category": category, "note_id": note_id, "rank": rank, "score": value}
                    for rank, (note_id, value) in enumerate(listed)
                )
            await repository.replace_trending(session, window, stored)


@job("explore.refresh_neighbours", timeout_seconds=1800)
async def refresh_neighbours(ctx: JobContext) -> None:
    """Item-item co-engagement neighbours from the likes of the last month's notes."""
    now = utcnow()
    async with ctx.transaction() as session:
        likes = await repository.recent_likes(
            session, since=now - timedelta(days=NEIGHBOUR_DAYS), limit=NEIGHBOUR_ROWS
        )
        neighbours = signals.co_engagement(likes)
        await repository.replace_neighbours(
            session,
            [
                {"note_id": note_id, "neighbour_id": other, "score": value}
                for note_id, found in neighbours.items()
                for other, value in found
            ],
        )


periodic("explore.aggregate_events", every=timedelta(minutes=10))
periodic("explore.refresh_trending", every=timedelta(minutes=5))
periodic("explore.refresh_neighbours", every=timedelta(hours=1))
