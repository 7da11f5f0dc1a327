"""Search use cases: notes, people and topics; suggestions as you type; each person's
history; trending searches; "did you mean".

Engines rank candidates (:mod:`.engines`); every note they return is checked against who
may read it (``notes.cards_by_ids``: visibility, followers-only notes, suspended authors,
blocks either way) before it is shown, so the index never decides what a reader sees.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.cache import cache_of
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notes.models import Category, NoteType, Visibility
from potluck.notes.service import NoteCard
from potluck.ratelimit import RateLimiter, rate_limiter
from potluck.search import repository, spelling
from potluck.search.analysis import QueryTerms, fold, query_terms
from potluck.search.engine import Filters, Sort
from potluck.search.ranking import ranked_ids
from potluck.search.snippets import Highlighted, highlight, snippet
from potluck.social import service as social

T = TypeVar("T")

MAX_QUERY = 100  # characters
MAX_RESULTS = 1_000  # how deep pages go, as on every search site
HISTORY_KEPT = 20
TRENDING_MIN_SEARCHERS = 2  # one person cannot make a trend
POPULAR_TTL = 60.0  # seconds a process keeps the popular queries

EMPTY_QUERY = N_("Type something to search for.")
QUERY_TOO_LONG = N_("Keep searches to %(count)d characters.")
BAD_CURSOR = N_("This page link is not valid. Start the search again.")
TOO_MANY_SEARCHES = N_("You are searching very fast. Please wait a moment.")


class Within(StrEnum):
    """Posted within: the last day, week, month or year."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


_WITHIN = {
    Within.DAY: timedelta(days=1),
    Within.WEEK: timedelta(days=7),
    Within.MONTH: timedelta(days=30),
    Within.YEAR: timedelta(days=365),
}


def filters_for(*, category: str | None, note_type: str | None, within: str | None) -> Filters:
    """Filters from what a person chose (422 for a choice that does not exist)."""
    problems = []
    if category is not None and category not in set(Category):
        problems.append(("category", ", ".join(Category)))
    if note_type is not None and note_type not in set(NoteType):
        problems.append(("note_type", ", ".join(NoteType)))
    if within is not None and within not in set(Within):
        problems.append(("within", ", ".join(Within)))
    if problems:
        field, choices = problems[0]
        raise Invalid(
            N_("Choose one of: %(choices)s."),
            field=field,
            reason="invalid_choice",
            params={"choices": choices},
        )
    # To the minute: the same choice a few seconds apart is the same search (one ranking
    # kept for both, see .ranking).
    now = utcnow().replace(second=0, microsecond=0)
    since = now - _WITHIN[Within(within)] if within is not None else None
    return Filters(category=category, note_type=note_type, since=since)


def clean_query(query: str) -> str:
    """The query on one line, trimmed; 422 when empty or longer than :data:`MAX_QUERY`."""
    cleaned = _one_line(query)
    if not cleaned:
        raise Invalid(EMPTY_QUERY, field="q", reason="empty")
    if len(cleaned) > MAX_QUERY:
        raise Invalid(QUERY_TOO_LONG, field="q", reason="too_long", params={"count": MAX_QUERY})
    return cleaned


def _one_line(text: str) -> str:
    """Printable characters only (no NUL, controls or unassigned code points), on one line."""
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def query_key(query: str) -> str:
    """The form two spellings of one search share (case, width, Traditional/Simplified)."""
    return fold(_one_line(query))[:200]


# --- notes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteHit:
    card: NoteCard
    title: Highlighted
    snippet: Highlighted


@dataclass(frozen=True)
class NoteResults:
    query: str  # as searched: the correction when there was one
    hits: list[NoteHit]
    next_cursor: str | None
    corrected_from: str | None = None  # what was typed, when nothing matched it
    # Where the hits with only some of the query's words start (None: every hit has all).
    partial_from: int | None = None


