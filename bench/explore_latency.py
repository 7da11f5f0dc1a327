"""Explore's request cost at scale, in-process: first and next pages on PostgreSQL.

Seeds a throwaway PostgreSQL database with SQL (generate_series: 100,000 people,
1,000,000 notes with a topic each, 2,000,000 likes, 1,500,000 follows by default), runs
the trending and neighbour jobs, then times ``explore.service.explore_feed`` for a first
page and the next page of random people, one at a time, and counts statements and SQL
time of first pages. Needs a local PostgreSQL that lets ``postgres`` in without a
password; Redis (``--redis``, default 127.0.0.1:6379 database 15, flushed) for the
cache, as deployed.

    .venv/bin/python bench/explore_latency.py                      # about 6 minutes
    .venv/bin/python bench/explore_latency.py --notes 200000 --users 20000 --keep

This is not the lead's 50-client HTTP measurement: it shows what one request costs.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from typing import Any

import asyncpg
from redis.asyncio import Redis
from sqlalchemy import event

from potluck.explore import service, tasks
from potluck.jobs import JobContext
from potluck.kit.viewer import Viewer
from potluck.migrations.runner import upgrade
from potluck.runtime import Runtime
from potluck.settings import load_settings

SERVER = "postgresql://postgres@127.0.0.1:5432"
NAME = "potluck_bench_explore"

SEED = """
insert into user_account (id, username, username_key, display_name, password_hash, bio, is_admin,
  is_suspended, created_at, updated_at, languages)
select g, 'u' || g, 'u' || g, 'User ' || g, 'x', '', false, false, now(), now(),
  case when g % 10 < 7 then '["en"]'::json else '["zh"]'::json end
from generate_series(1, {users}) g;

insert into note (id, author_id, type, title, body, visibility, category, location, published_at,
  like_count, collect_count, comment_count, view_count, created_at, updated_at)
select {base} + g, 1 + (g::bigint * 7919) % {users}, 'image', 'n' || g, '',
  case when g % 50 = 0 then 'followers' else 'public' end,
  (array['food','travel','beauty','fashion','home','fitness','pets','parenting','study','other'])[1 + g % 10],
  '', now() - (({notes} - g) * interval '1 second' * (30 * 86400.0 / {notes})),
  (random() * random() * 200)::int, (random() * random() * 40)::int, (random() * 10)::int, 0, now(), now()
from generate_series(1, {notes}) g;

insert into hashtag (id, name, key, note_count, created_at)
select g, 't' || g, 't' || g, {notes} / 500, now() from generate_series(1, 500) g;

insert into note_hashtag (note_id, hashtag_id, position)
select {base} + g, 1 + (g % 10) * 50 + (g / 10) % 50, 0 from generate_series(1, {notes}) g;

insert into note_like (user_id, note_id, created_at)
select distinct on (u, n) u, n, now() - random() * interval '30 days' from (
  select 1 + (random() * ({users} - 1))::int as u,
         {base} + 1 + (({notes} - 1) * (1 - random() * random() * 0.3))::int as n
  from generate_series(1, {likes})
) picked;

insert into follow (follower_id, followee_id, created_at)
select distinct on (a, b) a, b, now() - random() * interval '100 days' from (
  select 1 + (random() * ({users} - 1))::int as a, 1 + (random() * ({users} - 1))::int as b
  from generate_series(1, {follows})
) picked where a <> b;

analyze;
"""


async def seed(url_dsn: str, **sizes: int) -> None:
    server = await asyncpg.connect(f"{SERVER}/postgres")
    await server.execute(f"drop database if exists {NAME}")
    await server.execute(f"create database {NAME}")
    await server.close()
    await upgrade(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{NAME}")
    connection = await asyncpg.connect(url_dsn)
    await connection.execute(SEED.format(base=1_000_000_000, **sizes))
    await connection.close()


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(ordered):6.1f} | {p90:6.1f} | {ordered[-1]:6.1f}"


async def measure(people: int, users: int, redis_url: str) -> None:
    settings = load_settings(
        database_url=f"postgresql://postgres@127.0.0.1:5432/{NAME}",
        redis_url=redis_url,
        var_dir="var/bench-explore",
        log_level="WARNING",
    )
    redis = Redis.from_url(settings.redis_url)
    await redis.flushdb()
    await redis.aclose()
    runtime = Runtime(settings)
    await runtime.start()
    context = JobContext(
        job_id=0, name="bench", attempt=1, database=runtime.database, resources=runtime.resources
    )
    for name, job in (("trending", tasks.refresh_trending), ("neighbours", tasks.refresh_neighbours)):
        started = time.perf_counter()
        await job(context)
        print(f"job {name}: {time.perf_counter() - started:.1f} s")

    sql: list[float] = []
    starts: dict[int, float] = {}

    def before(_conn: Any, _cursor: Any, _statement: Any, _params: Any, context: Any, _many: Any) -> None:
        starts[id(context)] = time.perf_counter()

    def after(_conn: Any, _cursor: Any, _statement: Any, _params: Any, context: Any, _many: Any) -> None:
        sql.append((time.perf_counter() - starts.pop(id(context))) * 1000)

    event.listen(runtime.database.engine.sync_engine, "before_cursor_execute", before)
    event.listen(runtime.database.engine.sync_engine, "after_cursor_execute", after)
    rng = random.Random(1)
    first: list[float] = []
    following: list[float] = []
    statements: list[int] = []
    sql_per_page: list[float] = []
    for number in range(people + 10):
        viewer = Viewer(id=rng.randint(1, users))
        sql.clear()
        started = time.perf_counter()
        async with runtime.database.session() as session:
            feed = await service.explore_feed(session, viewer=viewer, cursor=None, limit=20)
        elapsed = (time.perf_counter() - started) * 1000
        page_statements, page_sql = len(sql), sum(sql)
        started = time.perf_counter()
        async with runtime.database.session() as session:
            await service.explore_feed(session, viewer=viewer, cursor=feed.next_cursor, limit=20)
        if number >= 10:  # warm-up: prepared statements, caches
            first.append(elapsed)
            following.append((time.perf_counter() - started) * 1000)
            statements.append(page_statements)
            sql_per_page.append(page_sql)
    await runtime.stop()
    print()
    print(f"| {people} people, one at a time | p50 ms | p90 ms | max ms |")
    print("|---|---:|---:|---:|")
    print(f"| first page (20 cards) | {percentiles(first)} |")
    print(f"| next page | {percentiles(following)} |")
    print()
    print(
        f"first page: {statistics.fmean(statements):.1f} statements, "
        f"{statistics.fmean(sql_per_page):.1f} ms of SQL on average"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--likes", type=int, default=2_000_000)
    parser.add_argument("--follows", type=int, default=1_500_000)
    parser.add_argument("--people", type=int, default=50, help="how many people to time")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="flushed at start")
    args = parser.parse_args()
    dsn = f"{SERVER}/{NAME}"
    started = time.perf_counter()
    await seed(dsn, users=args.users, notes=args.notes, likes=args.likes, follows=args.follows)
    print(f"seeded in {time.perf_counter() - started:.0f} s")
    try:
        await measure(args.people, args.users, args.redis)
    finally:
        if not args.keep:
            server = await asyncpg.connect(f"{SERVER}/postgres")
            await server.execute(f"drop database if exists {NAME}")
            await server.close()


if __name__ == "__main__":
    asyncio.run(main())
