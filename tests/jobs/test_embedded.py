"""The embedded (database-backed) job queue."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from potluck.db.engine import Database
from potluck.db.session import commit, rollback, unit_of_work
from potluck.jobs import enqueue_job
from potluck.jobs.embedded import EmbeddedJobQueue, retry_delay
from potluck.jobs.models import JobRecord, JobState
from potluck.jobs.registry import JobRegistry
from potluck.kit.ids import new_id
from potluck.kit.time import utcnow
from tests.jobs import sample_tasks
from tests.jobs.conftest import bind_queue, eventually, job_settings


@pytest.fixture
async def open_database(job_database_url: str) -> AsyncIterator[Any]:
    """Another process's view of the test database: a Database of its own."""
    opened: list[Database] = []

    def open_() -> Database:
        opened.append(Database(job_database_url))
        return opened[-1]

    yield open_
    for database in opened:
        await database.dispose()


@pytest.fixture
async def make_queue(tmp_path: Path, job_database: Database, open_database: Any) -> AsyncIterator[Any]:
    """Build queues; they are stopped before any database is disposed."""
    made: list[EmbeddedJobQueue] = []

    def make(
        database: Database,
        registry: JobRegistry | None = None,
        settings: dict[str, Any] | None = None,
        **options: Any,
    ) -> EmbeddedJobQueue:
        queue = EmbeddedJobQueue(
            database,
            job_settings(tmp_path, **(settings or {})),
            registry=registry or sample_tasks.register(JobRegistry()),
            **options,
        )
        bind_queue(database, queue)
        made.append(queue)
        return queue

    yield make
    for queue in made:
        await queue.stop()


async def enqueue(database: Database, name: str, **payload: Any) -> None:
    async with unit_of_work(database.sessionmaker) as session:
        enqueue_job(session, name, **payload)


async def job_rows(database: Database) -> list[JobRecord]:
    async with database.sessionmaker() as session:
        return list((await session.scalars(select(JobRecord).order_by(JobRecord.id))).all())


async def test_committed_job_runs_with_its_payload(job_database, make_queue, calls):
    queue = make_queue(job_database)
    await queue.start_worker()

    await enqueue(job_database, "tests.record", note_id="42", tags=["a"])

    await eventually(lambda: calls, within=5, message="the job did not run")
    assert [(call.name, call.attempt, call.payload) for call in calls] == [
        ("tests.record", 1, {"note_id": "42", "tags": ["a"]})
    ]
    await eventually(lambda: _states(job_database, {JobState.DONE}))


async def _states(database: Database, expected: set[JobState]) -> bool:
    return {row.state for row in await job_rows(database)} == {state.value for state in expected}


async def test_rolled_back_job_never_runs(job_database, make_queue, calls):
    queue = make_queue(job_database)
    with pytest.raises(RuntimeError):
        await enqueue_then_fail(job_database)
    # A session that rolled back and carries on must not resurrect the dropped job.
    async with job_database.sessionmaker() as session:
        enqueue_job(session, "tests.record", which="rolled back explicitly")
        await rollback(session)
        enqueue_job(session, "tests.record", which="committed")
        await commit(session)

    assert await queue.run_until_idle() == 1
    assert [call.payload["which"] for call in calls] == ["committed"]


async def enqueue_then_fail(database: Database) -> None:
    async with unit_of_work(database.sessionmaker) as session:
        enqueue_job(session, "tests.record", which="rolled back by an error")
        raise RuntimeError("the request failed")


async def test_unknown_job_name_is_refused_at_enqueue(job_database, make_queue):
    make_queue(job_database)
    async with job_database.sessionmaker() as session:
        with pytest.raises(LookupError, match="no-such-job"):
            enqueue_job(session, "no-such-job")


async def test_delay_is_honoured(job_database, make_queue, calls):
    queue = make_queue(job_database)
    async with unit_of_work(job_database.sessionmaker) as session:
        enqueue_job(session, "tests.record", delay=timedelta(seconds=1))

    assert await queue.run_until_idle() == 0
    await queue.start_worker()
    await eventually(lambda: calls, within=5, message="the delayed job never ran")


async def test_failing_job_backs_off_then_fails_with_its_error(job_database, make_queue, calls):
    registry = sample_tasks.register(JobRegistry(), max_attempts=3)
    queue = make_queue(job_database, registry, retry_base_seconds=0.5)
    await enqueue(job_database, "tests.fail")

    assert await queue.run_until_idle() == 1
    assert await queue.run_until_idle() == 0, "a failed job must wait for its backoff"

    async def finished() -> bool:
        await queue.run_until_idle()
        return await _states(job_database, {JobState.FAILED})

    await eventually(finished, within=10, message="the job did not end failed")
    assert [call.attempt for call in calls] == [1, 2, 3]
    [row] = await job_rows(job_database)
    assert row.attempts == 3
    assert "failing on purpose, attempt 3" in (row.last_error or "")


def test_backoff_doubles_and_is_capped():
    assert [retry_delay(attempt, 5).total_seconds() for attempt in (1, 2, 3)] == [5, 10, 20]
    assert retry_delay(30, 5) == timedelta(hours=1)


