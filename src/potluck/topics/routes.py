"""Topics JSON API: a topic, its notes (hot or new), following topics, trending."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request

from potluck.accounts.auth import ActingViewer, AnyViewer
from potluck.kit.viewer import Viewer
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CardPage
from potluck.topics import service
from potluck.topics.schemas import TopicCounts, TopicList, TopicOut, TrendList, TrendOut
from potluck.topics.service import Topic
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

router = APIRouter(prefix="/api/v1", tags=["topics"])

Cursor = Annotated[str | None, Query(max_length=60, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]
TopicName = Annotated[str, "a topic's name, with or without #, in any case"]


def topic_url(name: str) -> str:
    return f"/topics/{quote(name, safe='')}"


def topic_out(topic: Topic) -> TopicOut:
    return TopicOut(
        id=topic.id,
        name=topic.name,
        url=topic_url(topic.name),
        counts=TopicCounts(
            notes=topic.note_count,
            views=topic.view_count,
            comments=topic.comment_count,
            likes=topic.like_count,
            collects=topic.collect_count,
            followers=topic.follower_count,
        ),
        followed=topic.followed,
    )


# Declared before /topics/{name}: a topic called "trending" is reached as /topics/%23trending.
@router.get("/topics/trending")
async def trending_topics(session: DbSession, limit: Annotated[int, Query(ge=1, le=20)] = 10) -> TrendList:
    """Topics with the most activity in the last 24 hours and 7 days: public notes
    published and the likes, collects and comments they got, the last day weighted four
    times. The same for everyone and up to a minute old."""
    trends = await service.trending_topics(session, limit=limit)
    return TrendList(
        items=[
            TrendOut(
                id=trend.id,
                name=trend.name,
                url=topic_url(trend.name),
                notes_today=trend.notes_today,
                notes_this_week=trend.notes_this_week,
                score=trend.score,
            )
            for trend in trends
        ]
    )


@router.get("/topics/{name}")
async def get_topic(name: str, viewer: AnyViewer, session: DbSession) -> TopicOut:
    """A topic with its counts and whether you follow it. Names match whatever their case
    or width (``TikTokRefugee``, ``tiktokrefugee``, ``#ＴｉｋＴｏｋＲｅｆｕｇｅｅ``); 404 for a
    topic no note has used."""
    return topic_out(await service.get_topic(session, name=name, viewer=viewer))


@router.get("/topics/{name}/notes")
async def list_topic_notes(
    name: str,
    *,
    request: Request,
    viewer: AnyViewer,
    session: DbSession,
    sort: Literal["hot", "new"] = "hot",
    cursor: Cursor = None,
    limit: Limit = 20,
) -> CardPage:
    """The topic's notes you may read: ``hot`` (likes, collects and comments against age;
    docs/topics.md) or ``new`` (newest first)."""
    return await topic_cards(request, session, viewer, name=name, sort=sort, cursor=cursor, limit=limit)


async def topic_cards(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    *,
    name: str,
    sort: Literal["hot", "new"],
    cursor: str | None,
    limit: int,
) -> CardPage:
    topic = await service.get_topic(session, name=name, viewer=viewer)
    page = await service.topic_notes(
        session, hashtag_id=topic.id, viewer=viewer, sort=sort, cursor=cursor, limit=limit
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    return CardPage(
        items=[card_out(card, runtime, gettext) for card in page.cards], next_cursor=page.next_cursor
    )


@router.post("/topics/{name}/follow")
async def follow_topic(name: str, viewer: ActingViewer, session: DbSession) -> TopicOut:
    """Follow a topic (its notes then count for your Explore). Following twice changes nothing."""
    return topic_out(await service.follow_topic(session, name=name, viewer=viewer, follow=True))


@router.delete("/topics/{name}/follow")
async def unfollow_topic(name: str, viewer: ActingViewer, session: DbSession) -> TopicOut:
    return topic_out(await service.follow_topic(session, name=name, viewer=viewer, follow=False))


@router.get("/me/topics")
async def my_topics(
    viewer: ActingViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> TopicList:
    """The topics you follow, most recently followed first."""
    page = await service.list_followed(session, viewer=viewer, cursor=cursor, limit=limit)
    return TopicList(items=[topic_out(topic) for topic in page.topics], next_cursor=page.next_cursor)
