"""Logged-out reads answered from the cache before the rest of the stack runs.

Some GET routes answer every logged-out visitor alike (a note with its first comments);
their endpoints keep a copy in the cache (:meth:`potluck.cache.Cache.get_or_fill`). When
a note is shared widely, most of its readers are such visitors, and for them this
middleware hands out the cached copy straight away: no routing, dependencies, database
session, CSRF or authentication work, the difference between about 1,600 and several
thousand requests a second on two cores (docs/benchmarks.md, "Note reads").

It only answers requests that carry no credentials at all: no ``Authorization`` header
and no session cookie. Anything else (a logged-in person, an expired cookie, a miss) goes
on through the app unchanged, and the endpoint decides as usual. It sits inside the
logging, metrics and security-header middleware, so those still see every request, and
it reports the route it answered for, so metrics label it like the endpoint would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from potluck.cache import Cache
from potluck.web.i18n import negotiate_for


@dataclass(frozen=True)
class SharedRead:
    """A GET route whose response is the same for every logged-out visitor."""

    path: re.Pattern[str]
    # The cache key its endpoint stores the response under: (path match, locale, query
    # string) -> key, or None when the request cannot have a shared copy.
    key: Callable[[re.Match[str], str, bytes], str | None]
    route: BaseRoute


class SharedReadMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        cache: Cache,
        reads: Sequence[SharedRead],
        session_cookie: str,
        default_locale: str,
    ) -> None:
        self.app = app
        self.cache = cache
        self.reads = tuple(reads)
        self.session_cookie = session_cookie.encode()
        self.default_locale = default_locale

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and self._anonymous(scope):
            for read in self.reads:
                match = read.path.fullmatch(scope["path"])
                if match is None:
                    continue
                locale = negotiate_for(scope, None, self.default_locale)
                key = read.key(match, locale, scope.get("query_string", b""))
                body = await self.cache.get(key) if key is not None else None
                if body is not None:
                    scope["route"] = read.route
                    await send_json(send, body)
                    return
                break
        await self.app(scope, receive, send)

    def _anonymous(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"authorization" or (name == b"cookie" and self.session_cookie in value):
                return False
        return True


async def send_json(send: Send, body: bytes) -> None:
    """A 200 response with a JSON body, straight to the ASGI server."""
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
