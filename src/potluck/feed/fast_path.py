"""Kept Following pages answered at the request's edge.

A pure ASGI middleware that sits just inside authentication and locale negotiation: for
``GET /api/v1/feed/following`` by a logged-in person, it looks for the page kept by
:mod:`.page_cache` (same reader, language, page size and cursor) and, if nothing it shows
has changed, sends it without routing, dependencies or a database session. Anything else
(another path, anonymous, unusual parameters, nothing kept) goes on to the endpoint, which
answers from the database and keeps the page for next time. The logging, metrics and
security-header middleware outside still see every request; it reports the endpoint's
route, so metrics label it as the endpoint would.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from potluck.accounts.auth import AuthUser
from potluck.cache import Cache
from potluck.feed import page_cache
from potluck.feed.routes import DEFAULT_LIMIT, FOLLOWING_PATH, MAX_CURSOR, MAX_LIMIT
from potluck.feed.timeline import Timelines
from potluck.web.i18n import locale_from_scope


class FollowingFastPath:
    def __init__(self, app: ASGIApp, *, cache: Cache, timelines: Timelines, route: BaseRoute) -> None:
        self.app = app
        self.cache = cache
        self.timelines = timelines
        self.route = route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == FOLLOWING_PATH:
            user = scope.get("user")
            query = _query(scope["query_string"])
            if isinstance(user, AuthUser) and query is not None:
                body = await self._kept(user.id, locale_from_scope(scope), *query)
                if body is not None:
                    scope["route"] = self.route
                    await _send_json(send, body)
                    return
        await self.app(scope, receive, send)

    async def _kept(self, user_id: int, locale: str, cursor: str | None, limit: int) -> bytes | None:
        kept = await page_cache.load(self.cache, page_cache.key(user_id, locale, limit, cursor))
        if kept is None:
            return None
        stamp = None if cursor is not None else await self.timelines.stamp(user_id=user_id)
        if cursor is None and (stamp is None or kept.stamp != stamp):
            return None  # a note arrived since this first page was made
        return kept.body


def _query(raw: bytes) -> tuple[str | None, int] | None:
    """(cursor, limit) when the query holds nothing else and both look valid; otherwise
    None, and the endpoint answers (with its own checks and errors)."""
    cursor: str | None = None
    limit = DEFAULT_LIMIT
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, strict_parsing=bool(raw))
    except ValueError:
        return None
    seen: set[str] = set()
    for name, value in pairs:
        if name in seen:
            return None
        seen.add(name)
        if name == "cursor" and 0 < len(value) <= MAX_CURSOR:
            cursor = value
        elif name == "limit" and value.isdigit() and len(value) <= 2 and 1 <= int(value) <= MAX_LIMIT:
            limit = int(value)
        else:
            return None
    return cursor, limit


async def _send_json(send: Send, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-length", str(len(body)).encode()),
                (b"content-type", b"application/json"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
