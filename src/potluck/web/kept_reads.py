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
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from potluck.accounts.auth import AuthUser
from potluck.cache import Cache, kept_pages
from potluck.cache.kept_pages import KeptPage
from potluck.cache.marks import Marks
from potluck.web.i18n import locale_from_scope
from potluck.web.shared_reads import send_json

Query = Mapping[str, str]


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
    def __init__(self, app: ASGIApp, *, cache: Cache, marks: Marks, reads: Sequence[KeptRead]) -> None:
        self.app = app
        self.cache = cache
        self.marks = marks
        self.reads = {read.path: read for read in reads}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            read = self.reads.get(scope["path"])
            user = scope.get("user")
            if read is not None and isinstance(user, AuthUser):
                body = await self._kept(read, user.id, scope)
                if body is not None:
                    scope["route"] = read.route
                    await send_json(send, body)
                    return
        await self.app(scope, receive, send)

    async def _kept(self, read: KeptRead, user_id: int, scope: Scope) -> bytes | None:
        query = parse_query(scope["query_string"])
        if query is None:
            return None
        key = read.key(user_id, locale_from_scope(scope), query)
        if key is None:
            return None
        kept = await kept_pages.load(self.cache, self.marks, key)
        if kept is None:
            return None
        if read.still_current is not None and not await read.still_current(user_id, query, kept):
            return None
        return kept.body


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
