"""Topic pages: ``/topics/{name}`` (header with counts and a Follow button, Hot and New
tabs over a grid of notes) and ``/topics`` (trending topics and the ones you follow).

``trending_context`` feeds ``topics/_trending.html``, the trending list any page can
include.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import PageUser, optional_user, request_viewer, viewer_of
from potluck.notes.pages import is_htmx
from potluck.notes.profile_pages import card_views
from potluck.topics import service
from potluck.topics.routes import topic_out, topic_url
from potluck.topics.schemas import TopicOut
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

CARDS_PER_PAGE = 20
TABS = ("hot", "new")


async def trending_context(session: AsyncSession, *, limit: int = 10) -> dict[str, Any]:
    """What ``topics/_trending.html`` shows: ``{"trending": [{name, url, notes_today,
    notes_this_week}, ...]}``, the same for everyone and at most a minute old."""
    trends = await service.trending_topics(session, limit=limit)
    return {
        "trending": [
            {
                "name": trend.name,
                "url": topic_url(trend.name),
                "notes_today": trend.notes_today,
                "notes_this_week": trend.notes_this_week,
            }
            for trend in trends
        ]
    }


@router.get("/topics")
async def topics_page(request: Request, session: DbSession) -> Response:
    """Trending topics, and the topics you follow."""
    user = optional_user(request)
    followed: list[TopicOut] = []
    if user is not None:
        page = await service.list_followed(session, viewer=viewer_of(user), cursor=None, limit=50)
        followed = [topic_out(topic) for topic in page.topics]
    context = {**await trending_context(session, limit=20), "followed": followed}
    return render(request, "topics/index.html", context)


@router.get("/topics/{name}")
async def topic_page(
    name: str, request: Request, session: DbSession, tab: str = "hot", cursor: str | None = None
) -> Response:
    viewer = request_viewer(request)
    tab = tab if tab in TABS else "hot"
    topic = await service.get_topic(session, name=name, viewer=viewer)
    page = await service.topic_notes(
        session,
        hashtag_id=topic.id,
        viewer=viewer,
        sort="hot" if tab == "hot" else "new",
        cursor=cursor,
        limit=CARDS_PER_PAGE,
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    url = topic_url(topic.name)
    context = {
        "topic": topic_out(topic),
        "topic_path": url,
        "tab": tab,
        "tab_url": f"{url}?tab={tab}",
        "cards": card_views(page.cards, runtime_of(request)),
        "next_cursor": page.next_cursor,
        "empty": gettext("No notes here yet. Use #%(name)s in a note to be the first.")
        % {"name": topic.name},
    }
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    return render(request, "topics/topic.html", context)


@router.post("/topics/{name}/follow")
async def follow_submit(
    name: str,
    request: Request,
    user: PageUser,
    session: DbSession,
    action: Annotated[str, Form(max_length=20)] = "follow",
) -> Response:
    """The Follow button: htmx swaps it in place; a plain form goes back to the topic."""
    topic = await service.follow_topic(
        session, name=name, viewer=viewer_of(user), follow=action != "unfollow"
    )
    out = topic_out(topic)
    if not is_htmx(request):
        return see_other(request, out.url)
    return render(request, "topics/_follow_button.html", {"topic": out})
