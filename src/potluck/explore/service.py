"""Explore use cases: the personalised feed, the logged-out trending grid, interests picked
at onboarding, feed preferences and the impression/click log.

The feed for a logged-in viewer, on the first page of a session: learn the viewer's
profile (picked interests + recent likes, collects, comments and clicks), gather a few
hundred candidates (:mod:`.candidates`), score and arrange them (:mod:`.ranking`) into a
sequence kept for the session (:mod:`.feed_session`). Later pages slice that sequence and
re-check each note against blocks, mutes and visibility before showing it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of, marks
from potluck.explore import candidates, feed_session, kept_candidates, ranking, repository
from potluck.explore.language import viewer_languages
from potluck.explore.models import EventKind, OtherLanguages
from potluck.explore.ranking import Engagement, PageRules, Profile
from potluck.kit.errors import Invalid, Problems
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notes.models import Category
from potluck.notes.service import NoteCard
from potluck.ratelimit import rate_limiter
from potluck.settings import settings_of
from potluck.topics import service as topics

TOO_MANY_EVENTS = N_("Too many feed events. Please slow down a little.")
MAX_EVENTS = 100
ARRANGE_PAGES = 5
RECENT_ENGAGEMENTS = 40
MAX_CATEGORIES = len(Category)
MAX_TOPICS = 30
# Categories people pick from (everything but "other").
INTEREST_CATEGORIES = tuple(category.value for category in Category if category is not Category.OTHER)


# --- interests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    id: int
    name: str


@dataclass(frozen=True)
class Interests:
    categories: list[str]
    topics: list[Topic]


async def get_interests(session: AsyncSession, *, viewer: Viewer) -> Interests:
    assert viewer.id is not None
    categories = await repository.picked_categories(session, viewer.id)
    topics = await repository.picked_topics(session, viewer.id)
    return Interests(categories=categories, topics=[Topic(topic_id, name) for topic_id, name in topics])


async def set_interests(
    session: AsyncSession, *, viewer: Viewer, categories: Sequence[str], topic_ids: Sequence[int]
) -> Interests:
    """Replace the viewer's picked interests. Unknown categories or topics are refused."""
    assert viewer.id is not None
    problems = Problems()
    wanted_categories = list(dict.fromkeys(categories))
    wanted_topics = list(dict.fromkeys(topic_ids))
    if any(category not in INTEREST_CATEGORIES for category in wanted_categories):
        problems.errors.append(
            Invalid(N_("Pick categories from the list."), field="categories", reason="unknown_category")
        )
    if len(wanted_topics) > MAX_TOPICS:
        problems.errors.append(
            Invalid(
                N_("Pick at most %(max)s topics."),
                field="topics",
                reason="too_many",
                params={"max": MAX_TOPICS},
            )
        )
    elif set(await repository.existing_hashtags(session, wanted_topics)) != set(wanted_topics):
        problems.errors.append(
            Invalid(N_("Pick topics from the list."), field="topics", reason="unknown_topic")
        )
    problems.raise_if_any()
    await repository.replace_interests(session, viewer.id, wanted_categories, wanted_topics, utcnow())
    marks.mark_on_commit(session, marks.reader(viewer.id))  # the next session learns them
    return await get_interests(session, viewer=viewer)


async def popular_topics(session: AsyncSession, *, limit: int = 24) -> list[Topic]:
    """Topics with the most notes, offered at onboarding (the same for everyone: cached)."""

    async def fill() -> bytes:
        rows = await repository.popular_topics(session, limit)
        return json.dumps([[topic_id, name] for topic_id, name, _ in rows]).encode()

    raw = await cache_of(session.info).get_or_fill(f"explore:popular-topics:{limit}", ttl=300, fill=fill)
    return [Topic(int(topic_id), name) for topic_id, name in json.loads(raw)]


async def _followed_topics(session: AsyncSession, *, viewer: Viewer) -> list[int]:
    """Hashtag IDs of the topics the viewer follows or picked at onboarding."""
    assert viewer.id is not None
    picked = [topic_id for topic_id, _ in await repository.picked_topics(session, viewer.id)]
    followed = await topics.followed_topic_ids(session, user_id=viewer.id)
    return list(dict.fromkeys([*followed, *picked]))


# --- preferences -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedPreferences:
    other_languages: str
    onboarded: bool


