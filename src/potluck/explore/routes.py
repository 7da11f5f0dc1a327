"""Explore JSON API: the feed, impressions and clicks, interests and feed preferences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import ValidationError

from potluck.accounts.auth import ActingViewer, AnyViewer, visitor_key
from potluck.cache import kept_pages
from potluck.cache.kept_pages import KeptPage
from potluck.explore import service
from potluck.explore.schemas import (
    ExplorePage,
    FeedEventBatch,
    FeedEventsResult,
    FeedPreferencesIn,
    FeedPreferencesOut,
    InterestsIn,
    InterestsOut,
    TopicOut,
)
from potluck.notes.models import Category
from potluck.notes.presenters import card_out
from potluck.notes.schemas import CategoryField
from potluck.web.boundary import request_session
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.kept_reads import KeptRead, page_size

router = APIRouter(prefix="/api/v1", tags=["explore"])

EXPLORE_PATH = "/api/v1/feed/explore"
MAX_CURSOR = 40
MAX_LIMIT = 50
DEFAULT_LIMIT = 20
Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
# Logged-out visitors share one copy of each trending page for this long.
ANONYMOUS_SECONDS = 30.0


@router.get("/feed/explore", response_model=ExplorePage)
async def explore(
    request: Request,
    viewer: AnyViewer,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
    category: CategoryField | None = None,
) -> ExplorePage | Response:
    """Explore. Logged in: your personalised feed; ``next_cursor`` carries the feed session,
    and no note repeats within one. Opened again within half a minute while nothing it
    depends on changed, it gives the same session back (ranking would arrange the same
    notes). Logged out: this week's trending notes, the same for everyone (cached for a
    few seconds)."""

    runtime = runtime_of(request)
    locale = locale_from_scope(request.scope)

    async def page() -> tuple[ExplorePage, list[int]]:
        """The page, and the authors it shows."""
        feed = await service.explore_feed(
            request_session(request), viewer=viewer, cursor=cursor, limit=limit, category=category
        )
        gettext = gettext_for(locale)
        shown = ExplorePage(
            items=[card_out(card, runtime, gettext) for card in feed.cards],
            next_cursor=feed.next_cursor,
            feed_session=feed.feed_session,
        )
        return shown, [card.note.author_id for card in feed.cards]

    if viewer.id is not None:
        made_at = kept_pages.started()
        shown, authors = await page()
        # Every page of a session is the same page when asked for again, the first one
        # included (a new session would be arranged the same way while nothing changed):
        # kept, and the session with it.
        body = shown.model_dump_json().encode()
        subjects = kept_pages.subjects_of(reader_id=viewer.id, author_ids=authors)
        kept = KeptPage(made_at=made_at, stamp=None, subjects=subjects, body=body)
        key = explore_key(viewer.id, locale, limit, category, cursor or "")
        await kept_pages.store(runtime.cache, key, kept)
        return Response(body, media_type="application/json")

    async def fill() -> bytes:
        return (await page())[0].model_dump_json().encode()

    key = f"explore:anonymous:{locale}:{category or ''}:{cursor or ''}:{limit}"
    body = await runtime.cache.get_or_fill(key, ttl=ANONYMOUS_SECONDS, fill=fill)
    return Response(
        body,
        media_type="application/json",
        headers={"Cache-Control": f"public, max-age={int(ANONYMOUS_SECONDS)}"},
    )


def explore_key(user_id: int, locale: str, limit: int, category: str | None, cursor: str) -> str:
    """Where a page of someone's Explore session is kept (:mod:`potluck.cache.kept_pages`);
    the first page (``cursor`` empty) is that of the session last started."""
    return f"feed:explore:{user_id}:{locale}:{limit}:{category or ''}:{cursor}"


def kept_reads() -> list[KeptRead]:
    """Pages of Explore sessions, for :class:`~potluck.web.kept_reads.KeptReadMiddleware`."""
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is explore)
    categories = {category.value for category in Category}

    def key(user_id: int, locale: str, query: Mapping[str, str]) -> str | None:
        limit = page_size(query, default=DEFAULT_LIMIT, maximum=MAX_LIMIT)
        cursor = query.get("cursor")
        category = query.get("category")
        if set(query) - {"cursor", "limit", "category"} or limit is None:
            return None
        if cursor is not None and not 0 < len(cursor) <= MAX_CURSOR:
            return None
        if category is not None and category not in categories:
            return None
        return explore_key(user_id, locale, limit, category, cursor or "")

    return [KeptRead(path=EXPLORE_PATH, key=key, route=route)]


# The events body is parsed by hand (JSON or a beacon's form), so its schema is spelled out.
_EVENTS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "maxItems": 100,
            "items": {
                "type": "object",
                "required": ["note_id", "kind"],
                "properties": {
                    "note_id": {"type": "string", "pattern": "^[0-9]{1,19}$"},
                    "kind": {"type": "string", "enum": ["impression", "click"]},
                    "feed_session": {"type": "string", "maxLength": 32},
                },
            },
        }
    },
}


@router.post(
    "/feed/events",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _EVENTS_SCHEMA},
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"events": {"type": "string"}}}
                },
            },
        }
    },
)
async def record_events(request: Request, viewer: AnyViewer, session: DbSession) -> FeedEventsResult:
    """Log up to 100 impressions and clicks of Explore cards in one go. JSON
    (``{"events": [...]}``), or a form whose ``events`` field holds that list as JSON
    (what ``navigator.sendBeacon`` sends when a page is hidden)."""
    batch = await _event_batch(request)
    recorded = await service.record_events(
        session,
        viewer=viewer,
        visitor=visitor_key(request),
        events=[service.FeedEventIn(e.note_id, e.kind, e.feed_session) for e in batch.events],
    )
    return FeedEventsResult(recorded=recorded)


async def _event_batch(request: Request) -> FeedEventBatch:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if content_type == "application/x-www-form-urlencoded":
            form = await request.form()
            events = form.get("events")
            raw = events if isinstance(events, str) else ""
            return FeedEventBatch.model_validate_json(f'{{"events": {raw or "null"}}}')
        return FeedEventBatch.model_validate_json(await request.body())
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        ) from error


# --- interests and preferences ---------------------------------------------------------------


def _interests_out(interests: service.Interests) -> InterestsOut:
    return InterestsOut(
        categories=interests.categories, topics=[TopicOut(id=t.id, name=t.name) for t in interests.topics]
    )


@router.get("/me/interests")
async def get_interests(viewer: ActingViewer, session: DbSession) -> InterestsOut:
    """The categories and topics you picked (at sign-up or since)."""
    return _interests_out(await service.get_interests(session, viewer=viewer))


@router.put("/me/interests")
async def put_interests(body: InterestsIn, viewer: ActingViewer, session: DbSession) -> InterestsOut:
    """Replace your picked categories and topics (``GET /api/v1/topics/popular`` lists
    topics to pick from)."""
    interests = await service.set_interests(
        session, viewer=viewer, categories=body.categories, topic_ids=body.topics
    )
    return _interests_out(interests)


@router.get("/topics/popular")
async def popular_topics(session: DbSession, limit: Limit = 24) -> list[TopicOut]:
    """Topics with the most notes."""
    return [TopicOut(id=t.id, name=t.name) for t in await service.popular_topics(session, limit=limit)]


@router.get("/me/feed-preferences")
async def get_feed_preferences(viewer: ActingViewer, session: DbSession) -> FeedPreferencesOut:
    preferences = await service.get_preferences(session, viewer=viewer)
    return FeedPreferencesOut(other_languages=preferences.other_languages)


@router.patch("/me/feed-preferences")
async def patch_feed_preferences(
    body: FeedPreferencesIn, viewer: ActingViewer, session: DbSession
) -> FeedPreferencesOut:
    """How many notes in languages you do not speak Explore mixes in: none, some (about one
    in five, the default) or many (about half)."""
    preferences = await service.set_preferences(session, viewer=viewer, other_languages=body.other_languages)
    return FeedPreferencesOut(other_languages=preferences.other_languages)
