"""The Redis (arq) job queue. Needs Redis: POTLUCK_TEST_REDIS_URL."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis
from arq.worker import Worker
from redis.exceptions import ConnectionError as RedisConnectionError

from potluck.db.engine import Database
from potluck.db.session import commit, rollback, unit_of_work
from potluck.jobs import enqueue_job
from potluck.jobs.redis import DEFAULT_QUEUE_NAME, RedisJobQueue
from potluck.jobs.registry import JobRegistry
from potluck.kit.time import utcnow
from tests.jobs import sample_tasks
from tests.jobs.conftest import bind_queue, eventually, job_settings

pytestmark = [
    pytest.mark.redis,
    # arq's Worker.close() still calls redis-py's deprecated close().
    pytest.mark.filterwarnings("ignore:Call to deprecated close:DeprecationWarning"),
]
WORKER_COMMAND = "import tests.jobs.sample_tasks; from potluck.cli import main; main()"

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def make_queue(
    tmp_path: Path, job_database: Database, redis_url: str, redis_client: aioredis.Redis
) -> AsyncIterator[Any]:
    """Build queues on a queue name of this test's own; stop them and clear its keys after."""
    queue_name = f"potluck-test:{secrets.token_hex(6)}"
    made: list[RedisJobQueue] = []

    def make(registry: JobRegistry | None = None, **options: Any) -> RedisJobQueue:
        queue = RedisJobQueue(
            job_database,
            job_settings(tmp_path, redis_url=redis_url),
            registry=registry or sample_tasks.register(JobRegistry()),
            queue_name=queue_name,
            **options,
        )
        bind_queue(job_database, queue)
        made.append(queue)
        return queue

    yield make
    for queue in made:
        await queue.stop()
    async for key in redis_client.scan_iter(match=f"{queue_name}*"):
        await redis_client.delete(key)


async def enqueue(database: Database, name: str, **payload: Any) -> None:
    async with unit_of_work(database.sessionmaker) as session:
        enqueue_job(session, name, **payload)


async def test_committed_job_runs_with_its_payload(job_database, make_queue, calls):
    await make_queue().start_worker()

    await enqueue(job_database, "tests.record", note_id="42", tags=["a"])

    await eventually(lambda: calls, within=10, message="the job did not run")
    assert [(call.name, call.attempt, call.payload) for call in calls] == [
        ("tests.record", 1, {"note_id": "42", "tags": ["a"]})
    ]


async def test_rolled_back_jobs_are_never_sent(job_database, make_queue, redis_client, calls):
    queue = make_queue()
    with pytest.raises(RuntimeError):
        await enqueue_then_fail(job_database)
    async with job_database.sessionmaker() as session:
        enqueue_job(session, "tests.record", which="rolled back explicitly")
        await rollback(session)
        enqueue_job(session, "tests.record", which="committed")
        await commit(session)
    await queue.start_worker()

    await eventually(lambda: calls, within=10)
    await eventually(_queue_empty(redis_client, queue), within=10)
    assert [call.payload["which"] for call in calls] == ["committed"]


def _queue_empty(client: aioredis.Redis, queue: RedisJobQueue) -> Any:
    async def check() -> bool:
        return await client.zcard(queue.queue_name) == 0

    return check


async def enqueue_then_fail(database: Database) -> None:
    async with unit_of_work(database.sessionmaker) as session:
        enqueue_job(session, "tests.record", which="rolled back by an error")
        raise RuntimeError("the request failed")


async def test_payloads_travel_as_json_and_must_be_json(job_database, make_queue, redis_client):
    make_queue()
    async with unit_of_work(job_database.sessionmaker) as session:
        request = enqueue_job(session, "tests.record", delay=timedelta(minutes=5), note_id="7")
        with pytest.raises(TypeError):
            enqueue_job(session, "tests.record", when=utcnow())

    stored = json.loads(await redis_client.get(f"arq:job:{request.id}"))
    assert (stored["f"], stored["k"]) == ("tests.record", {"note_id": "7"})
    await redis_client.delete(f"arq:job:{request.id}")


async def test_failing_job_is_retried_then_given_up(job_database, make_queue, redis_client, calls):
    registry = sample_tasks.register(JobRegistry(), max_attempts=2)
    queue = make_queue(registry, retry_base_seconds=0.2)
    await queue.start_worker()

    await enqueue(job_database, "tests.fail")

    await eventually(lambda: len(calls) >= 2, within=10)
    await eventually(_queue_empty(redis_client, queue), within=10)
    assert [call.attempt for call in calls] == [1, 2]