async def search_notes(
    session: AsyncSession,
    *,
    query: str,
    viewer: Viewer,
    filters: Filters | None = None,
    sort: Sort = Sort.RELEVANCE,
    cursor: str | None = None,
    limit: int = 20,
    visitor: str = "",
    correct: bool = True,
    counted: bool = False,
) -> NoteResults:
    """Notes matching ``query`` that the viewer may read, best first for ``sort``.

    A note matches when it has every word of the query (words such as "tips" or 推荐 are
    not required). When the first page finds nothing and a misspelt word has a likely
    correction, the corrected query's notes are given instead (``corrected_from`` says
    so; ``correct=False`` searches exactly what was typed). Ranked by relevance, a
    search whose notes with every word do not fill the first page goes on with notes
    having some of them, best first (``partial_from`` says where they start). A
    signed-in person's search goes into their history and counts toward trending.
    ``counted``: the caller has counted it against the searcher's limit already."""
    query = clean_query(query)
    filters = filters or Filters()
    partial, offset = _cursor(cursor)
    if not counted:
        await _count_against_limit(session, viewer, visitor)
    terms = query_terms(query)
    pages = _Pages(session, viewer=viewer, filters=filters, sort=sort)
    if partial:
        # Notes with every word (fewer than a page, or this page would not exist) were
        # shown first: they are left out of the partial matches.
        exclude = set(await pages.matching(terms, limit=limit))
        hits, next_cursor = await pages.page(terms, offset=offset, limit=limit, exclude=exclude, partial=True)
        return NoteResults(query, hits, next_cursor, partial_from=0 if hits else None)
    hits, next_cursor = await pages.page(terms, offset=offset, limit=limit)
    shown, corrected_from = query, None
    if not hits and cursor is None and correct:
        correction = await spelling.correct(session, query)
        if correction is not None:
            hits, next_cursor = await pages.page(correction.terms, offset=offset, limit=limit)
            if hits:
                terms, corrected_from = correction.terms, query
                shown = correction.shown(
                    query, [t for hit in hits[:3] for t in (hit.card.note.title, hit.card.note.body)]
                )
    partial_from = None
    if (
        cursor is None
        and next_cursor is None
        and len(hits) < limit
        and sort == Sort.RELEVANCE
        and len(terms.groups) > 1
    ):
        exclude = {hit.card.note.id for hit in hits}
        more, next_cursor = await pages.page(
            terms, offset=0, limit=limit - len(hits), exclude=exclude, partial=True
        )
        partial_from = len(hits) if more else None
        hits = hits + more
    if cursor is None:
        await _remember(session, viewer, shown, found=bool(hits))
    return NoteResults(shown, hits, next_cursor, corrected_from=corrected_from, partial_from=partial_from)


@dataclass(frozen=True)
class _Pages:
    """Pages of readable notes from an engine's ranking, for one search."""

    session: AsyncSession
    viewer: Viewer
    filters: Filters
    sort: Sort

    async def matching(self, terms: QueryTerms, *, limit: int) -> list[int]:
        return await ranked_ids(
            self.session, terms, filters=self.filters, sort=self.sort, offset=0, limit=limit
        )

    async def page(
        self,
        terms: QueryTerms,
        *,
        offset: int,
        limit: int,
        exclude: set[int] | None = None,
        partial: bool = False,
    ) -> tuple[list[NoteHit], str | None]:
        """A page from ``offset`` in the ranking of notes with every group of ``terms``
        (with any of its terms when ``partial``), leaving out ``exclude``; the cursor of
        the next page. Candidates are fetched a few pages' worth at a time, so notes
        the viewer may not read (followers-only, blocked, suspended) cost no extra
        round trips."""
        asked = terms.relaxed() if partial else terms
        batch = max(2 * limit, 40)
        cards: list[NoteCard] = []
        more = False
        for _ in range(5):
            if offset >= MAX_RESULTS:
                break
            ids = await ranked_ids(
                self.session, asked, filters=self.filters, sort=self.sort, offset=offset, limit=batch
            )
            wanted = [note_id for note_id in ids if not exclude or note_id not in exclude]
            shown = await notes.cards_by_ids(self.session, note_ids=wanted, viewer=self.viewer)
            # Private notes are never indexed; one made private may linger in a kept
            # ranking (.ranking) for a few seconds, and its author could read it.
            readable = {card.note.id: card for card in shown if card.note.visibility != Visibility.PRIVATE}
            for position, note_id in enumerate(ids):
                if len(cards) == limit:
                    more = True
                    offset += position
                    break
                if note_id in readable:
                    cards.append(readable[note_id])
            else:
                offset += len(ids)
                more = len(ids) == batch
            if len(cards) == limit or not more:
                break
        hits = [
            NoteHit(
                card=card, title=highlight(card.note.title, terms), snippet=snippet(card.note.body, terms)
            )
            for card in cards
        ]
        next_cursor = f"{'p' if partial else ''}{offset}" if more and offset < MAX_RESULTS else None
        return hits, next_cursor


def _cursor(cursor: str | None) -> tuple[bool, int]:
    """(among partial matches, offset in the ranking) from a page's cursor."""
    partial = cursor is not None and cursor.startswith("p")
    return partial, _offset(cursor[1:] if partial and cursor is not None else cursor)


