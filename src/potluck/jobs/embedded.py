"""The embedded job queue: rows in the ``job`` table, run by asyncio tasks in this process.

It needs nothing but the database. A job row is inserted in the enqueuing transaction, so a
rollback drops it and a crash after commit loses nothing. A runner claims one due row at a
time with a single atomic UPDATE and holds it under a lease that it renews while the job
runs; if the process dies, the lease lapses and any runner (this process after a restart,
or another process on the same database) claims the row again. Jobs may therefore run more
than once and must be idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import socket
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.engine import Database
from potluck.db.session import AFTER_COMMIT_KEY, after_commit
from potluck.jobs.interface import JobContext, JobRequest
from potluck.jobs.models import JobRecord, JobState
from potluck.jobs.registry import JobRegistry, PeriodicDefinition
from potluck.jobs.registry import registry as default_registry
from potluck.kit.ids import new_id
from potluck.kit.time import utcnow
from potluck.settings import Settings

logger = logging.getLogger(__name__)

RETRY_MAX_SECONDS = 3600.0
KEEP_DONE_JOBS = timedelta(days=1)
PRUNE_EVERY_SECONDS = 3600.0
LAST_ERROR_MAX_CHARS = 4000


def retry_delay(attempt: int, base_seconds: float) -> timedelta:
    """Exponential backoff after failed attempt number ``attempt`` (1-based), capped at an hour."""
    return timedelta(seconds=min(base_seconds * 2 ** (attempt - 1), RETRY_MAX_SECONDS))


def periodic_slot(definition: PeriodicDefinition, now: datetime) -> tuple[int, datetime]:
    """The slot ``now`` falls in and when it started; every process computes the same slot."""
    every = definition.every.total_seconds()
    slot = int(now.timestamp() // every)
    return slot, datetime.fromtimestamp(slot * every, tz=now.tzinfo)


def describe_error(exc: BaseException) -> str:
    # The tail of the traceback holds the innermost frames, the useful ones.
    return "".join(traceback.format_exception(exc))[-LAST_ERROR_MAX_CHARS:]


@dataclass(frozen=True)
class ClaimedJob:
    """A row this runner holds the lease on; ``attempts`` already counts this attempt."""

    id: int
    name: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int


class EmbeddedJobQueue:
    """A database-backed queue run inside the web process (or ``potluck worker``).

    Several processes may share one database: claims are atomic (``FOR UPDATE SKIP
    LOCKED`` on PostgreSQL, SQLite's single writer otherwise) and periodic jobs are
    deduplicated per slot by a unique key.
    """

    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        registry: JobRegistry = default_registry,
        concurrency: int = 4,
        poll_seconds: float = 1.0,
        retry_base_seconds: float = 5.0,
        stop_grace_seconds: float = 5.0,
        resources: Mapping[str, Any] | None = None,
    ) -> None:
        self.database = database
        self.resources: Mapping[str, Any] = resources if resources is not None else {}
        self.settings = settings
        self.registry = registry
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.retry_base_seconds = retry_base_seconds
        self.stop_grace_seconds = stop_grace_seconds
        self.worker_id = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._wakeup = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []
        self._running: set[asyncio.Task[None]] = set()
        self._scheduled_slots: dict[str, int] = {}

    # -- enqueueing ------------------------------------------------------------------

    def stage(self, session: AsyncSession, request: JobRequest) -> None:
        self.registry.get(request.name)  # an unknown name fails here, at the call site
        json.dumps(request.payload)  # so does a payload that is not plain JSON
        session.add(
            JobRecord(
                id=request.id,
                name=request.name,
                payload=request.payload,
                state=JobState.QUEUED.value,
                run_at=utcnow() + (request.delay or timedelta()),
                attempts=0,
                max_attempts=self._max_attempts(request.name),
            )
        )
        # One wake-up per transaction is enough, however many jobs it queues.
        if self._notify_runner not in session.info.get(AFTER_COMMIT_KEY, ()):
            after_commit(session, self._notify_runner)

    def _max_attempts(self, name: str) -> int:
        definition = self.registry.jobs.get(name)
        if definition is not None and definition.max_attempts:
            return definition.max_attempts
        return self.settings.job_max_attempts

    async def _notify_runner(self) -> None:
        self._wakeup.set()

    async def enqueue_periodic(self, now: datetime | None = None) -> int:
        """Queue every periodic job whose current slot is not queued yet; return how many.

        The unique ``dedupe_key`` makes this safe to call from any number of processes.
        """
        now = now or utcnow()
        dialect = postgresql if self.database.engine.dialect.name == "postgresql" else sqlite
        due: list[tuple[PeriodicDefinition, int, datetime]] = []
        for definition in self.registry.periodic.values():
            slot, slot_start = periodic_slot(definition, now)
            if slot != self._scheduled_slots.get(definition.job_name):
                due.append((definition, slot, slot_start))
        if not due:
            return 0
        inserted = 0
        async with self.database.sessionmaker() as session:
            for definition, slot, slot_start in due:
                values = {
                    "id": new_id(),
                    "name": definition.job_name,
                    "payload": dict(definition.payload),
                    "state": JobState.QUEUED.value,
                    "run_at": slot_start,
                    "attempts": 0,
                    "max_attempts": self._max_attempts(definition.job_name),
                    "dedupe_key": f"periodic:{definition.job_name}:{slot}",
                    "created_at": now,
                }
                statement = (
                    dialect.insert(JobRecord)
                    .values(values)
                    .on_conflict_do_nothing(index_elements=[JobRecord.dedupe_key])
                    .returning(JobRecord.id)
                )
                if (await session.execute(statement)).first() is not None:
                    inserted += 1
            await session.commit()
        # Whether this process queued a slot or another one did, it need not try again.
        self._scheduled_slots.update((definition.job_name, slot) for definition, slot, _ in due)
        if inserted:
            self._wakeup.set()
        return inserted

    # -- running -----------------------------------------------------------------------

    async def start_worker(self) -> None:
        if self._loops:
            return
        for definition in self.registry.periodic.values():
            if definition.job_name not in self.registry.jobs:
                logger.error("periodic job %r is not a registered job", definition.job_name)
        self._loops = [
            asyncio.create_task(self._run_loop(), name="potluck-jobs-runner"),
            asyncio.create_task(self._schedule_loop(), name="potluck-jobs-scheduler"),
        ]

    async def stop(self) -> None:
        for loop in self._loops:
            loop.cancel()
        if self._loops:
            await asyncio.wait(self._loops)
        self._loops = []
        if self._running:
            _, unfinished = await asyncio.wait(self._running, timeout=self.stop_grace_seconds)
            for task in unfinished:
                task.cancel()  # the job goes back to the queue (see _run_claimed)
            if unfinished:
                await asyncio.wait(unfinished)

    async def ping(self) -> None:
        async with self.database.sessionmaker() as session:
            await session.execute(text("SELECT 1"))

    async def run_until_idle(self) -> int:
        """Run every due job, one after another, in the caller's task; return how many ran.

        For tests and CLI commands. Jobs that fail are rescheduled with backoff and are not
        due again right away, so this returns once the queue holds nothing due.
        """
        ran = 0
        while (job := await self._claim()) is not None:
            await self._run_claimed(job)
            ran += 1
        return ran

    async def _run_loop(self) -> None:
        slots = asyncio.Semaphore(self.concurrency)
        while True:
            await slots.acquire()
            # Cleared before claiming so a commit during the claim still wakes the next pass.
            self._wakeup.clear()
            try:
                job = await self._claim()
            except Exception:
                slots.release()
                logger.exception("claiming a job failed; retrying")
                await asyncio.sleep(self.poll_seconds)
                continue
            if job is None:
                slots.release()
                await self._sleep_until_due()
                continue
            task = asyncio.create_task(self._run_claimed(job), name=f"potluck-job-{job.id}")
            self._running.add(task)
            task.add_done_callback(self._running.discard)
            task.add_done_callback(lambda _: slots.release())

    async def _sleep_until_due(self) -> None:
        timeout = self.poll_seconds
        try:
            async with self.database.sessionmaker() as session:
                next_run_at = await session.scalar(
                    select(func.min(JobRecord.run_at)).where(JobRecord.state == JobState.QUEUED.value)
                )
            if next_run_at is not None:
                timeout = min(timeout, max((next_run_at - utcnow()).total_seconds(), 0.01))
        except Exception:
            logger.exception("reading the next run time failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout)

    async def _schedule_loop(self) -> None:
        last_prune = float("-inf")
        while True:
            try:
                if self.registry.periodic:
                    await self.enqueue_periodic()
                if time.monotonic() - last_prune > PRUNE_EVERY_SECONDS:
                    last_prune = time.monotonic()
                    await self.prune()
            except Exception:
                logger.exception("scheduling periodic jobs failed")
            await asyncio.sleep(self._seconds_to_next_slot())

    def _seconds_to_next_slot(self) -> float:
        now = time.time()
        wait = self.poll_seconds
        for definition in self.registry.periodic.values():
            every = definition.every.total_seconds()
            wait = min(wait, every - now % every + 0.01)
        return wait

    async def prune(self) -> int:
        """Delete jobs that finished successfully more than a day ago; failed ones stay."""
        async with self.database.sessionmaker() as session:
            result = await session.execute(
                delete(JobRecord)
                .where(JobRecord.state == JobState.DONE.value)
                .where(JobRecord.finished_at < utcnow() - KEEP_DONE_JOBS)
                .returning(JobRecord.id)
            )
            pruned = len(result.all())
            await session.commit()
        return pruned

    async def _claim(self) -> ClaimedJob | None:
        """Take the lease on the most overdue job, atomically, in a transaction of its own."""
        now = utcnow()
        due = or_(
            and_(JobRecord.state == JobState.QUEUED.value, JobRecord.run_at <= now),
            # A running row whose lease lapsed belongs to a runner that died.
            and_(JobRecord.state == JobState.RUNNING.value, JobRecord.locked_until < now),
        )
        pick = select(JobRecord.id).where(due).order_by(JobRecord.run_at, JobRecord.id).limit(1)
        if self.database.engine.dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        statement = (
            update(JobRecord)
            .where(JobRecord.id == pick.scalar_subquery())
            .values(
                state=JobState.RUNNING.value,
                attempts=JobRecord.attempts + 1,
                locked_by=self.worker_id,
                locked_until=now + timedelta(seconds=self.settings.job_lease_seconds),
            )
            .returning(
                JobRecord.id, JobRecord.name, JobRecord.payload, JobRecord.attempts, JobRecord.max_attempts
            )
            .execution_options(synchronize_session=False)
        )
        async with self.database.sessionmaker() as session:
            row = (await session.execute(statement)).first()
            await session.commit()
        if row is None:
            return None
        return ClaimedJob(row.id, row.name, dict(row.payload or {}), row.attempts, row.max_attempts)

    async def _run_claimed(self, job: ClaimedJob) -> None:
        definition = self.registry.jobs.get(job.name)
        if definition is None:
            await self._fail(job, f"no job named {job.name!r} is registered in this process")
            return
        if job.attempts > job.max_attempts:
            # Only reachable when earlier attempts died with their process (leases lapsed).
            await self._fail(job, f"gave up after {job.max_attempts} attempts that never finished")
            return
        timeout = definition.timeout_seconds or self.settings.job_timeout_seconds
        context = JobContext(
            job_id=job.id,
            name=job.name,
            attempt=job.attempts,
            database=self.database,
            resources=self.resources,
        )
        deadline = asyncio.timeout(timeout)
        renewer = asyncio.create_task(self._renew_lease(job.id))
        try:
            try:
                async with deadline:
                    await definition.function(context, **job.payload)
            finally:
                renewer.cancel()
        except asyncio.CancelledError:
            # Stopping: hand the job back now rather than when its lease lapses.
            await asyncio.shield(self._release(job, "interrupted by shutdown"))
            raise
        except Exception as exc:  # noqa: BLE001 - a job's exception is its outcome, not our crash
            timed_out = f"timed out after {timeout:g}s\n" if deadline.expired() else ""
            await self._failed_attempt(job, timed_out + describe_error(exc))
        else:
            await self._settle(job, state=JobState.DONE, finished_at=utcnow(), last_error=None)

    async def _failed_attempt(self, job: ClaimedJob, error: str) -> None:
        if job.attempts >= job.max_attempts:
            logger.error("job %s %s failed for good after %d attempts", job.name, job.id, job.attempts)
            await self._fail(job, error)
            return
        delay = retry_delay(job.attempts, self.retry_base_seconds)
        logger.warning(
            "job %s %s failed (attempt %d), retrying in %gs",
            job.name,
            job.id,
            job.attempts,
            delay.total_seconds(),
        )
        await self._settle(job, state=JobState.QUEUED, run_at=utcnow() + delay, last_error=error)

    async def _fail(self, job: ClaimedJob, error: str) -> None:
        await self._settle(job, state=JobState.FAILED, finished_at=utcnow(), last_error=error)

    async def _release(self, job: ClaimedJob, reason: str) -> None:
        try:
            await self._settle(job, state=JobState.QUEUED, run_at=utcnow(), last_error=reason)
        except Exception:
            logger.exception("could not release job %s; it runs again once its lease lapses", job.id)

    async def _settle(self, job: ClaimedJob, *, state: JobState, **values: Any) -> None:
        """Record the outcome, unless the lease was lost and another runner owns the row."""
        async with self.database.sessionmaker() as session:
            result = await session.execute(
                update(JobRecord)
                .where(JobRecord.id == job.id, JobRecord.locked_by == self.worker_id)
                .values(state=state.value, locked_by=None, locked_until=None, **values)
                .returning(JobRecord.id)
                .execution_options(synchronize_session=False)
            )
            owned = result.first() is not None
            await session.commit()
        if not owned:
            logger.warning("job %s %s: lease lost before it settled as %s", job.name, job.id, state)

    async def _renew_lease(self, job_id: int) -> None:
        lease = self.settings.job_lease_seconds
        while True:
            await asyncio.sleep(lease / 3)
            try:
                async with self.database.sessionmaker() as session:
                    await session.execute(
                        update(JobRecord)
                        .where(JobRecord.id == job_id, JobRecord.locked_by == self.worker_id)
                        .values(locked_until=utcnow() + timedelta(seconds=lease))
                        .execution_options(synchronize_session=False)
                    )
                    await session.commit()
            except Exception:
                logger.exception("renewing the lease of job %s failed", job_id)
