"""Shared fixtures.

Backends: SQLite and in-process components by default; PostgreSQL + Redis (distributed
mode) when POTLUCK_TEST_DATABASE_URL and POTLUCK_TEST_REDIS_URL are set. Each pytest-xdist
worker gets its own database, migrated once with Alembic; each test runs inside a
transaction that is rolled back at the end (the app's commits become savepoint releases).

Tests that need separate processes to see committed data (live servers, workers, the
browser) use ``live_server``, which gets a database of its own.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import redis.asyncio as aioredis
from playwright.async_api import Browser, async_playwright

from potluck.app import create_app
from potluck.cache import redis as redis_cache
from potluck.cache.marks import Marks
from potluck.db.engine import create_sessionmaker
from potluck.migrations.runner import upgrade
from potluck.realtime.embedded import InProcessPubSub
from potluck.runtime import Runtime
from potluck.settings import Mode, Settings, normalise_database_url
from tests.support.databases import create_postgres_database, drop_postgres_database
from tests.support.live import LiveServer, start_live_server

TEST_DATABASE_URL = os.environ.get("POTLUCK_TEST_DATABASE_URL", "")
TEST_REDIS_URL = os.environ.get("POTLUCK_TEST_REDIS_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
DISTRIBUTED = bool(TEST_DATABASE_URL and TEST_REDIS_URL)


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI and bool(TEST_DATABASE_URL) != bool(TEST_REDIS_URL):
        raise pytest.UsageError(
            "CI: set both POTLUCK_TEST_DATABASE_URL and POTLUCK_TEST_REDIS_URL, or neither"
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if TEST_REDIS_URL:
        return
    keep, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("redis") else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    backend = "PostgreSQL + Redis (distributed mode)" if DISTRIBUTED else "SQLite (embedded mode)"
    terminalreporter.section("Potluck test backends", sep="=", bold=True)
    terminalreporter.write_line(f"Ran on {backend}.")
    if not DISTRIBUTED:
        # Printed by the controlling process whatever xdist's workers deselected.
        terminalreporter.write_line(
            "!!! SQLite ONLY: tests marked `redis` were NOT RUN and PostgreSQL was not used. "
            "Set POTLUCK_TEST_DATABASE_URL and POTLUCK_TEST_REDIS_URL "
            "(`make test` does when they answer) !!!",
            red=True,
            bold=True,
        )


def _worker_number(worker_id: str) -> int:
    match = re.search(r"\d+", worker_id)
    return int(match.group()) if match else 0


@pytest.fixture(scope="session")
def worker_number(worker_id: str) -> int:
    return _worker_number(worker_id)


def _redis_database(number: int) -> str:
    if not TEST_REDIS_URL:
        return ""
    base = TEST_REDIS_URL.rsplit("/", 1)[0] if re.search(r"/\d+$", TEST_REDIS_URL) else TEST_REDIS_URL
    return f"{base}/{number}"


@pytest.fixture(scope="session")
def redis_url(worker_number: int) -> str:
    """A Redis database of this xdist worker's own (numbers 1-7), emptied at start."""
    return _redis_database(1 + worker_number % 7)


@pytest.fixture(scope="session")
def live_redis_url(worker_number: int) -> str:
    """Another (8-12) for this worker's live servers: their job queue is theirs alone, so a
    live server's worker never takes jobs that in-process tests sent, nor another's."""
    return _redis_database(8 + worker_number % 5)


@pytest.fixture(scope="session")
async def _flushed_redis(redis_url: str) -> None:
    if redis_url:
        client = aioredis.Redis.from_url(redis_url)
        await client.flushdb()
        await client.aclose()


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> AsyncIterator[str]:
    """This worker's database, migrated from empty with Alembic."""
    if TEST_DATABASE_URL:
        url = await create_postgres_database(
            normalise_database_url(TEST_DATABASE_URL), f"potluck_test_{worker_id}"
        )
    else:
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'potluck.db'}"
    await upgrade(url)
    yield url
    if TEST_DATABASE_URL:
        await drop_postgres_database(url)


