"""Feeds JSON API: the Following feed."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from potluck.accounts.auth import ActingViewer
from potluck.cache import kept_pages
from potluck.cache.decoded import Decoded
from potluck.cache.kept_pages import KeptPage
from potluck.feed import service
from potluck.feed.timeline import Timelines
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CardPage
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.kept_reads import KeptRead, page_size

router = APIRouter(prefix="/api/v1", tags=["feed"])
logger = logging.getLogger(__name__)

FOLLOWING_PATH = "/api/v1/feed/following"
MAX_CURSOR = 40
MAX_LIMIT = 50
DEFAULT_LIMIT = 20
STAMP_SECONDS = 1.0


def following_key(user_id: int, locale: str, limit: int, cursor: str | None) -> str:
    """Where a page of someone's Following feed is kept (:mod:`potluck.cache.kept_pages`)."""
    return f"feed:following:{user_id}:{locale}:{limit}:{cursor or ''}"


@router.get("/feed/following", response_model=CardPage)
async def following_feed(
    request: Request,
    viewer: ActingViewer,
    session: DbSession,
    cursor: Annotated[
        str | None, Query(max_length=MAX_CURSOR, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Response:
    """Notes of the accounts you follow, newest first (followers-only notes included;
    muted and blocked accounts left out). Log-in required. A page asked for again within
    half a minute may come from a kept copy (counts of other people's likes may lag; your
    own actions and authors' changes show at once)."""
    assert viewer.id is not None
    runtime = runtime_of(request)
    locale = locale_from_scope(request.scope)
    made_at = kept_pages.started()
    # A first page is kept only with its timeline's stamp, read before the page.
    stamp = await service.timeline_stamp(session, viewer=viewer) if not cursor else None
    page = await service.following_page(session, viewer=viewer, cursor=cursor, limit=limit)
    gettext = gettext_for(locale)
    items = [card_out(card, runtime, gettext) for card in page.cards]
    body = CardPage(items=items, next_cursor=page.next_cursor).model_dump_json().encode()
    if cursor or stamp is not None:
        kept = KeptPage(made_at=made_at, stamp=stamp, subjects=page.subjects, body=body)
        await kept_pages.store(runtime.cache, following_key(viewer.id, locale, limit, cursor), kept)
    return Response(body, media_type="application/json")


def stamp_key(user_id: int) -> str:
    """Where this process keeps the last stamp it read of someone's timeline."""
    return f"feed:stamp:{user_id}"


def kept_reads(timelines: Timelines, decoded: Decoded) -> list[KeptRead]:
    """Following pages, for :class:`~potluck.web.kept_reads.KeptReadMiddleware`.

    A kept first page is current while its timeline's stamp is unchanged. Each process
    trusts a stamp it read for :data:`STAMP_SECONDS`; for as long again it still uses it
    while reading the next one in the background; after that it reads before answering.
    So a note pushed into the timeline reaches a refreshed first page within one to two
    seconds, and a reader scrolling under load never waits for that Redis round trip
    (which, waiting behind every other request of the process, was most of the slowest
    reads; docs/benchmarks.md, "Feeds at scale")."""
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is following_feed)
    reading: dict[int, asyncio.Task[str]] = {}

    def key(user_id: int, locale: str, query: Mapping[str, str]) -> str | None:
        limit = page_size(query, default=DEFAULT_LIMIT, maximum=MAX_LIMIT)
        cursor = query.get("cursor")
        if set(query) - {"cursor", "limit"} or limit is None:
            return None
        if cursor is not None and not 0 < len(cursor) <= MAX_CURSOR:
            return None
        return following_key(user_id, locale, limit, cursor)

    async def read_stamp(user_id: int) -> str:
        stamp = await timelines.stamp(user_id=user_id) or ""
        decoded.put(stamp_key(user_id), (stamp, time.monotonic()), ttl=2 * STAMP_SECONDS, size=96)
        return stamp

    def read_in_background(user_id: int) -> None:
        if user_id not in reading:
            task = asyncio.create_task(read_stamp(user_id), name=f"timeline stamp {user_id}")
            reading[user_id] = task
            task.add_done_callback(lambda done: _finished(reading, user_id, done))

    async def still_current(user_id: int, query: Mapping[str, str], kept: KeptPage) -> bool:
        if query.get("cursor"):
            return True  # notes arriving now are newer than any later page
        if kept.stamp is None:
            return False
        known: tuple[str, float] | None = decoded.get(stamp_key(user_id))
        if known is None:
            stamp = await read_stamp(user_id)
        else:
            stamp, read_at = known
            if time.monotonic() - read_at > STAMP_SECONDS:
                read_in_background(user_id)
        return kept.stamp == stamp

    return [KeptRead(path=FOLLOWING_PATH, key=key, route=route, still_current=still_current)]


def _finished(reading: dict[int, asyncio.Task[str]], user_id: int, task: asyncio.Task[str]) -> None:
    reading.pop(user_id, None)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("a timeline stamp could not be read", exc_info=task.exception())
