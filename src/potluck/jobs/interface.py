"""The queue interface both implementations follow."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.engine import Database
from potluck.db.session import unit_of_work
from potluck.kit.ids import new_id

JOB_QUEUE_KEY = "potluck.jobs"


@dataclass(frozen=True)
class JobRequest:
    name: str
    payload: dict[str, Any]
    delay: timedelta | None = None
    id: int = field(default_factory=new_id)


@dataclass
class JobContext:
    """What a running job gets: its identity and a way to open transactions.

    A job opens short transactions with :meth:`transaction` around its database work and
    does slow work (transcoding, network calls) outside them.
    """

    job_id: int
    name: str
    attempt: int
    database: Database
    # What the process shares with its jobs (media storage, settings), keyed as in
    # ``Runtime.session_info``; read through accessors such as ``storage_of``.
    resources: Mapping[str, Any] = field(default_factory=dict)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with unit_of_work(lambda: self.database.session(writing=True)) as session:
            yield session


class JobQueue(Protocol):
    def stage(self, session: AsyncSession, request: JobRequest) -> None:
        """Record ``request`` so it is delivered once ``session`` commits, never otherwise."""

    async def start_worker(self) -> None:
        """Start consuming jobs (and firing periodic ones) in this process, in the background."""

    async def stop(self) -> None:
        """Stop consuming, letting running jobs finish within a grace period; close connections."""

    async def ping(self) -> None:
        """Raise if the queue's backing store is unreachable (used by /readyz)."""


def enqueue_job(
    session: AsyncSession, name: str, *, delay: timedelta | None = None, **payload: Any
) -> JobRequest:
    """Queue job ``name`` with JSON-serialisable ``payload``; delivered after commit."""
    queue: JobQueue = session.info[JOB_QUEUE_KEY]
    request = JobRequest(name=name, payload=payload, delay=delay)
    queue.stage(session, request)
    return request