async def get_preferences(session: AsyncSession, *, viewer: Viewer) -> FeedPreferences:
    assert viewer.id is not None
    row = await repository.get_preference(session, viewer.id)
    if row is None:
        return FeedPreferences(other_languages=OtherLanguages.SOME, onboarded=False)
    return FeedPreferences(other_languages=row.other_languages, onboarded=row.onboarded_at is not None)


async def set_preferences(session: AsyncSession, *, viewer: Viewer, other_languages: str) -> FeedPreferences:
    assert viewer.id is not None
    if other_languages not in set(OtherLanguages):
        raise Invalid(N_("Choose none, some or many."), field="other_languages", reason="invalid_choice")
    await repository.save_preference(session, viewer.id, utcnow(), other_languages=other_languages)
    marks.mark_on_commit(session, marks.reader(viewer.id))
    return await get_preferences(session, viewer=viewer)


async def finish_onboarding(session: AsyncSession, *, viewer: Viewer) -> None:
    """Remember that the person went through (or skipped) the welcome pages."""
    assert viewer.id is not None
    if not (await get_preferences(session, viewer=viewer)).onboarded:
        await repository.save_preference(session, viewer.id, utcnow(), onboarded_at=utcnow())


# --- the feed --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExploreFeed:
    cards: list[NoteCard]
    next_cursor: str | None
    feed_session: str | None  # None for logged-out visitors


async def explore_page(
    session: AsyncSession, *, viewer: Viewer, cursor: str | None, limit: int, category: str | None = None
) -> tuple[list[NoteCard], str | None]:
    """One page of Explore as cards, and the cursor of the next page (None at the end).

    Logged-out visitors get the trending grid (the same for everyone); logged-in viewers
    their personalised feed, whose cursor carries the feed session.
    """
    feed = await explore_feed(session, viewer=viewer, cursor=cursor, limit=limit, category=category)
    return feed.cards, feed.next_cursor


async def explore_feed(
    session: AsyncSession, *, viewer: Viewer, cursor: str | None, limit: int, category: str | None = None
) -> ExploreFeed:
    """:func:`explore_page` with the feed session's ID (what impressions are logged under)."""
    if category is not None and category not in set(Category):
        raise Invalid(N_("No such category."), field="category", reason="unknown_category")
    if viewer.id is None:
        cards, next_cursor = await trending_page(session, cursor=cursor, limit=limit, category=category)
        return ExploreFeed(cards, next_cursor, None)
    owner = f"{viewer.id}:{category or ''}"
    parsed = feed_session.parse_cursor(cursor)
    session_id, offset = parsed if parsed is not None else (feed_session.new_session_id(), 0)
    # A new session's ID was just drawn: nothing to load.
    state = None if parsed is None else await feed_session.load(session, owner=owner, session_id=session_id)
    if state is None:  # a new session, or one that expired: start afresh
        state = feed_session.FeedState(session_id=session_id)
        offset = 0
    if len(state.sequence) < offset + limit and not state.exhausted:
        added = await _arrange_more(session, viewer=viewer, category=category, state=state, page_size=limit)
        state.exhausted = not added or len(state.sequence) >= feed_session.MAX_NOTES
        await feed_session.save(session, owner=owner, state=state)
    page_ids = state.sequence[offset : offset + limit]
    shown = await repository.visible_notes(session, page_ids, viewer)
    cards = await notes.cards(session, notes=shown, viewer=viewer)
    next_offset = offset + len(page_ids)
    more = next_offset < len(state.sequence) or not state.exhausted
    next_cursor = feed_session.make_cursor(session_id, next_offset) if page_ids and more else None
    return ExploreFeed(cards, next_cursor, session_id)


async def _arrange_more(
    session: AsyncSession,
    *,
    viewer: Viewer,
    category: str | None,
    state: feed_session.FeedState,
    page_size: int,
) -> bool:
    """Rank a fresh set of candidates (none already in the session) onto the sequence;
    whether any were added. A new session starts from the viewer's candidates kept from
    the minute before, if there are (:mod:`.kept_candidates`)."""
    assert viewer.id is not None
    excluded = set(state.sequence)
    kept = None if excluded else await kept_candidates.load(session, user_id=viewer.id, category=category)
    if kept is None:
        made_at = kept_candidates.started()
        profile, followed, seeds = await _profile(session, viewer=viewer)
        pool = await candidates.gather(
            session, profile=profile, followed=followed, seeds=seeds, category=category, excluded=excluded
        )
        found = await candidates.candidates_of(session, viewer=viewer, pool=pool, category=category)
        preferences = await get_preferences(session, viewer=viewer)
        kept = kept_candidates.Kept(profile, found, preferences.other_languages)
        if not excluded:
            await kept_candidates.store(
                session, user_id=viewer.id, category=category, kept=kept, made_at=made_at
            )
    scores = ranking.score(kept.candidates, kept.profile, now=utcnow().timestamp())
    rules = PageRules(
        page_size=page_size, other_language_share=ranking.OTHER_LANGUAGE_SHARE[kept.other_languages]
    )
    room = feed_session.MAX_NOTES - len(state.sequence)
    arranged = ranking.arrange(
        kept.candidates,
        scores,
        languages=kept.profile.languages,
        rules=rules,
        seen=excluded,
        count=min(room, page_size * ARRANGE_PAGES),
    )
    state.sequence.extend(arranged)
    return bool(arranged)


