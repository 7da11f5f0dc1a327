"""Feeds JSON API: the Following feed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from potluck.accounts.auth import ActingViewer
from potluck.cache import kept_pages
from potluck.cache.kept_pages import KeptPage
from potluck.feed import service
from potluck.feed.timeline import Timelines
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CardPage
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.kept_reads import KeptRead, page_size

router = APIRouter(prefix="/api/v1", tags=["feed"])

FOLLOWING_PATH = "/api/v1/feed/following"
MAX_CURSOR = 40
MAX_LIMIT = 50
DEFAULT_LIMIT = 20


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


def kept_reads(timelines: Timelines) -> list[KeptRead]:
    """Following pages, for :class:`~potluck.web.kept_reads.KeptReadMiddleware`."""
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is following_feed)

    def key(user_id: int, locale: str, query: Mapping[str, str]) -> str | None:
        limit = page_size(query, default=DEFAULT_LIMIT, maximum=MAX_LIMIT)
        cursor = query.get("cursor")
        if set(query) - {"cursor", "limit"} or limit is None:
            return None
        if cursor is not None and not 0 < len(cursor) <= MAX_CURSOR:
            return None
        return following_key(user_id, locale, limit, cursor)

    async def still_current(user_id: int, query: Mapping[str, str], kept: KeptPage) -> bool:
        if query.get("cursor"):
            return True  # notes arriving now are newer than any later page
        return kept.stamp is not None and kept.stamp == await timelines.stamp(user_id=user_id)

    return [KeptRead(path=FOLLOWING_PATH, key=key, route=route, still_current=still_current)]
