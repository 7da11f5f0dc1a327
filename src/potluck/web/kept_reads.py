"""Personal pages kept for their reader, answered at the request's edge.

A pure ASGI middleware that sits just inside authentication and locale negotiation. Some
GET routes keep each page they build for its reader (:mod:`potluck.cache.kept_pages`): a
Following page, a later page of an Explore session. For a logged-in person asking for
such a page again, this middleware finds the kept copy and, if nothing it shows has
changed, sends it without routing, dependencies or a database session: the difference
between a few hundred and several thousand requests a second on two cores
(docs/benchmarks.md, "Feeds at scale").

Anything else (another path, anonymous, parameters the route does not expect, nothing
kept, something changed) goes on to the endpoint, which answers from the database, with
its own checks and errors, and keeps the page for next time. The logging, metrics and
security-header middleware outside still see every request; it reports the endpoint's
route, so metrics label it as the endpoint would.

One build at a time: when a much-read page changes, the requests for it that arrive
while the endpoint builds it again wait for that build (up to :data:`WAIT_SECONDS`) and
are answered from it, instead of each building the same page (per process; a reader's
page is asked for by the reader's own devices and tabs).

Built again before it expires: a page read in its last :data:`REFRESH_AHEAD_SECONDS` is
still sent as kept, and the endpoint builds its successor in the background (with a
database session of its own), so nobody waits for a page merely because its time was up;
a process first looks whether another has already built it (then that copy is taken).
Under load a build waits behind every other request of the process for each of its
queries; those waits were most of the slowest reads (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from potluck.accounts.auth import AuthUser
from potluck.cache import kept_pages
from potluck.cache.kept_pages import KeptPage
from potluck.web.boundary import SessionBoundaryMiddleware
from potluck.web.i18n import locale_from_scope
from potluck.web.shared_reads import send_json

if TYPE_CHECKING:
    from potluck.runtime import Runtime

Query = Mapping[str, str]
WAIT_SECONDS = 5.0
REFRESH_AHEAD_SECONDS = kept_pages.SECONDS / 4

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeptRead:
    """A GET route that keeps its pages for their reader."""

    path: str
    # The kept page's key for (reader, locale, query), or None when this query is for the
    # endpoint to answer (a parameter it does not expect, a first page that is never kept).
    key: Callable[[int, str, Query], str | None]
    route: BaseRoute
    # A last check of a kept page beyond its marks (a first page's timeline stamp).
    still_current: Callable[[int, Query, KeptPage], Awaitable[bool]] | None = None


class KeptReadMiddleware:
    def __init__(self, app: ASGIApp, *, runtime: Runtime, reads: Sequence[KeptRead]) -> None:
        self.app = app
        self.cache = runtime.cache
        self.marks = runtime.marks
        self.reads = {read.path: read for read in reads}
        self.building: dict[str, asyncio.Event] = {}  # keys the endpoint is building now
        # Builds in the background get their own request boundary (database session).
        self.rebuilder = SessionBoundaryMiddleware(app, runtime)
        self.rebuilds: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            read = self.reads.get(scope["path"])
            user = scope.get("user")
            query = parse_query(scope["query_string"])
            if read is not None and isinstance(user, AuthUser) and query is not None:
                key = read.key(user.id, locale_from_scope(scope), query)
                if key is not None:
                    await self._answer(scope, receive, send, read=read, user_id=user.id, query=query, key=key)
                    return
        await self.app(scope, receive, send)

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        *,
        read: KeptRead,
        user_id: int,
        query: Query,
        key: str,
    ) -> None:
        """The kept page, or the one being built for another request, or the endpoint's."""
        page = await self._kept(read, user_id, query, key)
        if page is None and (building := self.building.get(key)) is not None:
            try:
                await asyncio.wait_for(building.wait(), WAIT_SECONDS)
            except TimeoutError:
                pass
            else:
                page = await self._kept(read, user_id, query, key)
        if page is not None:
            if page.expires_within(REFRESH_AHEAD_SECONDS) and key not in self.building:
                self._rebuild_in_background(scope, key, page)
            scope["route"] = read.route
            await send_json(send, page.body)
            return
        if key in self.building:  # a slow build: answer this one separately
            await self.app(scope, receive, send)
            return
        self.building[key] = done = asyncio.Event()
        try:
            await self.app(scope, receive, send)
        finally:
            del self.building[key]
            done.set()

    async def _kept(self, read: KeptRead, user_id: int, query: Query, key: str) -> KeptPage | None:
        kept = await kept_pages.load(self.cache, self.marks, key)
        if kept is None:
            return None
        if read.still_current is not None and not await read.still_current(user_id, query, kept):
            return None
        return kept

    def _rebuild_in_background(self, scope: Scope, key: str, page: KeptPage) -> None:
        """Have the endpoint build (and keep) this request's page again, answering no one,
        unless another process has already built it again."""
        self.building[key] = done = asyncio.Event()
        own_scope = {**scope, "state": dict(scope.get("state") or {})}
        task = asyncio.create_task(self._rebuild(own_scope, key, page, done), name=f"rebuild {key}")
        self.rebuilds.add(task)
        task.add_done_callback(self.rebuilds.discard)

    async def _rebuild(self, scope: Scope, key: str, page: KeptPage, done: asyncio.Event) -> None:
        try:
            shared = await kept_pages.load_shared(self.cache, self.marks, key)
            if shared is not None and shared.made_at > page.made_at:
                return  # another process's build: now this process's copy too
            await self._build(scope)
        except Exception:
            logger.exception("a kept page could not be built again in the background")
        finally:
            del self.building[key]
            done.set()

    async def _build(self, scope: Scope) -> None:
        asked = False

        async def receive() -> Message:
            nonlocal asked
            if asked:
                await asyncio.Event().wait()  # nobody disconnects: the build runs to its end
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}

        async def ignore(_message: Message) -> None:
            return None

        await self.rebuilder(scope, receive, ignore)


def parse_query(raw: bytes) -> dict[str, str] | None:
    """The query's parameters, or None if it cannot be read plainly (a name given twice,
    broken encoding): then the endpoint judges it."""
    try:
        pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, strict_parsing=bool(raw))
    except (ValueError, UnicodeDecodeError):
        return None
    query = dict(pairs)
    return query if len(query) == len(pairs) else None


def page_size(query: Query, *, default: int, maximum: int) -> int | None:
    """The ``limit`` parameter if it is a valid page size (else None)."""
    value = query.get("limit")
    if value is None:
        return default
    if value.isdigit() and len(value) <= 3 and 1 <= int(value) <= maximum:
        return int(value)
    return None
