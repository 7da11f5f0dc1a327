"""The distributed job queue: arq on Redis, for any number of web and worker processes.

Delivery is at least once. arq keeps a job in its queue (a sorted set) until a worker
finishes it; while it runs, an "in progress" key with a time-to-live stops other workers
from starting it. If the worker dies (SIGKILL, OOM, a lost machine), nothing deletes that
key, it expires, and the next worker to poll runs the job again. **Jobs may therefore run
more than once** (and, if a worker stalls past the key's lifetime, twice at the same time):
write them to be idempotent, e.g. check the state they are about to change.

Jobs are sent to Redis only after the enqueuing transaction commits, and dropped if it
rolls back. A crash between the commit and the send loses the job; work that must never
be lost should also be recoverable from database state.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.constants import in_progress_key_prefix
from arq.worker import Function, Retry, Worker, func
from redis.asyncio.retry import Retry as RedisRetry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.engine import Database
from potluck.db.session import AFTER_COMMIT_KEY, after_commit
from potluck.jobs.embedded import periodic_slot, retry_delay
from potluck.jobs.interface import JobContext, JobRequest
from potluck.jobs.registry import JobDefinition, JobRegistry
from potluck.jobs.registry import registry as default_registry
from potluck.kit.time import utcnow
from potluck.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_QUEUE_NAME = "potluck:jobs"
STAGED_KEY = "potluck.jobs.redis.staged"
# Our own timeout fires first and turns into a retry; arq's, this much later, is a backstop.
ARQ_TIMEOUT_BACKSTOP_SECONDS = 1.0
# arq lets the in-progress key outlive the job timeout by 10 s. It only has to cover the
# moments between arq's timeout and its bookkeeping, and it is also how long a killed
# worker's job waits to be retried, so we keep it shorter.
IN_PROGRESS_MARGIN_SECONDS = 3.0
# A failed job's error stays this long for inspection with arq's tools.
KEEP_RESULT_SECONDS = 3600
REDIS_RETRIES = 5
WORKER_RESTART_SECONDS = 2.0
PING_TIMEOUT_SECONDS = 3.0


def _json_default(value: object) -> str:
    # Only results carry exceptions (a failed job's); payloads must be plain JSON.
    if isinstance(value, BaseException):
        return repr(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def serialize(data: dict[str, Any]) -> bytes:
    return json.dumps(data, default=_json_default).encode()


def deserialize(raw: bytes) -> dict[str, Any]:
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise TypeError("an arq job or result is a JSON object")
    return data


@dataclasses.dataclass(eq=False)
class _StagedJobs:
    """The jobs one transaction queued, sent together by one after-commit callback."""

    queue: RedisJobQueue
    requests: list[JobRequest] = dataclasses.field(default_factory=list)

    async def send(self) -> None:
        await self.queue.send(self.requests)


class RedisJobQueue:
    """Jobs in Redis through arq; ``start_worker`` runs an arq worker in this process.

    ``queue_name`` separates deployments (and test runs) sharing one Redis database.
    """

    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        registry: JobRegistry = default_registry,
        queue_name: str = DEFAULT_QUEUE_NAME,
        concurrency: int = 10,
        retry_base_seconds: float = 5.0,
        stop_grace_seconds: float = 5.0,
        resources: Mapping[str, Any] | None = None,
    ) -> None:
        self.database = database
        self.resources: Mapping[str, Any] = resources if resources is not None else {}
        self.settings = settings
        self.registry = registry
        self.queue_name = queue_name
        self.concurrency = concurrency
        self.retry_base_seconds = retry_base_seconds
        self.stop_grace_seconds = stop_grace_seconds
        # Retry dropped connections and brief outages inside each command, so a Redis
        # restart neither loses a job being sent after commit nor kills the worker.
        self.redis_settings = dataclasses.replace(
            RedisSettings.from_dsn(settings.redis_url),
            retry=RedisRetry(ExponentialBackoff(cap=2.0, base=0.1), REDIS_RETRIES),
            retry_on_error=[RedisConnectionError, RedisTimeoutError],
        )
        self._pool: ArqRedis | None = None
        self._pool_lock = asyncio.Lock()
        self._worker: Worker | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._scheduler_task: asyncio.Task[None] | None = None

    # -- enqueueing ------------------------------------------------------------------

    def stage(self, session: AsyncSession, request: JobRequest) -> None:
        self.registry.get(request.name)  # an unknown name fails here, at the call site
        json.dumps(request.payload)  # so does a payload that is not JSON, rather than the send
        staged: _StagedJobs | None = session.info.get(STAGED_KEY)
        # A rollback drops the callback but not session.info: start afresh if ours is gone.
        if staged is None or staged.send not in session.info.get(AFTER_COMMIT_KEY, ()):
            staged = _StagedJobs(self)
            session.info[STAGED_KEY] = staged
            after_commit(session, staged.send)
        staged.requests.append(request)

    async def send(self, requests: Sequence[JobRequest]) -> None:
        """Put ``requests`` on the queue now. Callers inside a transaction use ``stage``."""
        pool = await self._connection()
        for request in requests:
            await pool.enqueue_job(
                request.name,
                _job_id=str(request.id),
                _queue_name=self.queue_name,
                _defer_by=request.delay,
                **request.payload,
            )

    async def enqueue_periodic(self, now: datetime | None = None) -> int:
        """Queue the current slot of every periodic job unless some process already did."""
        now = now or utcnow()
        pool = await self._connection()
        queued = 0
        for definition in self.registry.periodic.values():
            slot, _ = periodic_slot(definition, now)
            claim = f"{self.queue_name}:periodic:{definition.job_name}:{slot}"
            # The claim outlives the slot, so a worker that starts late cannot claim it again.
            lifetime = math.ceil(definition.every.total_seconds()) + 60
            if await pool.set(claim, b"1", nx=True, ex=lifetime):
                try:
                    await self.send([JobRequest(name=definition.job_name, payload=dict(definition.payload))])
                except BaseException:
                    await pool.delete(claim)  # let the next pass, here or elsewhere, try again
                    raise
                queued += 1
        return queued

    async def ping(self) -> None:
        # Readiness probes want a prompt answer, not our patient connection retries.
        async with asyncio.timeout(PING_TIMEOUT_SECONDS):
            pool = await self._connection()
            await pool.ping()

    async def _connection(self) -> ArqRedis:
        async with self._pool_lock:
            if self._pool is None:
                self._pool = await self._create_pool()
            return self._pool

    async def _create_pool(self) -> ArqRedis:
        return await create_pool(
            self.redis_settings,
            job_serializer=serialize,
            job_deserializer=deserialize,
            default_queue_name=self.queue_name,
        )

    # -- running -----------------------------------------------------------------------

    async def start_worker(self) -> None:
        if self._supervisor is not None:
            return
        functions = [self._arq_function(definition) for definition in self.registry.jobs.values()]
        if not functions:
            logger.warning("no jobs are registered; not starting a worker")
            return
        self._supervisor = asyncio.create_task(self._supervise(functions), name="potluck-arq-worker")
        if self.registry.periodic:
            self._scheduler_task = asyncio.create_task(self._schedule_loop(), name="potluck-jobs-scheduler")

    async def _supervise(self, functions: list[Function]) -> None:
        """Run an arq worker, and a fresh one whenever it dies.

        arq's worker ends on the first Redis error its loop sees (after the client's own
        retries); as a standalone process it would exit and be restarted by the process
        manager, but inside ours nobody would notice.
        """
        while True:
            worker = self._new_worker(functions)
            self._worker = worker
            try:
                await worker.async_run()
            except Exception:
                logger.exception("the arq worker failed; starting another in %gs", WORKER_RESTART_SECONDS)
            self._worker = None
            try:
                await worker.close()  # its jobs go back on the queue
            except Exception:
                logger.exception("closing the failed arq worker failed")
            await asyncio.sleep(WORKER_RESTART_SECONDS)

    def _new_worker(self, functions: list[Function]) -> Worker:
        worker = Worker(
            functions,
            queue_name=self.queue_name,
            redis_settings=self.redis_settings,
            handle_signals=False,  # the process (CLI or web server) owns signals and calls stop()
            max_jobs=self.concurrency,
            job_timeout=self.settings.job_timeout_seconds + ARQ_TIMEOUT_BACKSTOP_SECONDS,
            max_tries=self.settings.job_max_attempts,
            keep_result=KEEP_RESULT_SECONDS,
            job_serializer=serialize,
            job_deserializer=deserialize,
        )
        longest = max(function.timeout_s or 0.0 for function in functions)
        worker.in_progress_timeout_s = longest + IN_PROGRESS_MARGIN_SECONDS
        return worker

    def _arq_function(self, definition: JobDefinition) -> Function:
        timeout = definition.timeout_seconds or self.settings.job_timeout_seconds
        max_attempts = definition.max_attempts or self.settings.job_max_attempts
        in_progress_ms = int((timeout + ARQ_TIMEOUT_BACKSTOP_SECONDS + IN_PROGRESS_MARGIN_SECONDS) * 1000)

        async def run(ctx: dict[Any, Any], *_args: Any, **payload: Any) -> None:
            # arq's calling convention allows positional arguments; we only ever send keywords.
            # arq counts every start, including those whose worker died, so this is the
            # attempt number the job sees.
            attempt = int(ctx["job_try"])
            # arq gives every job the in-progress lifetime of the slowest function; shorten
            # it to this job's own, so a killed worker's short job is retried promptly.
            try:
                await ctx["redis"].pexpire(in_progress_key_prefix + ctx["job_id"], in_progress_ms)
            except RedisError:
                logger.warning("could not shorten the in-progress lifetime of job %s", ctx["job_id"])
            context = JobContext(
                job_id=int(ctx["job_id"]),
                name=definition.name,
                attempt=attempt,
                database=self.database,
                resources=self.resources,
            )
            try:
                async with asyncio.timeout(timeout):
                    await definition.function(context, **payload)
            except Exception as exc:
                # arq retries only on Retry; any other exception ends the job for good.
                if attempt >= max_attempts:
                    raise
                delay = retry_delay(attempt, self.retry_base_seconds)
                logger.warning(
                    "job %s %s failed (attempt %d), retrying in %gs",
                    definition.name,
                    ctx["job_id"],
                    attempt,
                    delay.total_seconds(),
                    exc_info=exc,
                )
                raise Retry(defer=delay) from exc

        return func(
            run,
            name=definition.name,
            timeout=timeout + ARQ_TIMEOUT_BACKSTOP_SECONDS,
            max_tries=max_attempts,
        )

    async def _schedule_loop(self) -> None:
        while True:
            try:
                await self.enqueue_periodic()
            except Exception:
                logger.exception("scheduling periodic jobs failed")
            await asyncio.sleep(self._seconds_to_next_slot())

    def _seconds_to_next_slot(self) -> float:
        now = utcnow().timestamp()
        wait = 1.0
        for definition in self.registry.periodic.values():
            every = definition.every.total_seconds()
            wait = min(wait, every - now % every + 0.01)
        return wait

    async def stop(self) -> None:
        if self._scheduler_task is not None:
            self._scheduler_task.cancel()
            await asyncio.wait([self._scheduler_task])
            self._scheduler_task = None
        if self._supervisor is not None:
            if self._worker is not None:
                await self._stop_worker(self._worker)
            # Also covers a worker stopped before its main loop got going, which close() misses.
            self._supervisor.cancel()
            await asyncio.wait([self._supervisor])
            self._supervisor = self._worker = None
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

    async def _stop_worker(self, worker: Worker) -> None:
        worker.allow_pick_jobs = False
        running = [task for task in worker.tasks.values() if not task.done()]
        if running:
            await asyncio.wait(running, timeout=self.stop_grace_seconds)
        # Cancels what still runs; arq puts cancelled jobs back on the queue at once.
        await worker.close()