def make_settings(var_dir: Path, database_url: str, redis_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "var_dir": var_dir,
        "database_url": database_url,
        "redis_url": redis_url,
        "secret_key": "test-secret-key",
        "base_url": "http://testserver",
        "log_format": "console",
        "embedded_worker": False,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(tmp_path / "var", database_url, redis_url)


@pytest.fixture
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    """A runtime whose sessions all share one connection inside a rolled-back transaction."""
    runtime = Runtime(settings)
    await runtime.start()
    await runtime.rate_limiter.reset()  # Redis keeps counts between tests; each starts afresh
    if runtime.settings.mode is Mode.DISTRIBUTED:  # and cached reads (rolled back since)
        stale = [key async for key in runtime.redis.scan_iter(f"{redis_cache.PREFIX}*")]
        if stale:
            await runtime.redis.delete(*stale)
    connection = await runtime.database.engine.connect()
    transaction = await connection.begin()
    runtime.database.sessionmaker = create_sessionmaker(
        connection, info=runtime.session_info(), join_transaction_mode="create_savepoint"
    )
    try:
        yield runtime
    finally:
        await transaction.rollback()
        await connection.close()
        await runtime.stop()


@pytest.fixture
async def db(runtime: Runtime) -> AsyncIterator[Any]:
    """A session for arranging and checking data directly (same transaction as the app)."""
    async with runtime.database.sessionmaker() as session:
        yield session


class CSRFClient(httpx.AsyncClient):
    """An API client that behaves like our own pages: it echoes the CSRF cookie."""

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if request.method not in {"GET", "HEAD", "OPTIONS"} and "x-csrf-token" not in request.headers:
            token = self.cookies.get("potluck_csrf")
            if token:
                request.headers["X-CSRF-Token"] = token
        return await super().send(request, **kwargs)


@pytest.fixture
def app(runtime: Runtime) -> Any:
    return create_app(runtime=runtime)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with CSRFClient(transport=transport, base_url="http://testserver") as client:
        await client.get("/login")  # collect the CSRF cookie, as a browser does on its first page
        yield client


@pytest.fixture
async def raw_client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client that sends exactly what the test says (no CSRF help)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, live_redis_url: str
) -> Iterator[LiveServer]:
    """A real ``potluck serve`` process with a database of its own; in distributed mode
    with a ``potluck worker`` beside it, as deployed (embedded mode runs jobs in the server)."""
    if live_redis_url:
        client = redis.Redis.from_url(live_redis_url)
        client.flushdb()  # jobs a previous module's server left behind
        client.close()
    server = start_live_server(
        tmp_path_factory.mktemp("live"),
        postgres_base_url=normalise_database_url(TEST_DATABASE_URL) if TEST_DATABASE_URL else "",
        redis_url=live_redis_url,
        name=f"potluck_live_{worker_id}",
        worker=bool(live_redis_url),
    )
    try:
        yield server
    finally:
        server.stop()


CHROMIUM = Path(os.environ.get("POTLUCK_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
async def within_one_minute() -> None:
    """For tests of per-minute rate limits: the limiter's sliding-window counter weighs the
    previous minute by how much of it is still in the window, so a test that straddles a
    minute's turn may get one more attempt through (a flaky failure seen in CI). Such a
    test takes a second or two: one that would start in a minute's last ten seconds waits
    for the next minute instead."""
    into_the_minute = time.time() % 60
    if into_the_minute > 50:
        await asyncio.sleep(60 - into_the_minute + 0.1)


@pytest.fixture
async def marks_board() -> AsyncIterator[Marks]:
    """Change marks on an in-process pub/sub, listening (as in one embedded process)."""
    pubsub = InProcessPubSub()
    await pubsub.start()
    board = Marks(pubsub)
    await board.start()
    yield board
    await board.stop()
    await pubsub.stop()
