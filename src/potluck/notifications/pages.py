"""The notifications page (three tabs, as on Xiaohongshu) and marking a tab read."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from babel.dates import format_date, format_timedelta
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from potluck.accounts.auth import PageUser, viewer_of
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notifications import service
from potluck.notifications.models import Group, Kind
from potluck.notifications.routes import notification_page
from potluck.notifications.schemas import NotificationOut
from potluck.social import service as social
from potluck.social.schemas import RelationshipOut
from potluck.web.deps import DbSession
from potluck.web.forms import see_other
from potluck.web.i18n import locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

Tab = Annotated[Group, Query()]
Cursor = Annotated[str | None, Query(max_length=40)]
PAGE_SIZE = 20
RELATIVE_FOR = timedelta(days=7)


def when(moment: datetime, now: datetime, locale: str) -> str:
    """ "3 min. ago" for the last week, then the date, as a phone's inbox shows it."""
    if now - moment < RELATIVE_FOR:
        return format_timedelta(moment - now, add_direction=True, format="short", locale=locale)
    return format_date(moment, format="medium", locale=locale)


@router.get("/notifications")
async def notifications_page(
    request: Request,
    user: PageUser,
    session: DbSession,
    tab: Tab = Group.LIKES_COLLECTS,
    cursor: Cursor = None,
) -> Response:
    """One tab of notifications. Unread ones are marked as such on this render; the page
    then marks its tab read (a POST htmx sends on load), which clears the badge live."""
    viewer = viewer_of(user)
    page = await notification_page(request, session, viewer, group=tab, cursor=cursor, limit=PAGE_SIZE)
    next_url = f"/notifications?tab={tab}&cursor={page.next_cursor}" if page.next_cursor else None
    now, locale = utcnow(), locale_from_scope(request.scope)
    context: dict[str, Any] = {
        "tab": tab,
        "items": page.items,
        "ages": {item.id: when(item.updated_at, now, locale) for item in page.items},
        "follow_back": await _follow_back(session, viewer, page.items),
        "next_url": next_url,
        "nav_active": "notifications",
    }
    if cursor is not None and request.headers.get("hx-request") == "true":
        return render(request, "notifications/_more.html", context)
    counts = await service.unread_counts(session, viewer=viewer)
    context |= {"tabs": list(Group), "unread": counts.groups}
    return render(request, "notifications/page.html", context)


async def _follow_back(
    session: DbSession, viewer: Viewer, items: list[NotificationOut]
) -> dict[int, RelationshipOut]:
    """A Follow back (or Following) button beside each single new follower, by line."""
    single = {item.id: item.actors[0] for item in items if item.kind is Kind.FOLLOW and item.actor_count == 1}
    followed = await social.following_among(
        session, viewer=viewer, user_ids=[person.id for person in single.values()]
    )
    return {
        line_id: RelationshipOut(
            username=person.username,
            following=person.id in followed,
            requested=False,
            followed_by=True,
            blocking=False,
            muting=False,
        )
        for line_id, person in single.items()
    }


@router.post("/notifications/read")
async def mark_tab_read(
    request: Request, user: PageUser, session: DbSession, tab: Annotated[Group, Form()]
) -> Response:
    await service.mark_read(session, viewer=viewer_of(user), group=tab)
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204)
    return see_other(request, f"/notifications?tab={tab}")