def _offset(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or int(cursor) >= MAX_RESULTS:
        raise Invalid(BAD_CURSOR, field="cursor", reason="invalid_cursor")
    return int(cursor)


async def _count_against_limit(session: AsyncSession, viewer: Viewer, visitor: str) -> None:
    await count_search(rate_limiter(session), viewer=viewer, visitor=visitor)


async def count_search(limiter: RateLimiter, *, viewer: Viewer, visitor: str) -> None:
    """Count a search against the searcher's limit (429 past it)."""
    key = f"u:{viewer.id}" if viewer.id is not None else f"a:{visitor}"
    await limiter.hit("search", key, message=TOO_MANY_SEARCHES)


def shared_results_key(query: str, locale: str, choices: str) -> str:
    """The cache key of a page of results shared by logged-out visitors: the query as
    typed (it is shown back), the page's language and every other choice made."""
    digest = hashlib.blake2b(f"{query}\n{locale}\n{choices}".encode(), digest_size=16).hexdigest()
    return f"search:shared:{digest}"


async def _remember(session: AsyncSession, viewer: Viewer, query: str, *, found: bool) -> None:
    if viewer.id is None:
        return
    now = utcnow()
    key = query_key(query)
    previous = await repository.remember_search(session, user_id=viewer.id, key=key, query=query, now=now)
    if previous is None:  # a new line: one may fall off the end
        await repository.trim_history(session, user_id=viewer.id, keep=HISTORY_KEPT)
    if found and (previous is None or previous < now - timedelta(days=1)):
        hour = now.replace(minute=0, second=0, microsecond=0)
        await repository.count_searcher(session, key=key, query=query, hour=hour)


# --- people and topics ---------------------------------------------------------------------


@dataclass(frozen=True)
class PersonHit:
    id: int
    username: str
    display_name: str
    avatar_key: str | None
    is_private: bool
    follower_count: int
    note_count: int
    followed_by_me: bool


@dataclass(frozen=True)
class TopicHit:
    id: int
    name: str
    note_count: int


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def _name_key(query: str) -> str:
    return fold(query).lstrip("@#").strip()


async def search_people(
    session: AsyncSession,
    *,
    query: str,
    viewer: Viewer,
    cursor: str | None = None,
    limit: int = 20,
    visitor: str = "",
) -> Page[PersonHit]:
    """Accounts by username (from its start) or display name (anywhere in it): an exact
    username first, then the most followed. No one blocked either way, no suspended
    account; private accounts are found (their header is public)."""
    key = _name_key(clean_query(query))
    offset = _offset(cursor)
    await _count_against_limit(session, viewer, visitor)
    if not key:
        return Page([], None)
    found = await repository.people(
        session, key=key, viewer=viewer, prefix_only=False, offset=offset, limit=limit + 1
    )
    followed = await _followed(session, viewer, found[:limit])
    return Page(
        [_person(user, followed) for user in found[:limit]],
        str(offset + limit) if len(found) > limit and offset + limit < MAX_RESULTS else None,
    )


async def _followed(session: AsyncSession, viewer: Viewer, people: list[User]) -> set[int]:
    return await social.following_among(session, viewer=viewer, user_ids=[user.id for user in people])


def _person(user: User, followed: set[int]) -> PersonHit:
    return PersonHit(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        avatar_key=user.avatar_key,
        is_private=user.is_private,
        follower_count=user.follower_count,
        note_count=user.note_count,
        followed_by_me=user.id in followed,
    )


async def search_topics(
    session: AsyncSession,
    *,
    query: str,
    viewer: Viewer,
    cursor: str | None = None,
    limit: int = 20,
    visitor: str = "",
) -> Page[TopicHit]:
    """Topics whose name contains the query (the exact topic first, then the busiest)."""
    key = _name_key(clean_query(query))
    offset = _offset(cursor)
    await _count_against_limit(session, viewer, visitor)
    if not key:
        return Page([], None)
    found = await repository.topics(session, key=key, prefix_only=False, offset=offset, limit=limit + 1)
    return Page(
        [TopicHit(topic.id, topic.name, topic.note_count) for topic in found[:limit]],
        str(offset + limit) if len(found) > limit and offset + limit < MAX_RESULTS else None,
    )


async def popular_topics(session: AsyncSession, *, limit: int = 8) -> list[TopicHit]:
    return [
        TopicHit(t.id, t.name, t.note_count) for t in await repository.popular_topics(session, limit=limit)
    ]


# --- suggestions, history, trending ---------------------------------------------------------


class SuggestionKind(StrEnum):
    QUERY = "query"
    TOPIC = "topic"
    PERSON = "person"


@dataclass(frozen=True)
class Suggestion:
    kind: SuggestionKind
    text: str  # what to search for, the topic's name or the username
    label: str  # what to show: the query, #topic, or the display name
    count: int  # searchers, notes or followers


SUGGESTED_QUERIES = 5
SUGGESTED_TOPICS = 4
SUGGESTED_PEOPLE = 3
# People found for a prefix, so that some are left to suggest after leaving out whoever
# blocks are between with the person typing.
PEOPLE_CANDIDATES = SUGGESTED_PEOPLE + 5
SUGGEST_TTL = 30.0  # seconds a process keeps what it suggests


async def suggest(
    session: AsyncSession, *, query: str, viewer: Viewer, visitor: str = ""
) -> list[Suggestion]:
    """What to suggest while ``query`` is typed: popular searches starting with it, topics
    and people whose names start with it. Empty for an empty query."""
    limit_key = f"u:{viewer.id}" if viewer.id is not None else f"a:{visitor}"
    await rate_limiter(session).hit("suggest", limit_key, message=TOO_MANY_SEARCHES)
    text = _one_line(query)[:MAX_QUERY]
    key = query_key(text)
    if not key:
        return []
    shared = await _shared_suggestions(session, text, key)
    people = shared.people
    if viewer.id is not None and people:  # whoever blocks are between is left out
        hidden = await social.blocked_among(session, viewer=viewer, user_ids=[uid for uid, _ in people])
        people = [(uid, person) for uid, person in people if uid not in hidden]
    return [*shared.others, *(person for _, person in people[:SUGGESTED_PEOPLE])]


@dataclass(frozen=True)
class _Suggested:
    others: list[Suggestion]  # popular queries and topics
    people: list[tuple[int, Suggestion]]  # a few more than are shown, with their IDs


async def _shared_suggestions(session: AsyncSession, text: str, key: str) -> _Suggested:
    """What everyone is suggested for ``text`` (before blocks): each process keeps it
    half a minute, for logged-out visitors and signed-in people alike."""
    decoded = cache_of(session.info).decoded
    memo_key = f"search:suggest:{key}"
    suggested: _Suggested | None = decoded.get(memo_key)
    if suggested is None:
        suggested = await _suggestions(session, text, key)
        size = 200 * (len(suggested.others) + len(suggested.people)) + len(memo_key) + 100
        decoded.put(memo_key, suggested, ttl=SUGGEST_TTL, size=size)
    return suggested


async def _suggestions(session: AsyncSession, text: str, key: str) -> _Suggested:
    popular = [
        Suggestion(SuggestionKind.QUERY, shown, shown, count)
        for other_key, shown, count in await _popular_queries(session)
        if other_key.startswith(key) and other_key != key
    ][:SUGGESTED_QUERIES]
    name_key = _name_key(text)
    if not name_key:
        return _Suggested(popular, [])
    topics = await repository.topics(
        session, key=name_key, prefix_only=True, offset=0, limit=SUGGESTED_TOPICS
    )
    people = await repository.people(
        session, key=name_key, viewer=Viewer(), prefix_only=True, offset=0, limit=PEOPLE_CANDIDATES
    )
    return _Suggested(
        [*popular, *(Suggestion(SuggestionKind.TOPIC, t.name, f"#{t.name}", t.note_count) for t in topics)],
        [
            (p.id, Suggestion(SuggestionKind.PERSON, p.username, p.display_name, p.follower_count))
            for p in people
        ],
    )


async def _popular_queries(session: AsyncSession) -> list[tuple[str, str, int]]:
    """The week's most searched queries, kept a minute in each process."""
    decoded = cache_of(session.info).decoded
    popular: list[tuple[str, str, int]] | None = decoded.get("search:popular")
    if popular is None:
        popular = await repository.top_queries(
            session, since=utcnow() - timedelta(days=7), min_searchers=TRENDING_MIN_SEARCHERS, limit=2_000
        )
        decoded.put("search:popular", popular, ttl=POPULAR_TTL, size=100 * len(popular) + 100)
    return popular


@dataclass(frozen=True)
class Trend:
    query: str
    searchers: int


async def trending(session: AsyncSession, *, limit: int = 10) -> list[Trend]:
    """The queries most people searched (and found something for) in the last day, each
    person counted once a day per query, at least two people each."""
    rows = await repository.top_queries(
        session, since=utcnow() - timedelta(days=1), min_searchers=TRENDING_MIN_SEARCHERS, limit=limit
    )
    return [Trend(query, searchers) for _, query, searchers in rows]


@dataclass(frozen=True)
class PastSearch:
    query: str
    searched_at: datetime


async def history(session: AsyncSession, *, viewer: Viewer, limit: int = HISTORY_KEPT) -> list[PastSearch]:
    if viewer.id is None:
        return []
    rows = await repository.history(session, user_id=viewer.id, limit=limit)
    return [PastSearch(row.query, row.searched_at) for row in rows]


async def forget_history(session: AsyncSession, *, viewer: Viewer, query: str | None = None) -> int:
    """Clear the person's search history, or one query of it; how many went."""
    assert viewer.id is not None
    key = query_key(query) if query is not None else None
    return await repository.forget_history(session, user_id=viewer.id, key=key)


async def prune_query_counts(session: AsyncSession) -> None:
    await repository.prune_query_counts(session, before=utcnow() - timedelta(days=8))
