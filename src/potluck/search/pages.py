"""Search pages.

- ``/search`` without a query: the landing (your recent searches, each of which can be
  forgotten, or all at once; trending searches; popular topics).
- ``/search?q=`` with ``type`` ``notes`` (the default), ``users`` or ``topics``: tabs of
  results. Notes are the card grid with the matched words marked, filters (category, note
  type, posted within), a sort and the infinite scroll; a misspelt query that found nothing
  shows its correction's notes and says so. A refusal (a query too long, a filter that
  does not exist, searching too fast) is this page with the reason (422, 429).
- ``/search/suggest?q=`` (an htmx fragment): the suggestions under the top bar's search box
  while someone types (``js/search.js`` closes them on Escape or when the box loses focus).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import PageUser, request_viewer, viewer_of, visitor_key
from potluck.accounts.avatars import avatar_url
from potluck.kit.errors import Invalid, PotluckError, RateLimited
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.notes.models import NoteType
from potluck.notes.pages import CATEGORY_LABELS, is_htmx
from potluck.notes.profile_pages import card_views
from potluck.search import service
from potluck.search.engine import Sort
from potluck.search.routes import SearchSession, search_url, suggestion_url, topic_url
from potluck.search.service import NoteHit, PersonHit, TopicHit, Within
from potluck.social.schemas import RelationshipOut
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import headers_of, see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

RESULTS_PER_PAGE = 20
TRENDING_SHOWN = 10
POPULAR_TOPICS_SHOWN = 12

TABS: dict[str, str] = {"notes": N_("Notes"), "users": N_("Users"), "topics": N_("Topics")}
SORT_LABELS: dict[str, str] = {
    Sort.RELEVANCE: N_("Relevance"),
    Sort.NEWEST: N_("Newest"),
    Sort.MOST_LIKED: N_("Most liked"),
}
NOTE_TYPE_LABELS: dict[str, str] = {NoteType.IMAGE: N_("Photos"), NoteType.VIDEO: N_("Videos")}
WITHIN_LABELS: dict[str, str] = {
    Within.DAY: N_("Past day"),
    Within.WEEK: N_("Past week"),
    Within.MONTH: N_("Past month"),
    Within.YEAR: N_("Past year"),
}

History = Annotated[str, Form(min_length=1, max_length=200)]


@dataclass(frozen=True)
class NoteChoices:
    """The filters and sort of the Notes tab as the address gives them (an empty value,
    as a filter form's "any" sends it, is no filter)."""

    category: str | None = None
    note_type: str | None = None
    within: str | None = None
    sort: str = Sort.RELEVANCE
    exact: bool = False  # search what was typed, without correcting it

    @property
    def filtered(self) -> bool:
        return any((self.category, self.note_type, self.within))

    def params(self, **changes: str | None) -> dict[str, str]:
        """The address's parameters for these choices (with ``changes``), defaults left out."""
        values = {
            "category": self.category,
            "note_type": self.note_type,
            "within": self.within,
            "sort": self.sort,
            "exact": "1" if self.exact else None,
            **changes,
        }
        if values["sort"] == Sort.RELEVANCE:
            values["sort"] = None
        return {name: value for name, value in values.items() if value}


def results_url(query: str, tab: str = "notes", params: dict[str, str] | None = None) -> str:
    """The results page of ``query`` on ``tab`` (with the Notes tab's ``params``)."""
    return search_url(query, tab) + ("&" + urlencode(params) if params else "")


# --- /search ---------------------------------------------------------------------------------


@router.get("/search")
async def search_page(
    request: Request,
    *,
    session: SearchSession,
    q: str = "",
    type: str = "notes",  # noqa: A002 - the same parameter as the API's
    category: str = "",
    note_type: str = "",
    within: str = "",
    sort: str = "",
    cursor: str | None = None,
    exact: str = "",
) -> Response:
    """The landing without a query; with one, the tab's results (with a cursor and htmx,
    only the next page, appended by the infinite scroll)."""
    query = " ".join(q.split())
    if not query:
        return await _landing(request, session)
    tab = type if type in TABS else "notes"
    choices = NoteChoices(
        category or None, note_type or None, within or None, sort or Sort.RELEVANCE, exact=bool(exact)
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    context: dict[str, Any] = {
        "q": query,
        "search_query": query,
        "tab": tab,
        "tabs": [
            {"name": name, "label": gettext(label), "url": results_url(query, name)}
            for name, label in TABS.items()
        ],
        "choices": choices,
        "error": None,
        "popular_topics": [],
    }
    try:
        if tab == "notes":
            context |= _note_tools(query, choices, gettext)
            context |= await _note_results(request, session, query, choices, cursor)
        elif tab == "users":
            context |= await _people_results(request, session, query, cursor)
        else:
            context |= await _topic_results(request, session, query, cursor)
    except (Invalid, RateLimited) as refusal:
        if refusal.field == "q" and refusal.reason == "empty":  # nothing printable in it
            return await _landing(request, session)
        return _refused(request, context, refusal, more=bool(cursor))
    if cursor and is_htmx(request):
        template = "notes/_card_page.html" if tab == "notes" else "search/_rows_page.html"
        return render(request, template, context)
    if not context["found"]:
        context["popular_topics"] = await _popular_topics(session)
    return render(request, "search/results.html", context)


def _sort(value: str) -> Sort:
    if value not in set(Sort):
        raise Invalid(
            N_("Choose one of: %(choices)s."),
            field="sort",
            reason="invalid_choice",
            params={"choices": ", ".join(Sort)},
        )
    return Sort(value)


def _note_tools(query: str, choices: NoteChoices, gettext: Any) -> dict[str, Any]:
    """The sort links and the filter form's choices, in the page's language."""

    def options(labels: dict[str, str], chosen: str | None) -> list[dict[str, Any]]:
        return [
            {"value": value, "label": gettext(label), "selected": value == chosen}
            for value, label in labels.items()
        ]

    return {
        "sorts": [
            {
                "label": gettext(label),
                "url": results_url(query, "notes", choices.params(sort=value)),
                "current": value == choices.sort,
                "value": value,
            }
            for value, label in SORT_LABELS.items()
        ],
        "category_options": options(CATEGORY_LABELS, choices.category),
        "note_type_options": options(NOTE_TYPE_LABELS, choices.note_type),
        "within_options": options(WITHIN_LABELS, choices.within),
        "unfiltered_url": results_url(
            query, "notes", choices.params(category=None, note_type=None, within=None)
        ),
    }


async def _note_results(
    request: Request, session: AsyncSession, query: str, choices: NoteChoices, cursor: str | None
) -> dict[str, Any]:
    sort = _sort(choices.sort)
    filters = service.filters_for(
        category=choices.category, note_type=choices.note_type, within=choices.within
    )
    found = await service.search_notes(
        session,
        query=query,
        viewer=request_viewer(request),
        filters=filters,
        sort=sort,
        cursor=cursor,
        limit=RESULTS_PER_PAGE,
        visitor=visitor_key(request),
        correct=not choices.exact,
    )
    cards = card_views([hit.card for hit in found.hits], runtime_of(request))
    for card, hit in zip(cards, found.hits, strict=True):
        card.update(_marked(hit))
    return {
        "found": bool(cards),
        "cards": cards,
        "next_cursor": found.next_cursor,
        # Later pages go on with what the first showed: the correction's notes, if any.
        "tab_url": results_url(found.query, "notes", choices.params()),
        "shown_query": found.query,
        "corrected_from": found.corrected_from,
        "exact_url": (
            results_url(found.corrected_from, "notes", choices.params(exact="1"))
            if found.corrected_from is not None
            else None
        ),
        "only_some_words": found.partial_from == 0 and cursor is None,
        "empty": "",
    }


def _marked(hit: NoteHit) -> dict[str, Any]:
    """A card's title with the matched words to mark (a note without a title keeps the
    card's own), and the piece of its text around the first match when one is there."""
    return {
        "title_parts": hit.title.parts() if hit.title.text else None,
        "snippet_parts": hit.snippet.parts() if hit.snippet.spans else None,
    }


async def _people_results(
    request: Request, session: AsyncSession, query: str, cursor: str | None
) -> dict[str, Any]:
    viewer = request_viewer(request)
    page = await service.search_people(
        session,
        query=query,
        viewer=viewer,
        cursor=cursor,
        limit=RESULTS_PER_PAGE,
        visitor=visitor_key(request),
    )
    return {
        "found": bool(page.items),
        "people": [_person_row(person, viewer) for person in page.items],
        "topics": [],
        "next_cursor": page.next_cursor,
        "tab_url": results_url(query, "users"),
    }


def _person_row(person: PersonHit, viewer: Viewer) -> dict[str, Any]:
    relation = None
    if viewer.id is not None:
        relation = RelationshipOut(
            username=person.username,
            following=person.followed_by_me,
            requested=False,
            followed_by=False,
            blocking=False,
            muting=False,
        )
    return {
        "id": person.id,
        "username": person.username,
        "display_name": person.display_name,
        "avatar_url": avatar_url(person.avatar_key),
        "is_private": person.is_private,
        "followers": person.follower_count,
        "notes": person.note_count,
        "url": f"/@{person.username}",
        "is_me": person.id == viewer.id,
        "relation": relation,
    }


async def _topic_results(
    request: Request, session: AsyncSession, query: str, cursor: str | None
) -> dict[str, Any]:
    page = await service.search_topics(
        session,
        query=query,
        viewer=request_viewer(request),
        cursor=cursor,
        limit=RESULTS_PER_PAGE,
        visitor=visitor_key(request),
    )
    return {
        "found": bool(page.items),
        "people": [],
        "topics": [_topic_row(topic) for topic in page.items],
        "next_cursor": page.next_cursor,
        "tab_url": results_url(query, "topics"),
    }


def _topic_row(topic: TopicHit) -> dict[str, Any]:
    return {"name": topic.name, "url": topic_url(topic.name), "notes": topic.note_count}


async def _popular_topics(session: AsyncSession) -> list[dict[str, Any]]:
    return [_topic_row(topic) for topic in await service.popular_topics(session, limit=POPULAR_TOPICS_SHOWN)]


def _refused(request: Request, context: dict[str, Any], refusal: PotluckError, *, more: bool) -> Response:
    """The results page saying why the search was refused; for a next page asked by the
    infinite scroll, only the reason, in place of its "Load more"."""
    gettext = gettext_for(locale_from_scope(request.scope))
    message = refusal.translated(gettext)
    status, headers = refusal.status_code, headers_of(refusal)
    if more and is_htmx(request):
        return render(
            request, "search/_more_refused.html", {"message": message}, status_code=status, headers=headers
        )
    context |= {"error": message, "error_status": status, "found": False}
    return render(request, "search/results.html", context, status_code=status, headers=headers)


async def _landing(request: Request, session: AsyncSession) -> Response:
    viewer = request_viewer(request)
    context = {
        "search_history": await _history(session, viewer),
        "trends": [
            {"query": trend.query, "url": search_url(trend.query)}
            for trend in await service.trending(session, limit=TRENDING_SHOWN)
        ],
        "popular_topics": await _popular_topics(session),
    }
    return render(request, "search/landing.html", context)


async def _history(session: AsyncSession, viewer: Viewer) -> list[dict[str, str]]:
    return [
        {"query": past.query, "url": search_url(past.query)}
        for past in await service.history(session, viewer=viewer)
    ]


# --- forgetting searches -----------------------------------------------------------------------


@router.post("/search/history/clear")
async def clear_history_submit(request: Request, user: PageUser, session: DbSession) -> Response:
    """Forget every recent search: htmx swaps the list, a plain form comes back to /search."""
    viewer = viewer_of(user)
    await service.forget_history(session, viewer=viewer)
    return await _history_answer(request, session, viewer)


@router.post("/search/history/forget")
async def forget_search_submit(request: Request, user: PageUser, session: DbSession, q: History) -> Response:
    """Forget one recent search (the × beside it)."""
    viewer = viewer_of(user)
    await service.forget_history(session, viewer=viewer, query=q)
    return await _history_answer(request, session, viewer)


async def _history_answer(request: Request, session: AsyncSession, viewer: Viewer) -> Response:
    if not is_htmx(request):
        return see_other(request, "/search")
    return render(request, "search/_history.html", {"search_history": await _history(session, viewer)})


# --- suggestions as you type --------------------------------------------------------------------


@router.get("/search/suggest")
async def suggest_fragment(request: Request, session: DbSession, q: str = "") -> Response:
    """The list under the search box: searching for what was typed, then popular searches,
    topics and people that start with it. Nothing for an empty box."""
    query = " ".join(q.split())
    if not query:
        return render(request, "search/_suggestions.html", {"query": ""})
    try:
        found = await service.suggest(
            session, query=query, viewer=request_viewer(request), visitor=visitor_key(request)
        )
    except RateLimited as refusal:
        # The list stays closed until the person slows down; Enter still searches.
        return render(
            request, "search/_suggestions.html", {"query": ""}, status_code=429, headers=headers_of(refusal)
        )
    context = {
        "query": query,
        "query_url": search_url(query),
        "suggestions": [
            {
                "kind": suggestion.kind.value,
                "text": suggestion.text,
                "label": suggestion.label,
                "count": suggestion.count,
                "url": suggestion_url(suggestion),
            }
            for suggestion in found
        ],
    }
    return render(request, "search/_suggestions.html", context)
