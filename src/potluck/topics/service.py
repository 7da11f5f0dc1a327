"""Topics: a hashtag's page (counts, notes hot or new), following topics, trending.

A topic is a ``notes.models.Hashtag``, found by its key (case and width folded, as
``notes.text.topic_key`` does), so ``/topics/TikTokRefugee`` and ``/topics/tiktokrefugee``
are one page. Counts shown for a topic are those of its public notes of active authors,
what every reader may see, so they never reveal a hidden note; they are refreshed by jobs
(``refresh_totals``) rather than on every view (docs/topics.md). Follower counts are exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of, marks
from potluck.kit.errors import Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notes import text
from potluck.notes.models import Hashtag
from potluck.notes.service import NoteCard
from potluck.ratelimit import rate_limiter
from potluck.topics import repository
from potluck.topics.models import TopicStats

NO_SUCH_TOPIC = N_("No notes use this topic yet.")
TOO_MANY_FOLLOWS = N_("You are following topics very fast. Please wait a little.")
BAD_CURSOR = N_("This page link is not valid.")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_ID = 2**63

Sort = Literal["hot", "new"]
# Notes published this recently may not have been scored by the jobs yet: Hot scores them
# when read. An hour covers a worker that was down until the hourly sweep.
UNSCORED_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Topic:
    id: int
    name: str
    note_count: int
    view_count: int
    comment_count: int
    like_count: int
    collect_count: int
    follower_count: int
    followed: bool  # by the viewer


def _topic(hashtag: Hashtag, stats: TopicStats | None, totals: repository.Totals, followed: bool) -> Topic:
    return Topic(
        id=hashtag.id,
        name=hashtag.name,
        note_count=totals.note_count,
        view_count=totals.view_count,
        comment_count=totals.comment_count,
        like_count=totals.like_count,
        collect_count=totals.collect_count,
        follower_count=stats.follower_count if stats else 0,
        followed=followed,
    )


def _stored_totals(stats: TopicStats) -> repository.Totals:
    return repository.Totals(
        stats.note_count, stats.view_count, stats.comment_count, stats.like_count, stats.collect_count
    )


def key_of(name: str) -> str:
    """The hashtag key a name in a URL stands for: ``#cat``, ``cat#`` and ``Cat`` are one."""
    return text.topic_key(name.strip().strip("#").strip("-"))


async def _hashtag(session: AsyncSession, name: str) -> Hashtag:
    key = key_of(name)
    hashtag = await repository.hashtag_by_key(session, key) if key else None
    if hashtag is None:
        raise NotFound(NO_SUCH_TOPIC, reason="no_topic")
    return hashtag


async def topics_by_id(session: AsyncSession, *, hashtag_ids: list[int], viewer: Viewer) -> list[Topic]:
    """These topics in this order (unknown IDs left out), with the viewer's follows."""
    hashtags = await repository.hashtags_by_id(session, hashtag_ids)
    stats = await repository.stats_of(session, list(hashtags))
    # A topic the jobs have not counted yet (new this minute) is counted now, so its page
    # does not say "0 notes" over its first notes; it is small, and this happens once
    # per topic until the next run.
    uncounted = [i for i in hashtags if i not in stats or stats[i].refreshed_at is None]
    totals = await repository.compute_totals(session, uncounted) if uncounted else {}
    totals |= {i: _stored_totals(row) for i, row in stats.items() if row.refreshed_at is not None}
    followed = await repository.followed_among(session, viewer.id, list(hashtags)) if viewer.id else set()
    return [
        _topic(hashtags[i], stats.get(i), totals.get(i, repository.Totals()), i in followed)
        for i in hashtag_ids
        if i in hashtags
    ]


async def get_topic(session: AsyncSession, *, name: str, viewer: Viewer) -> Topic:
    hashtag = await _hashtag(session, name)
    return (await topics_by_id(session, hashtag_ids=[hashtag.id], viewer=viewer))[0]


# --- following -------------------------------------------------------------------------------


async def follow_topic(session: AsyncSession, *, name: str, viewer: Viewer, follow: bool = True) -> Topic:
    """Follow (or stop following) a topic. Idempotent; the follower count moves only when
    a follow row was really added or removed, so it stays exact when requests race.
    Following shares the people-follow rate limit."""
    assert viewer.id is not None
    hashtag = await _hashtag(session, name)
    if follow:
        if not await repository.followed_among(session, viewer.id, [hashtag.id]):
            await rate_limiter(session).hit("follow", str(viewer.id), message=TOO_MANY_FOLLOWS)
            if await repository.insert_follow(session, viewer.id, hashtag.id, utcnow()):
                await repository.add_followers(session, hashtag.id, 1)
    elif await repository.delete_follow(session, viewer.id, hashtag.id):
        await repository.add_followers(session, hashtag.id, -1)
    marks.mark_on_commit(session, marks.reader(viewer.id))  # Explore learns it next session
    return (await topics_by_id(session, hashtag_ids=[hashtag.id], viewer=viewer))[0]


async def followed_topic_ids(session: AsyncSession, *, user_id: int) -> list[int]:
    """The hashtag IDs someone follows, latest first (for Explore's recommender)."""
    return await repository.followed_ids(session, user_id)


@dataclass(frozen=True)
class TopicPage:
    topics: list[Topic]
    next_cursor: str | None


