"""Sessions at the boundary: one per request or job, committed once, hooks after commit.

Services receive a session and never commit. Work that must only happen once the data is
durable (sending jobs to a broker, publishing realtime events) registers itself with
:func:`after_commit`; the boundary runs those callbacks after a successful commit and
drops them on rollback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

logger = logging.getLogger(__name__)

AFTER_COMMIT_KEY = "potluck.after_commit"
KEEP_WHEN_REFUSED_KEY = "potluck.keep_when_refused"
AfterCommit = Callable[[], Awaitable[None]]


def keep_when_refused(session: AsyncSession) -> None:
    """Commit this session even though the use case goes on to refuse the request.

    For records of the refusal itself, such as the audit entry of a failed log-in. Call it
    only when nothing else written in the session so far needs undoing.
    """
    session.info[KEEP_WHEN_REFUSED_KEY] = True


def kept_when_refused(session: AsyncSession) -> bool:
    return bool(session.info.get(KEEP_WHEN_REFUSED_KEY))


def after_commit(session: AsyncSession, callback: AfterCommit) -> None:
    """Run ``callback`` once the boundary has committed this session."""
    session.info.setdefault(AFTER_COMMIT_KEY, []).append(callback)


async def commit(session: AsyncSession) -> None:
    """Commit and then run the after-commit callbacks. Only boundaries call this."""
    await session.commit()
    callbacks: list[AfterCommit] = session.info.pop(AFTER_COMMIT_KEY, [])
    for callback in callbacks:
        try:
            await callback()
        except Exception:  # one failed side effect must not undo or hide the others
            logger.exception("after-commit callback failed")


async def rollback(session: AsyncSession) -> None:
    session.info.pop(AFTER_COMMIT_KEY, None)
    await session.rollback()


@asynccontextmanager
async def unit_of_work(
    sessionmaker: async_sessionmaker[AsyncSession] | Callable[[], AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A boundary outside HTTP (a job, a CLI command): commit on success, else roll back.

    Jobs and commands that write pass ``lambda: database.session(writing=True)``.
    """
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            if kept_when_refused(session):
                await commit(session)
            else:
                await rollback(session)
            raise
        else:
            await commit(session)