async def test_job_past_its_timeout_is_cut_off_and_retried(job_database, make_queue, redis_client, calls):
    registry = sample_tasks.register(JobRegistry(), timeout_seconds=0.3, max_attempts=2)
    queue = make_queue(registry, retry_base_seconds=0.2)
    await queue.start_worker()

    await enqueue(job_database, "tests.sleep", seconds=30)

    await eventually(lambda: len(calls) >= 2, within=10)
    await eventually(_queue_empty(redis_client, queue), within=10)
    assert [(call.attempt, call.payload) for call in calls] == [(1, {"seconds": 30}), (2, {"seconds": 30})]


async def test_stop_hands_running_jobs_back(job_database, tmp_path, make_queue):
    first = make_queue(stop_grace_seconds=0.1)
    await first.start_worker()
    await enqueue(job_database, "tests.hang_on_first_attempt", marker_dir=str(tmp_path))
    await eventually((tmp_path / "started-1").exists, within=10)

    await first.stop()
    await make_queue().start_worker()

    await eventually((tmp_path / "finished").exists, within=10, message="the interrupted job was lost")


async def test_periodic_job_fires_repeatedly_and_once_per_slot(make_queue, calls):
    registry = sample_tasks.register(JobRegistry())
    registry.add_periodic("tests.record", every=timedelta(seconds=1), source="schedule")
    queues = [make_queue(registry) for _ in range(2)]

    now = utcnow()
    assert [await queue.enqueue_periodic(now) for queue in queues] == [1, 0]

    started = time.monotonic()
    for queue in queues:
        await queue.start_worker()
    await eventually(lambda: len(calls) >= 3, within=10, message="the schedule did not fire repeatedly")
    for queue in queues:
        await queue.stop()
    elapsed = time.monotonic() - started

    # The slot queued by hand plus one per second at most; two schedulers each firing
    # every slot would run about twice as many.
    assert len(calls) <= elapsed + 3
    assert {call.payload["source"] for call in calls} == {"schedule"}


async def test_worker_that_dies_is_replaced(job_database, make_queue, calls, monkeypatch):
    crashed: list[Worker] = []
    poll = Worker._poll_iteration

    async def lose_redis_once(worker: Worker) -> None:
        if not crashed:
            crashed.append(worker)
            raise RedisConnectionError("Redis went away")
        await poll(worker)

    monkeypatch.setattr(Worker, "_poll_iteration", lose_redis_once)
    await make_queue().start_worker()
    await enqueue(job_database, "tests.record")

    await eventually(lambda: calls, within=15, message="no worker ran the job after the first one died")
    assert crashed


async def test_ping(make_queue):
    await make_queue().ping()


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-c", WORKER_COMMAND, "worker"],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def test_job_of_a_sigkilled_worker_runs_again_on_another(
    tmp_path, job_database, database_url, redis_url
):
    """At-least-once: the job a worker was killed in the middle of is run by the next worker."""
    markers = tmp_path / "markers"
    markers.mkdir()
    log = tmp_path / "workers.log"
    env = {
        **os.environ,
        "POTLUCK_REDIS_URL": redis_url,
        "POTLUCK_DATABASE_URL": database_url,
        "POTLUCK_VAR_DIR": str(tmp_path / "var"),
        "POTLUCK_SECRET_KEY": "test-secret-key",
        "POTLUCK_JOB_TIMEOUT_SECONDS": "3",
        "POTLUCK_LOG_FORMAT": "console",
    }
    # The CLI worker consumes the default queue of this test worker's own Redis database.
    queue = RedisJobQueue(
        job_database,
        job_settings(tmp_path, redis_url=redis_url),
        registry=sample_tasks.register(JobRegistry()),
        queue_name=DEFAULT_QUEUE_NAME,
    )
    bind_queue(job_database, queue)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        workers.append(_start_worker(env, log))
        await enqueue(job_database, "tests.hang_on_first_attempt", marker_dir=str(markers))
        await eventually(
            (markers / "started-1").exists,
            within=20,
            message=f"the first worker never started the job:\n{_tail(log)}",
        )
        assert (markers / "started-1").read_text() == str(workers[0].pid)

        os.kill(workers[0].pid, signal.SIGKILL)
        workers[0].wait()
        workers.append(_start_worker(env, log))

        await eventually(
            (markers / "finished").exists,
            within=30,
            message=f"the job was lost with its worker:\n{_tail(log)}",
        )
        assert (markers / "finished").read_text() == str(workers[1].pid)
    finally:
        for process in workers:
            _stop(process)
        await queue.stop()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
