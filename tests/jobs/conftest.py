"""Fixtures for the job queues.

Queues commit in their own transactions and run jobs from other tasks and processes, so
each test gets a database of its own (SQLite in tmp_path, or a fresh PostgreSQL database
when POTLUCK_TEST_DATABASE_URL is set) instead of the shared rolled-back connection.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from potluck.db.base import Base
from potluck.db.engine import Database, create_sessionmaker
from potluck.jobs.interface import JOB_QUEUE_KEY, JobQueue
from potluck.jobs.models import JobRecord
from potluck.settings import Settings, normalise_database_url
from tests.jobs import sample_tasks
from tests.support.databases import create_postgres_database, drop_postgres_database

TEST_DATABASE_URL = os.environ.get("POTLUCK_TEST_DATABASE_URL", "")


async def create_job_database(tmp_path: Path) -> tuple[str, Callable[[], Awaitable[None]]]:
    """A database holding the job table; returns its URL and how to drop it."""
    if TEST_DATABASE_URL:
        url = await create_postgres_database(
            normalise_database_url(TEST_DATABASE_URL), f"potluck_jobs_{secrets.token_hex(4)}"
        )

        async def drop() -> None:
            await drop_postgres_database(url)

    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"

        async def drop() -> None:
            return None

    database = Database(url)
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all, tables=[JobRecord.__table__])
    await database.dispose()
    return url, drop


@pytest.fixture
async def job_database_url(tmp_path: Path) -> AsyncIterator[str]:
    url, drop = await create_job_database(tmp_path)
    yield url
    await drop()


@pytest.fixture
async def job_database(job_database_url: str) -> AsyncIterator[Database]:
    database = Database(job_database_url)
    yield database
    await database.dispose()


def job_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "var_dir": tmp_path / "var",
        "secret_key": "test-secret-key",
        "job_lease_seconds": 3.0,
        "job_timeout_seconds": 5.0,
        "job_max_attempts": 3,
    }
    values.update(overrides)
    return Settings(**values)


def bind_queue(database: Database, queue: JobQueue) -> None:
    """Make ``database``'s sessions stage jobs on ``queue``, as Runtime does."""
    database.sessionmaker = create_sessionmaker(database.engine, info={JOB_QUEUE_KEY: queue})


@pytest.fixture(autouse=True)
def calls() -> Iterator[list[sample_tasks.Call]]:
    sample_tasks.CALLS.clear()
    yield sample_tasks.CALLS
    sample_tasks.CALLS.clear()


async def eventually(condition: Callable[[], Any], *, within: float = 10.0, message: str = "") -> None:
    """Wait until ``condition()`` is truthy (it may be a coroutine function)."""
    deadline = time.monotonic() + within
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(message or f"not true within {within}s")
        await asyncio.sleep(0.05)
