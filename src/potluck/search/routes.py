"""Search JSON API: notes, people and topics; suggestions; history; trending searches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import ActingViewer, AnyViewer, visitor_key
from potluck.accounts.avatars import avatar_url
from potluck.kit.viewer import Viewer
from potluck.notes.presenters import Gettext, card_out
from potluck.search import service
from potluck.search.engine import Sort
from potluck.search.schemas import (
    HighlightedText,
    HistoryCleared,
    NoteHitOut,
    PastSearchOut,
    PersonHitOut,
    SearchHistoryOut,
    SearchResults,
    SuggestionList,
    SuggestionOut,
    TopicHitOut,
    TrendingSearchList,
    TrendingSearchOut,
)
from potluck.search.service import NoteHit, PersonHit, Suggestion, SuggestionKind, TopicHit
from potluck.search.snippets import Highlighted
from potluck.web.boundary import request_session, writing_request
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

if TYPE_CHECKING:
    from potluck.runtime import Runtime

router = APIRouter(prefix="/api/v1", tags=["search"])

# Longer queries get a clear 422 from the service; this bound only keeps URLs sane.
Q = Annotated[str, Query(max_length=2000, description="What to search for (at most 100 characters)")]
SearchType = Literal["notes", "users", "topics"]


def search_url(query: str, kind: str = "notes") -> str:
    return "/search?" + urlencode({"q": query} if kind == "notes" else {"q": query, "type": kind})


def topic_url(name: str) -> str:
    return f"/topics/{quote(name, safe='')}"


def person_url(username: str) -> str:
    return f"/@{username}"


def highlighted_out(text: Highlighted) -> HighlightedText:
    return HighlightedText(text=text.text, highlights=list(text.spans))


def person_out(person: PersonHit) -> PersonHitOut:
    return PersonHitOut(
        id=person.id,
        username=person.username,
        display_name=person.display_name,
        avatar_url=avatar_url(person.avatar_key),
        is_private=person.is_private,
        followers=person.follower_count,
        notes=person.note_count,
        followed_by_me=person.followed_by_me,
        url=person_url(person.username),
    )


def topic_out(topic: TopicHit) -> TopicHitOut:
    return TopicHitOut(id=topic.id, name=topic.name, notes=topic.note_count, url=topic_url(topic.name))


def suggestion_url(suggestion: Suggestion) -> str:
    if suggestion.kind == SuggestionKind.TOPIC:
        return topic_url(suggestion.text)
    if suggestion.kind == SuggestionKind.PERSON:
        return person_url(suggestion.text)
    return search_url(suggestion.text)


def _search_session(request: Request, viewer: Viewer, cursor: str | None) -> AsyncSession:
    """The request's session, a writing one when a signed-in person's search is to go
    into their history (a first page): see ``web.boundary.writing_request``."""
    if viewer.id is not None and not cursor:
        writing_request(request)
    return request_session(request)


async def _session_for_search(request: Request, viewer: AnyViewer, cursor: str | None = None) -> AsyncSession:
    return _search_session(request, viewer, cursor)


SearchSession = Annotated[AsyncSession, Depends(_session_for_search)]  # for the pages


@router.get("/search", response_model=SearchResults)
async def search(
    request: Request,
    *,
    viewer: AnyViewer,
    q: Q = "",
    type: SearchType = "notes",  # noqa: A002 - the API's parameter name
    category: str | None = None,
    note_type: str | None = None,
    within: Annotated[str | None, Query(description="Posted within: day, week, month or year")] = None,
    sort: Sort = Sort.RELEVANCE,
    cursor: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    exact: Annotated[bool, Query(description="Search exactly what was typed, without correcting it")] = False,
) -> Response:
    """Search notes (``type=notes``: title, text, topics and place, in Chinese with or
    without spaces, Traditional or Simplified, pinyin, English word forms), people
    (``type=users``: username from its start, display name anywhere) or topics. Notes can
    be filtered by category, note type and how recently posted, and sorted by relevance,
    newest or most liked. Words such as "tips" or 推荐 are not required; when the notes
    with every word do not fill the first page, notes with some of them follow
    (``partial_from``). When nothing matches a misspelt query, its correction's notes are
    returned with ``corrected_from`` (``exact=true`` searches exactly what was typed).
    Only what you may read is returned. 422 for an empty query or one longer than 100
    characters. Logged-out visitors share a copy of each page up to
    ``anonymous_cache_seconds`` old."""
    visitor = visitor_key(request)
    if type == "users":
        people = await service.search_people(
            _search_session(request, viewer, cursor),
            query=q,
            viewer=viewer,
            cursor=cursor,
            limit=limit,
            visitor=visitor,
        )
        return _json(
            _results("users", q, users=[person_out(p) for p in people.items], next_cursor=people.next_cursor)
        )
    if type == "topics":
        topics = await service.search_topics(
            _search_session(request, viewer, cursor),
            query=q,
            viewer=viewer,
            cursor=cursor,
            limit=limit,
            visitor=visitor,
        )
        return _json(
            _results("topics", q, topics=[topic_out(t) for t in topics.items], next_cursor=topics.next_cursor)
        )
    filters = service.filters_for(category=category, note_type=note_type, within=within)
    locale = locale_from_scope(request.scope)
    runtime = runtime_of(request)

    async def results(*, counted: bool) -> bytes:
        found = await service.search_notes(
            _search_session(request, viewer, cursor),
            query=q,
            viewer=viewer,
            filters=filters,
            sort=sort,
            cursor=cursor,
            limit=limit,
            visitor=visitor,
            correct=not exact,
            counted=counted,
        )
        gettext = gettext_for(locale)
        out = SearchResults(
            type="notes",
            query=found.query,
            corrected_from=found.corrected_from,
            partial_from=found.partial_from,
            notes=[_note_hit_out(hit, runtime, gettext) for hit in found.hits],
            users=[],
            topics=[],
            next_cursor=found.next_cursor,
        )
        return out.model_dump_json().encode()

    ttl = runtime.settings.anonymous_cache_seconds
    if viewer.id is not None or ttl <= 0:
        return Response(await results(counted=False), media_type="application/json")
    # Logged out: every visitor is shown the same page, so one copy is kept for all (it
    # still counts against the visitor's limit; the session is opened on a miss only).
    await service.count_search(runtime.rate_limiter, viewer=viewer, visitor=visitor)
    key = service.shared_results_key(
        service.clean_query(q),
        locale,
        f"{category}|{note_type}|{within}|{sort.value}|{cursor}|{limit}|{exact}",
    )
    body = await runtime.cache.get_or_fill(key, ttl=ttl, fill=lambda: results(counted=True))
    return Response(body, media_type="application/json")


def _json(model: BaseModel) -> Response:
    """The model as JSON, serialised once (not validated again against the route's
    response model: it was built as one)."""
    return Response(model.model_dump_json(), media_type="application/json")


def _note_hit_out(hit: NoteHit, runtime: Runtime, gettext: Gettext) -> NoteHitOut:
    return NoteHitOut(
        note=card_out(hit.card, runtime, gettext),
        title=highlighted_out(hit.title),
        snippet=highlighted_out(hit.snippet),
    )


def _results(
    kind: Literal["users", "topics"],
    query: str,
    *,
    users: list[PersonHitOut] | None = None,
    topics: list[TopicHitOut] | None = None,
    next_cursor: str | None,
) -> SearchResults:
    return SearchResults(
        type=kind,
        query=" ".join(query.split()),
        corrected_from=None,
        notes=[],
        users=users or [],
        topics=topics or [],
        next_cursor=next_cursor,
    )


@router.get("/search/suggest", response_model=SuggestionList)
async def suggest(request: Request, viewer: AnyViewer, session: DbSession, q: Q = "") -> Response:
    """Suggestions while typing: popular searches that start with ``q``, then topics and
    people whose names start with it. An empty list for an empty ``q``."""
    suggestions = await service.suggest(session, query=q, viewer=viewer, visitor=visitor_key(request))
    return _json(
        SuggestionList(
            items=[
                SuggestionOut(
                    kind=s.kind.value, text=s.text, label=s.label, count=s.count, url=suggestion_url(s)
                )
                for s in suggestions
            ]
        )
    )


@router.get("/search/trending")
async def trending(session: DbSession, limit: Annotated[int, Query(ge=1, le=20)] = 10) -> TrendingSearchList:
    """What most people searched in the last day (each person once a day per query, only
    searches that found something, at least two people each)."""
    trends = await service.trending(session, limit=limit)
    return TrendingSearchList(
        items=[
            TrendingSearchOut(query=t.query, searchers=t.searchers, url=search_url(t.query)) for t in trends
        ]
    )


@router.get("/search/history")
async def history(viewer: ActingViewer, session: DbSession) -> SearchHistoryOut:
    """Your last 20 searches, newest first."""
    past = await service.history(session, viewer=viewer)
    return SearchHistoryOut(
        items=[PastSearchOut(query=p.query, searched_at=p.searched_at, url=search_url(p.query)) for p in past]
    )


@router.delete("/search/history")
async def clear_history(
    viewer: ActingViewer,
    session: DbSession,
    q: Annotated[str | None, Query(max_length=200, description="Forget only this search")] = None,
) -> HistoryCleared:
    """Clear your search history (or, with ``q``, one search of it)."""
    return HistoryCleared(removed=await service.forget_history(session, viewer=viewer, query=q))
