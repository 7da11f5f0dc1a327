"""Feeds JSON API: the Following feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from potluck.accounts.auth import ActingViewer
from potluck.feed import page_cache, service
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CardPage
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

router = APIRouter(prefix="/api/v1", tags=["feed"])

FOLLOWING_PATH = "/api/v1/feed/following"
MAX_CURSOR = 40
MAX_LIMIT = 50
DEFAULT_LIMIT = 20


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
    muted and blocked accounts left out). Log-in required."""
    assert viewer.id is not None
    runtime = runtime_of(request)
    locale = locale_from_scope(request.scope)
    made_at = page_cache.started()
    stamp = await service.timeline_stamp(session, viewer=viewer) if not cursor else None
    page = await service.following_page(session, viewer=viewer, cursor=cursor, limit=limit)
    gettext = gettext_for(locale)
    items = [card_out(card, runtime, gettext) for card in page.cards]
    body = CardPage(items=items, next_cursor=page.next_cursor).model_dump_json().encode()
    if cursor or stamp is not None:  # a first page is kept only with its timeline's stamp
        kept = page_cache.KeptPage(made_at=made_at, stamp=stamp, subjects=page.subjects, body=body)
        await page_cache.store(runtime.cache, page_cache.key(viewer.id, locale, limit, cursor), kept)
    return Response(body, media_type="application/json")


def following_route() -> APIRoute:
    """The endpoint's route, which :class:`~potluck.feed.fast_path.FollowingFastPath` reports."""
    return next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is following_feed)
