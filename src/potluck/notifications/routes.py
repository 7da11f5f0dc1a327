"""Notifications JSON API: the list, unread counts, and marking read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from potluck.accounts.auth import ActingViewer
from potluck.kit.viewer import Viewer
from potluck.notifications import presenters, service
from potluck.notifications.models import Group
from potluck.notifications.schemas import MarkRead, NotificationPage, UnreadCountsOut
from potluck.notifications.service import UnreadCounts
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import get_translations, locale_from_scope

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])

Cursor = Annotated[str | None, Query(max_length=40, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]
KindFilter = Annotated[
    Group | None, Query(description="Only one tab: likes_collects, comments_mentions or follows")
]


def counts_out(counts: UnreadCounts) -> UnreadCountsOut:
    return UnreadCountsOut(total=counts.total, groups=counts.groups)


async def notification_page(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    *,
    group: Group | None,
    cursor: str | None,
    limit: int,
) -> NotificationPage:
    page = await service.list_notifications(
        session, viewer=viewer, group=group, before=presenters.parse_cursor(cursor), limit=limit
    )
    return await presenters.page_out(
        session,
        page=page,
        viewer=viewer,
        runtime=runtime_of(request),
        translations=get_translations(locale_from_scope(request.scope)),
    )


@router.get("")
async def list_notifications(
    request: Request,
    *,
    viewer: ActingViewer,
    session: DbSession,
    kind: KindFilter = None,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> NotificationPage:
    """Your notifications, most recently active first. Likes, collects, likes of a
    comment, new followers and follow requests come grouped ("Mia and 23 others liked
    your note"); comments, replies and mentions one by one."""
    return await notification_page(request, session, viewer, group=kind, cursor=cursor, limit=limit)


@router.get("/unread-count")
async def unread_count(viewer: ActingViewer, session: DbSession) -> UnreadCountsOut:
    """How many notifications you have not read, in all and per tab."""
    return counts_out(await service.unread_counts(session, viewer=viewer))


@router.post("/read")
async def mark_read(body: MarkRead, viewer: ActingViewer, session: DbSession) -> UnreadCountsOut:
    """Mark notifications read (all when the body is empty); answers the new unread
    counts, which your other open pages also receive live."""
    counts = await service.mark_read(
        session,
        viewer=viewer,
        group=body.group,
        ids=body.ids,
        up_to=presenters.parse_cursor(body.up_to),
    )
    return counts_out(counts)
