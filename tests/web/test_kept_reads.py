"""The kept-read middleware on its own (web.kept_reads), with a stand-in endpoint: a kept
page is answered at the edge, and requests that arrive while the endpoint builds a page
wait for that build instead of each building it again."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import httpx
import pytest
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from potluck.accounts.auth import AuthUser
from potluck.cache import Cache, MemoryCache, kept_pages
from potluck.cache.kept_pages import KeptPage
from potluck.cache.marks import Marks, reader
from potluck.web import kept_reads
from potluck.web.kept_reads import KeptRead, KeptReadMiddleware

if TYPE_CHECKING:
    from potluck.runtime import Runtime

PATH = "/feed"


class Endpoint:
    """Builds a page slowly (``delay``), keeps it, answers it; counts its builds."""

    def __init__(
        self,
        cache: Cache,
        *,
        delay: float,
        keeps: bool = True,
        until: asyncio.Event | None = None,
        name: str | None = None,
    ) -> None:
        self.cache, self.delay, self.keeps, self.until, self.name = cache, delay, keeps, until, name
        self.builds = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.builds += 1
        build = self.builds
        made_at = kept_pages.started()
        await asyncio.sleep(self.delay)
        if self.until is not None and build == 1:
            await self.until.wait()
        shown = {"build": build} if self.name is None else {"build": build, "by": self.name}
        body = json.dumps(shown).encode()
        user = scope["user"]
        if self.keeps:
            page = KeptPage(made_at=made_at, stamp=None, subjects=[reader(user.id)], body=body)
            await kept_pages.store(self.cache, f"page:{user.id}", page)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})


def signed_in(app: Any, user_id: int) -> Any:
    async def with_user(scope: Scope, receive: Receive, send: Send) -> None:
        scope["user"] = AuthUser(
            user_id=user_id, username=f"u{user_id}", display_name="", locale=None, is_admin=False
        )
        await app(scope, receive, send)

    return with_user


def middleware(endpoint: Endpoint, cache: Cache, marks: Marks) -> KeptReadMiddleware:
    def key(user: int, _locale: str, query: Mapping[str, str]) -> str | None:
        return None if query else f"page:{user}"

    read = KeptRead(path=PATH, key=key, route=Route(PATH, endpoint))
    runtime = cast("Runtime", SimpleNamespace(cache=cache, marks=marks, database=None))
    return KeptReadMiddleware(endpoint, runtime=runtime, reads=[read])


def client(
    endpoint: Endpoint, cache: Cache, marks: Marks, *, edge: KeptReadMiddleware | None = None
) -> httpx.AsyncClient:
    app = signed_in(edge or middleware(endpoint, cache, marks), 7)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_a_kept_page_is_answered_without_the_endpoint(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    endpoint = Endpoint(cache, delay=0)
    async with client(endpoint, cache, marks_board) as http:
        first = await http.get(PATH)
        again = await http.get(PATH)
        other = await http.get(PATH, params={"x": "1"})  # not a kept read: the endpoint's

    assert first.json() == again.json() == {"build": 1}
    assert other.json() == {"build": 2}
    assert endpoint.builds == 2


async def test_requests_arriving_during_a_build_are_answered_from_it(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    endpoint = Endpoint(cache, delay=0.05)
    async with client(endpoint, cache, marks_board) as http:
        pages = await asyncio.gather(*(http.get(PATH) for _ in range(6)))

    assert [page.json() for page in pages] == [{"build": 1}] * 6
    assert endpoint.builds == 1


async def test_a_mark_during_the_build_sends_the_waiting_requests_on(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    endpoint = Endpoint(cache, delay=0.05)
    async with client(endpoint, cache, marks_board) as http:
        building = asyncio.create_task(http.get(PATH))
        await asyncio.sleep(0.01)
        waiting = asyncio.create_task(http.get(PATH))
        await asyncio.sleep(0.01)
        await marks_board.mark([reader(7)])  # the reader changed something meanwhile
        pages = await asyncio.gather(building, waiting)

    assert [page.json() for page in pages] == [{"build": 1}, {"build": 2}]


async def test_a_build_that_keeps_nothing_lets_each_request_through(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    endpoint = Endpoint(cache, delay=0.02, keeps=False)  # an error page, say
    async with client(endpoint, cache, marks_board) as http:
        pages = await asyncio.gather(*(http.get(PATH) for _ in range(3)))

    assert all(page.status_code == 200 for page in pages)
    assert endpoint.builds == 3


async def test_a_stuck_build_is_not_waited_for_long(
    marks_board: Marks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_reads, "WAIT_SECONDS", 0.05)
    cache = Cache(MemoryCache())
    stuck = asyncio.Event()
    endpoint = Endpoint(cache, delay=0, until=stuck)  # the first build hangs until told
    async with client(endpoint, cache, marks_board) as http:
        first = asyncio.create_task(http.get(PATH))
        await asyncio.sleep(0.01)
        second = await http.get(PATH)  # gives up waiting, builds its own
        assert not first.done()
        stuck.set()
        await first

    assert second.json() == {"build": 2}
    assert endpoint.builds == 2


async def test_a_page_near_its_end_is_sent_and_built_again_in_the_background(
    marks_board: Marks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_reads, "REFRESH_AHEAD_SECONDS", 3600.0)  # every page is near its end
    cache = Cache(MemoryCache())
    endpoint = Endpoint(cache, delay=0.02)
    edge = middleware(endpoint, cache, marks_board)
    async with client(endpoint, cache, marks_board, edge=edge) as http:
        assert (await http.get(PATH)).json() == {"build": 1}
        assert (await http.get(PATH)).json() == {"build": 1}  # sent at once, its successor begun
        assert (await http.get(PATH)).json() == {"build": 1}  # (one background build at a time)
        assert len(edge.rebuilds) == 1
        await asyncio.gather(*edge.rebuilds)
        assert endpoint.builds == 2
        assert (await http.get(PATH)).json() == {"build": 2}
        await asyncio.gather(*edge.rebuilds)

    assert endpoint.builds == 3


async def test_a_page_another_process_built_again_is_taken_instead_of_building_it(
    marks_board: Marks, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_reads, "REFRESH_AHEAD_SECONDS", 3600.0)  # every page is near its end
    shared = MemoryCache()
    here_cache, there_cache = Cache(shared), Cache(shared)  # two processes, one Redis
    here, there = Endpoint(here_cache, delay=0, name="here"), Endpoint(there_cache, delay=0, name="there")
    here_edge = middleware(here, here_cache, marks_board)
    there_edge = middleware(there, there_cache, marks_board)
    async with (
        client(here, here_cache, marks_board, edge=here_edge) as here_http,
        client(there, there_cache, marks_board, edge=there_edge) as there_http,
    ):
        assert (await here_http.get(PATH)).json() == {"build": 1, "by": "here"}
        # There reads here's page from Redis, and (nothing newer there) builds its successor.
        assert (await there_http.get(PATH)).json() == {"build": 1, "by": "here"}
        await asyncio.gather(*there_edge.rebuilds)
        # Here's own copy is near its end too: it finds there's newer page and takes it.
        assert (await here_http.get(PATH)).json() == {"build": 1, "by": "here"}
        await asyncio.gather(*here_edge.rebuilds)
        assert (here.builds, there.builds) == (1, 1)
        assert (await here_http.get(PATH)).json() == {"build": 1, "by": "there"}
        await asyncio.gather(*here_edge.rebuilds, *there_edge.rebuilds)
