"""Topics and Nearby (issue #5): what a topic with 100,000 notes costs to serve.

On PostgreSQL, in a throwaway database seeded with COPY (a benchmark fixture, not a
product path): ``--notes`` public notes (default 100,000) in one topic (#surge), spread
over the last 7 days with random engagement, plus 20,000 notes over 200 other topics,
half of all notes placed within 30 km of central Chengdu. Then, in-process and one call
at a time (the time of the service call, SQL included, median and p90 over ``--runs``):

- the topic header (``get_topic``: one stats row, whatever the number of notes);
- the first page of hot and of new, and hot 10 pages deep (cursor);
- recomputing that topic's totals (the job's work for one topic), rescoring a batch of
  500 notes, the totals of all 201 topics, and the first full sweep (every note scored);
- trending, computed without the cache (what one process does at most once a minute);
- the first page of Nearby from central Chengdu, and 5 pages deep.

Needs a local PostgreSQL accepting ``postgres`` without a password::

    .venv/bin/python bench/topic_queries.py [--notes 100000] [--runs 15] [--json FILE|-]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from http_baseline import DEFAULT_PG_ADMIN_URL, background_cores, postgres_database

USERS = 1000
OTHER_NOTES = 20_000
OTHER_TOPICS = 200
CHENGDU = (30.6586, 104.0648)


async def seed(database_url: str, notes: int) -> None:
    import asyncpg  # noqa: PLC0415 - bench-only dependency path

    rng = random.Random(5)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        user_ids = list(range(10_000_000, 10_000_000 + USERS))
        await connection.copy_records_to_table(
            "user_account",
            columns=[
                *("id", "username", "username_key", "display_name", "password_hash", "bio", "languages"),
                *("is_admin", "is_suspended", "created_at", "updated_at"),
            ],
            records=[
                (uid, f"u{i}", f"u{i}", f"User {i}", "x", "", "[]", False, False, now, now)
                for i, uid in enumerate(user_ids)
            ],
        )
        hashtags = [
            (50_000_000, "surge", "surge"),
            *((50_000_001 + i, f"topic{i}", f"topic{i}") for i in range(OTHER_TOPICS)),
        ]
        await connection.copy_records_to_table(
            "hashtag", columns=["id", "name", "key", "created_at"], records=[(*h, now) for h in hashtags]
        )
        total = notes + OTHER_NOTES
        note_rows, links = [], []
        for i in range(total):
            note_id = 20_000_000 + i
            published = now - timedelta(seconds=rng.randrange(7 * 86400))
            placed = rng.random() < 0.5
            lat = round((CHENGDU[0] + rng.uniform(-0.27, 0.27)) * 100) if placed else None
            lon = round((CHENGDU[1] + rng.uniform(-0.3, 0.3)) * 100) if placed else None
            likes, collects, comments, views = (rng.randrange(n) for n in (50, 10, 10, 500))
            note_rows.append((
                note_id, rng.choice(user_ids), "image", f"Note {i}", "#surge", "public", "food", "",
                published, likes, collects, comments, views, published, published, lat, lon,
            ))  # fmt: skip
            hashtag_id = 50_000_000 if i < notes else 50_000_001 + rng.randrange(OTHER_TOPICS)
            links.append((note_id, hashtag_id, 0))
        await connection.copy_records_to_table(
            "note",
            columns=[
                *("id", "author_id", "type", "title", "body", "visibility", "category", "location"),
                *("published_at", "like_count", "collect_count", "comment_count", "view_count"),
                *("created_at", "updated_at", "grid_lat", "grid_lon"),
            ],
            records=note_rows,
        )
        await connection.copy_records_to_table(
            "note_hashtag", columns=["note_id", "hashtag_id", "position"], records=links
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def timed(runs: int, call: Callable[[], Awaitable[Any]]) -> dict[str, float]:
    await call()  # warm statement caches and the buffer pool
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p90_ms": round(samples[int(0.9 * (runs - 1))], 2),
    }


async def measure(var_dir: Path, database_url: str, runs: int) -> dict[str, dict[str, float]]:
    from potluck.kit.viewer import Viewer  # noqa: PLC0415
    from potluck.notes import service as notes  # noqa: PLC0415
    from potluck.ops.logging import configure_logging  # noqa: PLC0415
    from potluck.runtime import Runtime  # noqa: PLC0415
    from potluck.settings import Settings  # noqa: PLC0415
    from potluck.topics import repository, service  # noqa: PLC0415

    configure_logging("WARNING", "console")
    runtime = Runtime(
        Settings(var_dir=var_dir, database_url=database_url, secret_key="bench", log_level="WARNING")
    )
    await runtime.start()
    viewer = Viewer(id=10_000_000)
    results: dict[str, dict[str, float]] = {}

    async def in_session(work: Callable[[Any], Awaitable[Any]]) -> Any:
        async with runtime.database.session(writing=True) as session:
            result = await work(session)
            await session.rollback()
            return result

    try:
        # What the hourly job does on a fresh install: totals of every topic, every
        # note scored. Timed once, then kept for the reads below.
        started = time.perf_counter()
        async with runtime.database.session(writing=True) as session:
            after: int | None = 0
            while after is not None:
                after = await service.refresh_totals_after(session, after=after)
            after = 0
            while after is not None:
                after = await service.rescore_notes_after(session, after=after)
            await session.commit()
        results["first full sweep"] = {
            "median_ms": round((time.perf_counter() - started) * 1000, 2),
            "p90_ms": 0,
        }
        print(f"  {'first full sweep':<24} {results['first full sweep']['median_ms']:8.0f} ms (once)")

        async def deep_hot_cursor(session: Any) -> str | None:
            cursor = None
            for _ in range(10):
                page = await service.topic_notes(
                    session, hashtag_id=50_000_000, viewer=viewer, sort="hot", cursor=cursor, limit=20
                )
                cursor = page.next_cursor
            return cursor

        deep = await in_session(deep_hot_cursor)

        def page(sort: str, cursor: str | None = None) -> Callable[[Any], Awaitable[Any]]:
            return lambda s: service.topic_notes(
                s,
                hashtag_id=50_000_000,
                viewer=viewer,
                sort=sort,
                cursor=cursor,
                limit=20,  # type: ignore[arg-type]
            )

        cases: dict[str, Callable[[Any], Awaitable[Any]]] = {
            "topic header": lambda s: service.get_topic(s, name="Surge", viewer=viewer),
            "hot, page 1": page("hot"),
            "hot, page 11": page("hot", deep),
            "new, page 1": page("new"),
            "totals of #surge": lambda s: repository.compute_totals(s, [50_000_000]),
            "rescore 500 notes": lambda s: repository.sync_hot_scores(s, list(range(20_000_000, 20_000_500))),
            "trending (uncached)": lambda s: repository.trending(
                s,
                week_ago=datetime.now(UTC) - timedelta(days=7),
                day_ago=datetime.now(UTC) - timedelta(days=1),
                limit=20,
            ),
            "nearby, page 1": lambda s: notes.nearby_cards(
                s, viewer=viewer, latitude=CHENGDU[0], longitude=CHENGDU[1], after=None, limit=20
            ),
        }
        for name, work in cases.items():
            results[name] = await timed(runs, lambda work=work: in_session(work))  # type: ignore[misc]
            figures = results[name]
            print(f"  {name:<24} median {figures['median_ms']:8.2f} ms   p90 {figures['p90_ms']:8.2f} ms")

        async def totals_sweep(session: Any) -> None:
            after: int | None = 0
            while after is not None:
                after = await service.refresh_totals_after(session, after=after)

        name = "totals of all topics"
        results[name] = await timed(max(3, runs // 5), lambda: in_session(totals_sweep))
        print(f"  {name:<24} median {results[name]['median_ms']:8.2f} ms")
    finally:
        await runtime.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000, help="notes in the big topic")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--json", help="write the figures to FILE, or - for stdout")
    args = parser.parse_args(argv)

    from potluck.migrations.runner import upgrade  # noqa: PLC0415
    from potluck.settings import normalise_database_url  # noqa: PLC0415

    with postgres_database(args.pg_admin_url) as url, tempfile.TemporaryDirectory() as var:
        database_url = normalise_database_url(url)
        asyncio.run(upgrade(database_url))
        started = time.monotonic()
        asyncio.run(seed(database_url, args.notes))
        print(
            f"PostgreSQL, {args.notes:,} notes in #surge + {OTHER_NOTES:,} in {OTHER_TOPICS} topics "
            f"(seeded in {time.monotonic() - started:.0f} s; bg cores {background_cores():.1f})"
        )
        results = asyncio.run(measure(Path(var), database_url, args.runs))
    if args.json:
        text = json.dumps({"notes": args.notes, "results": results}, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