async def _profile(session: AsyncSession, *, viewer: Viewer) -> tuple[Profile, list[int], dict[int, float]]:
    """The viewer's profile, the accounts they follow (most recent first), and their
    recently engaged notes weighted (seeds for "similar to what you engaged with")."""
    assert viewer.id is not None
    engaged = await repository.recent_engagements(session, viewer.id, limit=RECENT_ENGAGEMENTS)
    engaged_ids = list(dict.fromkeys(note_id for note_id, _ in engaged))
    categories = await repository.categories_of(session, engaged_ids)
    topics = await repository.topics_of(session, engaged_ids)
    seeds: dict[int, float] = {}
    engagements = []
    for note_id, kind in engaged:
        if note_id not in categories:
            continue  # deleted since
        weight = ranking.ENGAGEMENT_WEIGHTS.get(kind, 0.5)
        seeds[note_id] = seeds.get(note_id, 0.0) + weight
        engagements.append(
            Engagement(kind=kind, category=categories[note_id], topics=tuple(topics.get(note_id, ())))
        )
    facts = await repository.viewer_facts(session, viewer.id)
    followed = await repository.followed_authors(session, viewer.id, limit=500)
    profile = ranking.learn_profile(
        picked_categories=await repository.picked_categories(session, viewer.id),
        picked_topics=await _followed_topics(session, viewer=viewer),
        engagements=engagements,
        followed=followed,
        languages=viewer_languages(
            languages=facts.languages, locale=facts.locale or settings_of(session.info).default_locale
        ),
    )
    return profile, followed, seeds


async def trending_page(
    session: AsyncSession, *, cursor: str | None, limit: int, category: str | None
) -> tuple[list[NoteCard], str | None]:
    """The logged-out grid: this week's trending notes (of a category), by offset."""
    offset = 0
    if cursor:
        if not cursor.isdigit() or len(cursor) > 5:
            raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")
        offset = int(cursor)
    listed = await candidates.trending(session, window="week", category=category or "")
    page_ids = [note_id for note_id, _ in listed[offset : offset + limit]]
    anonymous = Viewer()
    shown = await repository.visible_notes(session, page_ids, anonymous)
    cards = await notes.cards(session, notes=shown, viewer=anonymous)
    next_offset = offset + len(page_ids)
    return cards, str(next_offset) if page_ids and next_offset < len(listed) else None


# --- impressions and clicks ------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEventIn:
    note_id: int
    kind: str
    feed_session: str


async def record_events(
    session: AsyncSession, *, viewer: Viewer, visitor: str, events: Sequence[FeedEventIn]
) -> int:
    """Log a batch of impressions and clicks in one statement; how many were logged.
    Counted against the person's (or the visitor's) rate limit once per batch."""
    if len(events) > MAX_EVENTS:
        raise Invalid(
            N_("Send at most %(max)s events at a time."),
            field="events",
            reason="too_many",
            params={"max": MAX_EVENTS},
        )
    if any(event.kind not in set(EventKind) for event in events):
        raise Invalid(N_("An event is an impression or a click."), field="kind", reason="invalid_choice")
    key = f"u:{viewer.id}" if viewer.id is not None else f"a:{visitor}"
    await rate_limiter(session).hit("feed_events", key, message=TOO_MANY_EVENTS)
    now = utcnow()
    rows = [
        {
            "note_id": event.note_id,
            "user_id": viewer.id,
            "kind": event.kind,
            "feed_session": event.feed_session,
            "created_at": now,
        }
        for event in dict.fromkeys(events)
    ]
    await repository.insert_events(session, rows)
    return len(rows)
