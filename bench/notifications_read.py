"""Notifications with a note of 100,000 likes, on PostgreSQL (issue #5).

Seeds an author whose inbox holds one ``note_like`` group of ``--likers`` people, plus
``--groups`` smaller groups (3 likers each) on other notes, then measures in-process,
through the API (``httpx.ASGITransport``, no network):

- SQL statements and median/p90 time of ``GET /api/v1/notifications`` (first page of 20,
  with the big group on top), ``GET /api/v1/notifications/unread-count``, and one more like
  and its undo on the big group (``POST``/``DELETE /api/v1/notes/{id}/like``);
- the same reads when the big group has only 3 likers: the read must not grow with the
  group (no scan of its people), which is the point.

    .venv/bin/python bench/notifications_read.py               # about a minute
    .venv/bin/python bench/notifications_read.py --likers 100000 --runs 50 --json FILE
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from http_baseline import BIN_DIR, DEFAULT_PG_ADMIN_URL, background_cores, postgres_database, potluck_env

PAGE = 20
AUTHOR_ID = 1_000
FAN_ID = 2_000  # the one who likes during the measurement
FIRST_LIKER = 10_000_000
BIG_NOTE = 20_000_000
OTHER_NOTES = 30_000_000
BIG_GROUP = 40_000_000


async def seed(database_url: str, *, likers: int, groups: int) -> float:
    """COPY the people, notes, groups and group members straight into the tables."""
    import asyncpg  # noqa: PLC0415 - bench-only dependency path

    from potluck.accounts.passwords import hasher  # noqa: PLC0415

    started = time.monotonic()
    now = datetime.now(UTC)
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        password = hasher.hash("bench password")
        people = [(AUTHOR_ID, "author", password), (FAN_ID, "fan", password)]
        people += [(FIRST_LIKER + i, f"liker{i}", "x") for i in range(max(likers, 3 * groups))]
        await connection.copy_records_to_table(
            "user_account",
            columns=[
                "id",
                "username",
                "username_key",
                "display_name",
                "password_hash",
                "bio",
                "languages",
                "is_admin",
                "is_suspended",
                "created_at",
                "updated_at",
            ],
            records=[
                (uid, name, name, name.title(), pw, "", "[]", False, False, now, now)
                for uid, name, pw in people
            ],
        )
        note_ids = [BIG_NOTE] + [OTHER_NOTES + i for i in range(groups)]
        await connection.copy_records_to_table(
            "note",
            columns=[
                "id",
                "author_id",
                "type",
                "title",
                "body",
                "visibility",
                "category",
                "location",
                "published_at",
                "like_count",
                "collect_count",
                "comment_count",
                "view_count",
                "created_at",
                "updated_at",
            ],
            records=[
                (
                    nid,
                    AUTHOR_ID,
                    "image",
                    f"Note {nid % 1000}",
                    "",
                    "public",
                    "food",
                    "",
                    now,
                    likers if nid == BIG_NOTE else 3,
                    0,
                    0,
                    0,
                    now,
                    now,
                )
                for nid in note_ids
            ],
        )
        rows = [(BIG_GROUP, AUTHOR_ID, "note_like", BIG_NOTE, BIG_NOTE, None, "", likers, False, now, now)]
        rows += [
            (
                BIG_GROUP + 1 + i,
                AUTHOR_ID,
                "note_like",
                nid,
                nid,
                None,
                "",
                3,
                i % 2 == 0,
                now,
                now - timedelta(seconds=1 + i),
            )
            for i, nid in enumerate(note_ids[1:])
        ]
        await connection.copy_records_to_table(
            "notification",
            columns=[
                "id",
                "recipient_id",
                "kind",
                "subject_id",
                "note_id",
                "comment_id",
                "snippet",
                "actor_count",
                "is_read",
                "created_at",
                "updated_at",
            ],
            records=rows,
        )
        members = [
            (BIG_GROUP, FIRST_LIKER + i, now - timedelta(microseconds=likers - i)) for i in range(likers)
        ]
        members += [
            (BIG_GROUP + 1 + g, FIRST_LIKER + 3 * g + k, now - timedelta(seconds=1 + g))
            for g in range(groups)
            for k in range(3)
        ]
        await connection.copy_records_to_table(
            "notification_actor", columns=["notification_id", "actor_id", "created_at"], records=members
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return time.monotonic() - started


async def shrink_big_group(database_url: str) -> None:
    """Leave the big group with its 3 newest people, as a small group to compare with."""
    import asyncpg  # noqa: PLC0415

    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(
            "DELETE FROM notification_actor WHERE notification_id = $1 AND actor_id NOT IN "
            "(SELECT actor_id FROM notification_actor WHERE notification_id = $1 "
            "ORDER BY created_at DESC LIMIT 3)",
            BIG_GROUP,
        )
        await connection.execute("UPDATE notification SET actor_count = 3 WHERE id = $1", BIG_GROUP)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def measure(var_dir: Path, database_url: str, runs: int) -> dict[str, dict[str, float]]:
    import httpx  # noqa: PLC0415
    from sqlalchemy import event  # noqa: PLC0415

    from potluck.app import create_app  # noqa: PLC0415
    from potluck.ops.logging import configure_logging  # noqa: PLC0415
    from potluck.runtime import Runtime  # noqa: PLC0415
    from potluck.settings import Settings  # noqa: PLC0415

    settings = Settings(
        var_dir=var_dir,
        database_url=database_url,
        secret_key="bench",
        log_level="WARNING",
        embedded_worker=False,
        rate_limit_react="100000/minute",
    )
    configure_logging("WARNING", "console")
    runtime = Runtime(settings)
    await runtime.start()
    statements: list[str] = []
    event.listen(
        runtime.database.engine.sync_engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: statements.append(statement),
    )
    results: dict[str, dict[str, float]] = {}
    try:
        app = create_app(runtime=runtime)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench"
        ) as client:

            async def logged_in(username: str) -> dict[str, str]:
                response = await client.post(
                    "/api/v1/auth/tokens",
                    json={"username": username, "password": "bench password", "name": "bench"},
                )
                if response.status_code != 201:
                    raise RuntimeError(f"token for {username}: {response.status_code} {response.text[:200]}")
                return {"Authorization": f"Bearer {response.json()['token']}"}

            author, fan = await logged_in("author"), await logged_in("fan")
            first = (await client.get("/api/v1/notifications", headers=author)).json()["items"][0]
            if first["actor_count"] < 3 or first["note"]["id"] != str(BIG_NOTE):
                raise RuntimeError(f"unexpected first line: {first}")
            cases = {
                "list": lambda: client.get("/api/v1/notifications", params={"limit": PAGE}, headers=author),
                "unread": lambda: client.get("/api/v1/notifications/unread-count", headers=author),
                "like": lambda: client.post(f"/api/v1/notes/{BIG_NOTE}/like", headers=fan),
                "unlike": lambda: client.delete(f"/api/v1/notes/{BIG_NOTE}/like", headers=fan),
            }
            for _ in range(3):  # warm up
                for call in cases.values():
                    await call()
            timings: dict[str, list[float]] = {name: [] for name in cases}
            counts: dict[str, int] = {}
            for _ in range(runs):
                for name, call in cases.items():
                    statements.clear()
                    started = time.perf_counter()
                    response = await call()
                    timings[name].append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{name}: {response.status_code} {response.text[:200]}")
                    counts[name] = len(statements)
            for name, values in timings.items():
                values.sort()
                results[name] = {
                    "statements": counts[name],
                    "p50_ms": round(statistics.median(values), 2),
                    "p90_ms": round(values[int(0.9 * (len(values) - 1))], 2),
                }
    finally:
        await runtime.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--likers", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--json", help="write results as JSON to FILE (- for stdout)")
    args = parser.parse_args(argv)
    import subprocess  # noqa: PLC0415

    results: dict[str, Any] = {"likers": args.likers, "groups": args.groups, "runs": args.runs}
    with (
        tempfile.TemporaryDirectory(prefix="notifications-") as tmp,
        postgres_database(args.pg_admin_url) as url,
    ):
        var_dir = Path(tmp)
        database_url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
        env = potluck_env(var_dir, database_url, None)
        subprocess.run([str(BIN_DIR / "potluck"), "db", "upgrade"], env=env, check=True, capture_output=True)
        seconds = asyncio.run(seed(database_url, likers=args.likers, groups=args.groups))
        print(f"seeded a group of {args.likers:,} likers and {args.groups} small groups in {seconds:.1f}s")
        print(f"bg cores busy before the runs: {background_cores():.1f}")
        results["big"] = asyncio.run(measure(var_dir, database_url, args.runs))
        asyncio.run(shrink_big_group(database_url))
        results["small"] = asyncio.run(measure(var_dir, database_url, args.runs))
    print(f"\n{'request':<8} {'group':>8} {'statements':>10} {'p50 ms':>8} {'p90 ms':>8}")
    for size, label in (("big", f"{args.likers:,}"), ("small", "3")):
        for name, row in results[size].items():
            print(f"{name:<8} {label:>8} {row['statements']:>10} {row['p50_ms']:>8} {row['p90_ms']:>8}")
    same = all(results["big"][n]["statements"] == results["small"][n]["statements"] for n in results["big"])
    print("same statements for 3 and " + f"{args.likers:,} likers: " + ("yes" if same else "NO"))
    if args.json:
        text = json.dumps(results, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
