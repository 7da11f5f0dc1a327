"""The notifications page (three tabs, as on Xiaohongshu) and marking a tab read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from potluck.accounts.auth import PageUser, viewer_of
from potluck.notifications import service
from potluck.notifications.models import Group
from potluck.notifications.routes import notification_page
from potluck.web.deps import DbSession
from potluck.web.forms import see_other
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

Tab = Annotated[Group, Query()]
Cursor = Annotated[str | None, Query(max_length=40)]
PAGE_SIZE = 20


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
    context: dict[str, Any] = {
        "tab": tab,
        "items": page.items,
        "next_url": next_url,
        "nav_active": "notifications",
    }
    if cursor is not None and request.headers.get("hx-request") == "true":
        return render(request, "notifications/_more.html", context)
    counts = await service.unread_counts(session, viewer=viewer)
    context |= {"tabs": list(Group), "unread": counts.groups}
    return render(request, "notifications/page.html", context)


@router.post("/notifications/read")
async def mark_tab_read(
    request: Request, user: PageUser, session: DbSession, tab: Annotated[Group, Form()]
) -> Response:
    await service.mark_read(session, viewer=viewer_of(user), group=tab)
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204)
    return see_other(request, f"/notifications?tab={tab}")
