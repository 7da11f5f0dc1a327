"""Nearby: public notes posted close to the reader, nearest first.

``GET /api/v1/feed/nearby`` (JSON), ``GET /nearby`` (a page with the panel that asks
for a position, ``notes/_nearby_panel.html`` + ``static/js/nearby.js``) and
``GET /nearby/cards`` (the grid as an HTML fragment, which the panel loads once the
browser has given a position). The reader's position comes in the query string, is
snapped to the ``notes.geo`` grid before anything else looks at it, and only the snapped
cell appears in the links this module writes. Access logs record paths without query
strings, so it is not logged either.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import AnyViewer, request_viewer
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.notes import geo, service
from potluck.notes.pages import is_htmx
from potluck.notes.presenters import card_out
from potluck.notes.profile_pages import card_view
from potluck.notes.schemas import NearbyCardOut, NearbyPage
from potluck.notes.service import NearbyCard
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(tags=["feeds"])

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CARDS_PER_PAGE = 20
Latitude = Annotated[float, Query(ge=-90, le=90, description="Your latitude; only 0.01 degree of it is used")]
Longitude = Annotated[float, Query(ge=-180, le=180)]
Cursor = Annotated[str | None, Query(max_length=60, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]


def parse_cursor(cursor: str | None) -> tuple[int, datetime, int] | None:
    """Nearby pages start after (distance, published_at in microseconds, note ID)."""
    if not cursor:
        return None
    parts = cursor.split("-")
    if len(parts) == 3 and all(part.isdigit() and len(part) <= 19 for part in parts):
        distance, micros, note_id = (int(part) for part in parts)
        try:
            return distance, EPOCH + timedelta(microseconds=micros), note_id
        except OverflowError:
            pass
    raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")


def next_cursor(found: list[NearbyCard], limit: int) -> str | None:
    if len(found) < limit or not found:
        return None
    last = found[-1]
    micros = (last.published_at - EPOCH) // timedelta(microseconds=1)
    return f"{last.distance}-{micros}-{last.card.note.id}"


def distance_text(distance: int, gettext: Any) -> str:
    message, count = geo.distance_label(geo.km_of(distance))
    return str(gettext(message)) % {"count": count}


async def _nearby(
    session: AsyncSession, *, viewer: Viewer, lat: float, lon: float, cursor: str | None, limit: int
) -> list[NearbyCard]:
    return await service.nearby_cards(
        session, viewer=viewer, latitude=lat, longitude=lon, after=parse_cursor(cursor), limit=limit
    )


@router.get("/api/v1/feed/nearby")
async def nearby_feed(
    *,
    request: Request,
    viewer: AnyViewer,
    session: DbSession,
    lat: Latitude,
    lon: Longitude,
    cursor: Cursor = None,
    limit: Limit = CARDS_PER_PAGE,
) -> NearbyPage:
    """Public notes posted within 200 km of you, nearest first, then newest. Your position
    is rounded to 0.01 degree (about 1 km) before use and never stored; each card says how
    far it is only coarsely (``"< 1 km"``, ``"3 km"``, ``"15 km"``)."""
    found = await _nearby(session, viewer=viewer, lat=lat, lon=lon, cursor=cursor, limit=limit)
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    return NearbyPage(
        items=[
            NearbyCardOut(
                **card_out(item.card, runtime, gettext).model_dump(),
                distance=distance_text(item.distance, gettext),
            )
            for item in found
        ],
        next_cursor=next_cursor(found, limit),
    )


async def nearby_context(
    request: Request, session: AsyncSession, *, lat: float, lon: float, cursor: str | None = None
) -> dict[str, Any]:
    """What ``notes/_nearby_grid.html`` needs: cards with their distances, the link to the
    next page (with the snapped position only) and the empty message."""
    found = await _nearby(
        session, viewer=request_viewer(request), lat=lat, lon=lon, cursor=cursor, limit=CARDS_PER_PAGE
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    cell = geo.snap(lat, lon)
    return {
        "cards": [
            card_view(item.card, runtime) | {"distance": distance_text(item.distance, gettext)}
            for item in found
        ],
        "next_cursor": next_cursor(found, CARDS_PER_PAGE),
        "tab_url": f"/nearby/cards?lat={cell.latitude:.2f}&lon={cell.longitude:.2f}",
        "grid_back": "/nearby",  # never the reader's position, even in a hidden field
        "empty": gettext(
            N_("No notes near you yet. Add your location when you post, and yours will be the first.")
        ),
    }


@router.get("/nearby", include_in_schema=False)
async def nearby_page(request: Request) -> Response:
    """Nearby on a page of its own: asks the browser for a position (``nearby.js``), then
    loads ``/nearby/cards``. The home page's Nearby tab can show the same panel."""
    return render(request, "notes/nearby.html", {"nav_active": "home"})


@router.get("/nearby/cards", include_in_schema=False)
async def nearby_cards_fragment(
    request: Request, session: DbSession, lat: Latitude, lon: Longitude, cursor: Cursor = None
) -> Response:
    """The Nearby grid as a fragment: the first page (``notes/_nearby_grid.html``), or
    with ``cursor`` and htmx the next cards to append (``notes/_card_page.html``)."""
    context = await nearby_context(request, session, lat=lat, lon=lon, cursor=cursor)
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    return render(request, "notes/_nearby_grid.html", context)