async def test_job_past_its_timeout_fails(job_database, make_queue, calls):
    registry = sample_tasks.register(JobRegistry(), timeout_seconds=0.2, max_attempts=1)
    queue = make_queue(job_database, registry)
    await enqueue(job_database, "tests.sleep", seconds=30)

    assert await queue.run_until_idle() == 1
    [row] = await job_rows(job_database)
    assert row.state == JobState.FAILED
    assert "timed out after 0.2s" in (row.last_error or "")


async def test_row_with_unknown_job_name_fails_without_stopping_the_runner(job_database, make_queue, calls):
    queue = make_queue(job_database)
    await insert_row(job_database, name="removed.in.this.version")
    await enqueue(job_database, "tests.record")
    await queue.start_worker()

    await eventually(lambda: calls, within=5, message="the runner stopped at the unknown job")

    async def unknown_row_failed() -> bool:
        rows = {row.name: row for row in await job_rows(job_database)}
        return rows["removed.in.this.version"].state == JobState.FAILED

    # The two rows run concurrently, so the known job may finish first.
    await eventually(unknown_row_failed, within=5, message="the unknown job was not marked failed")
    rows = {row.name: row for row in await job_rows(job_database)}
    assert "removed.in.this.version" in (rows["removed.in.this.version"].last_error or "")


async def insert_row(database: Database, **values: Any) -> int:
    row = JobRecord(id=new_id(), payload={}, state=JobState.QUEUED.value, run_at=utcnow(), max_attempts=3)
    for key, value in values.items():
        setattr(row, key, value)
    async with database.sessionmaker() as session:
        session.add(row)
        await session.commit()
    return row.id


async def test_jobs_committed_before_a_restart_run_after_it(open_database, make_queue, calls):
    before = open_database()
    make_queue(before)
    await enqueue(before, "tests.record", survived="yes")
    await before.dispose()  # the process goes away without running anything

    await make_queue(open_database()).start_worker()
    await eventually(lambda: calls, within=5, message="the job was lost in the restart")
    assert calls[0].payload == {"survived": "yes"}


async def test_job_of_a_dead_runner_is_picked_up_once_its_lease_lapses(job_database, make_queue, calls):
    queue = make_queue(job_database)
    lapsed = await insert_row(
        job_database,
        name="tests.record",
        state=JobState.RUNNING.value,
        attempts=1,
        locked_by="dead-host:1",
        locked_until=utcnow() - timedelta(seconds=1),
    )
    await insert_row(
        job_database,
        name="tests.record",
        state=JobState.RUNNING.value,
        attempts=1,
        locked_by="live-host:1",
        locked_until=utcnow() + timedelta(minutes=5),
    )

    assert await queue.run_until_idle() == 1
    assert [(call.job_id, call.attempt) for call in calls] == [(lapsed, 2)]


async def test_running_job_keeps_its_lease(open_database, make_queue, calls):
    """Another runner polling the whole time must not take over a job whose lease is renewed."""
    runner, poller = open_database(), open_database()
    short_lease = {"job_lease_seconds": 0.6}
    await make_queue(runner, settings=short_lease).start_worker()
    other = make_queue(poller, settings=short_lease)
    await enqueue(runner, "tests.sleep", seconds=2)

    async def woke() -> bool:
        await other.run_until_idle()
        return any(call.payload == {"woke": True} for call in calls)

    await eventually(woke, within=10)
    assert [call.payload for call in calls] == [{"seconds": 2}, {"woke": True}]


async def test_stop_hands_running_jobs_back(job_database, tmp_path, make_queue):
    queue = make_queue(job_database, stop_grace_seconds=0.1)
    await queue.start_worker()
    await enqueue(job_database, "tests.hang_on_first_attempt", marker_dir=str(tmp_path))
    await eventually((tmp_path / "started-1").exists, within=5)

    await queue.stop()

    successor = make_queue(job_database)
    assert await successor.run_until_idle() == 1
    assert (tmp_path / "finished").exists()


async def test_periodic_job_fires_once_per_slot_across_processes(open_database, make_queue, calls):
    registry = sample_tasks.register(JobRegistry())
    registry.add_periodic("tests.record", every=timedelta(seconds=1), source="schedule")
    queues = [make_queue(open_database(), registry) for _ in range(2)]
    for queue in queues:
        await queue.start_worker()
    await eventually(lambda: len(calls) >= 3, within=10, message="the schedule did not fire repeatedly")
    for queue in queues:
        await queue.stop()

    slots = {row.id: row.dedupe_key for row in await job_rows(queues[0].database)}
    fired = [slots[call.job_id] for call in calls]
    assert len(fired) == len(set(fired)), f"a slot ran twice: {fired}"
    assert all(key and key.startswith("periodic:tests.record:") for key in fired)
    assert {call.payload["source"] for call in calls} == {"schedule"}


async def test_prune_deletes_only_old_successful_jobs(job_database, make_queue):
    queue = make_queue(job_database)
    long_ago = utcnow() - timedelta(days=2)
    await insert_row(job_database, name="old.done", state=JobState.DONE.value, finished_at=long_ago)
    await insert_row(job_database, name="old.failed", state=JobState.FAILED.value, finished_at=long_ago)
    await insert_row(job_database, name="new.done", state=JobState.DONE.value, finished_at=utcnow())

    assert await queue.prune() == 1
    assert {row.name for row in await job_rows(job_database)} == {"old.failed", "new.done"}


async def test_ping(job_database, make_queue):
    await make_queue(job_database).ping()