async def list_followed(
    session: AsyncSession, *, viewer: Viewer, cursor: str | None, limit: int
) -> TopicPage:
    """The topics the viewer follows, most recently followed first."""
    assert viewer.id is not None
    before = _pair_cursor(cursor)
    rows = await repository.followed_page(
        session,
        user_id=viewer.id,
        before=(_moment(before[0]), before[1]) if before else None,
        limit=limit + 1,
    )
    more, rows = len(rows) > limit, rows[:limit]
    topics = await topics_by_id(session, hashtag_ids=[hashtag_id for hashtag_id, _ in rows], viewer=viewer)
    next_cursor = f"{_micros(rows[-1][1])}-{rows[-1][0]}" if more and rows else None
    return TopicPage(topics, next_cursor)


# --- a topic's notes -------------------------------------------------------------------------


@dataclass(frozen=True)
class NotePage:
    cards: list[NoteCard]
    next_cursor: str | None


async def topic_notes(
    session: AsyncSession, *, hashtag_id: int, viewer: Viewer, sort: Sort, cursor: str | None, limit: int
) -> NotePage:
    """A page of the topic's notes the viewer may read: "hot" (engagement against age, see
    ``repository.hot_score``) or "new" (newest first)."""
    before = _pair_cursor(cursor)
    if sort == "hot":
        scored = await repository.hot_notes(
            session,
            hashtag_id=hashtag_id,
            viewer=viewer,
            before=before,
            limit=limit + 1,
            fresh_since=utcnow() - UNSCORED_WINDOW,
        )
        more, scored = len(scored) > limit, scored[:limit]
        found = [note for note, _ in scored]
        next_cursor = f"{scored[-1][1]}-{scored[-1][0].id}" if more and scored else None
    else:
        found = await repository.newest_notes(
            session,
            hashtag_id=hashtag_id,
            viewer=viewer,
            before=(_moment(before[0]), before[1]) if before else None,
            limit=limit + 1,
        )
        more, found = len(found) > limit, found[:limit]
        last = found[-1] if found else None
        next_cursor = (
            f"{_micros(last.published_at)}-{last.id}" if more and last and last.published_at else None
        )
    return NotePage(await notes.cards(session, notes=found, viewer=viewer), next_cursor)


def _pair_cursor(cursor: str | None) -> tuple[int, int] | None:
    """Cursors here are two non-negative integers: ``<position>-<id>``."""
    if not cursor:
        return None
    first, _, second = cursor.partition("-")
    if first.isdigit() and second.isdigit() and int(first) < MAX_ID and int(second) < MAX_ID:
        return int(first), int(second)
    raise Invalid(BAD_CURSOR, field="cursor", reason="invalid_cursor")


def _micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def _moment(micros: int) -> datetime:
    try:
        return EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        raise Invalid(BAD_CURSOR, field="cursor", reason="invalid_cursor") from None


# --- trending --------------------------------------------------------------------------------

TRENDING_CACHE_SECONDS = 60
TRENDING_CACHE_KEY = "topics:trending:v1"
TRENDING_LIMIT = 20


@dataclass(frozen=True)
class Trend:
    id: int
    name: str
    score: int
    notes_today: int
    notes_this_week: int


async def trending_topics(session: AsyncSession, *, limit: int = TRENDING_LIMIT) -> list[Trend]:
    """Topics with the most activity lately: their public notes of the last 7 days, each
    worth 10 points plus its engagement (capped), four times as much if published in the
    last 24 hours (``repository.trending``). The same for everyone, so it is computed at
    most once a minute per process (once for all processes with Redis) and shared."""
    limit = max(1, min(limit, TRENDING_LIMIT))

    async def compute() -> bytes:
        now = utcnow()
        rows = await repository.trending(
            session, week_ago=now - timedelta(days=7), day_ago=now - timedelta(days=1), limit=TRENDING_LIMIT
        )
        return json.dumps(
            [[r.hashtag_id, r.name, r.score, r.notes_today, r.notes_this_week] for r in rows]
        ).encode()

    body = await cache_of(session.info).get_or_fill(
        TRENDING_CACHE_KEY, ttl=TRENDING_CACHE_SECONDS, fill=compute
    )
    return [Trend(*row) for row in json.loads(body)][:limit]


# --- totals ----------------------------------------------------------------------------------

BATCH = 500


async def refresh_recent(session: AsyncSession, *, since: datetime) -> int:
    """Rescore the notes changed since ``since`` in their topics, and recompute those
    topics' totals; how many topics' totals changed. Idempotent."""
    now, changed = utcnow(), 0
    touched = await repository.touched_note_ids(session, since)
    hashtag_ids: set[int] = set()
    for start in range(0, len(touched), BATCH):
        batch = touched[start : start + BATCH]
        hashtag_ids.update(await repository.hashtag_ids_of_notes(session, batch))
        await repository.sync_hot_scores(session, batch)
    ordered = sorted(hashtag_ids)
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        totals = await repository.compute_totals(session, batch)
        changed += await repository.store_totals(session, totals, batch, now)
    return changed


async def refresh_totals_after(session: AsyncSession, *, after: int) -> int | None:
    """Recompute the totals of the next ``BATCH`` topics by ID after ``after``; the last
    ID done, or None when there were none left. Idempotent."""
    batch = await repository.hashtag_ids_after(session, after, BATCH)
    if not batch:
        return None
    totals = await repository.compute_totals(session, batch)
    await repository.store_totals(session, totals, batch, utcnow())
    return batch[-1]


async def rescore_notes_after(session: AsyncSession, *, after: int) -> int | None:
    """Rescore the next ``BATCH`` notes by ID after ``after`` in their topics; the last ID
    done, or None when there were none left. Idempotent."""
    batch = await repository.note_ids_after(session, after, BATCH)
    if not batch:
        return None
    await repository.sync_hot_scores(session, batch)
    return batch[-1]
