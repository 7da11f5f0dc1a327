"""The request boundary: one database session per request, committed once.

A pure ASGI middleware rather than a FastAPI dependency, so the commit happens after the
endpoint and its exception handlers have produced a response but *before* that response
leaves: a client never sees "201 Created" for something a failed commit lost. Responses
below 400 commit; anything else rolls back, except a refusal (4xx) whose use case asked to
keep its record of it (``keep_when_refused``). If the commit itself fails, the client gets a
500 (or 409 for a constraint the database caught) instead of the original response.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from potluck.db.engine import Database
from potluck.db.session import commit, kept_when_refused, rollback

if TYPE_CHECKING:
    from potluck.runtime import Runtime

logger = logging.getLogger(__name__)

STATE_KEY = "db"


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RequestSession:
    """Opens the session on first use, so requests that touch no table cost nothing.

    Requests with unsafe methods get a writing session (on SQLite: BEGIN IMMEDIATE).
    """

    def __init__(self, database: Database, *, writing: bool) -> None:
        self._database = database
        self.writing = writing
        self.session: AsyncSession | None = None

    def get(self) -> AsyncSession:
        if self.session is None:
            self.session = self._database.session(writing=self.writing)
        return self.session


def writing_request(connection: HTTPConnection) -> None:
    """This safe-method request will write (a search remembered in its person's history):
    it gets a writing session, if it has not opened one yet. On SQLite that session takes
    the write lock when it begins and waits its turn; a reading one that writes later
    fails at once ("database is locked") when another request holds the lock."""
    holder: RequestSession | None = connection.scope.get("state", {}).get(STATE_KEY)
    if holder is not None and holder.session is None:
        holder.writing = True


def request_session(connection: HTTPConnection) -> AsyncSession:
    """The current request's session (HTTP requests only)."""
    holder: RequestSession | None = connection.scope.get("state", {}).get(STATE_KEY)
    if holder is None:
        raise RuntimeError("no request session: is SessionBoundaryMiddleware installed?")
    return holder.get()


class SessionBoundaryMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        holder = RequestSession(self.runtime.database, writing=scope["method"] not in SAFE_METHODS)
        scope.setdefault("state", {})[STATE_KEY] = holder
        finished = False
        replaced = False

        async def send_after_commit(message: Message) -> None:
            nonlocal finished, replaced
            if replaced:
                return  # the original response was swapped for an error; drop its body
            if message["type"] == "http.response.start" and not finished:
                finished = True
                if holder.session is not None:
                    ok = message["status"] < 400 or (
                        message["status"] < 500 and kept_when_refused(holder.session)
                    )
                    failure = await _finish(holder.session, ok=ok)
                    if failure is not None:
                        replaced = True
                        await _send_error(send, *failure)
                        return
            await send(message)

        try:
            await self.app(scope, receive, send_after_commit)
        finally:
            if holder.session is not None:
                if not finished:
                    await rollback(holder.session)
                await holder.session.close()


async def _finish(session: AsyncSession, *, ok: bool) -> tuple[int, str, str] | None:
    if not ok:
        await rollback(session)
        return None
    try:
        await commit(session)
    except IntegrityError:
        logger.warning("commit refused by a constraint", exc_info=True)
        await rollback(session)
        return 409, "conflict", "This conflicts with something that already exists."
    except Exception:
        logger.exception("commit failed")
        await rollback(session)
        return 500, "internal_error", "Something went wrong on our side. Nothing was saved."
    return None


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
