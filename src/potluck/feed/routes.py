"""Feeds JSON API: the Following feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from potluck.accounts.auth import ActingViewer
from potluck.feed import service
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CardPage
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

router = APIRouter(prefix="/api/v1", tags=["feed"])


@router.get("/feed/following")
async def following_feed(
    request: Request,
    viewer: ActingViewer,
    session: DbSession,
    cursor: Annotated[
        str | None, Query(max_length=40, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> CardPage:
    """Notes of the accounts you follow, newest first (followers-only notes included;
    muted and blocked accounts left out). Log-in required."""
    page = await service.following_page(session, viewer=viewer, cursor=cursor, limit=limit)
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    return CardPage(
        items=[card_out(card, runtime, gettext) for card in page.cards], next_cursor=page.next_cursor
    )
