"""Home's feeds: one source of cards per tab, a page at a time.

This is where feeds plug into home. A source is an async function that returns one page
of cards and the cursor of the next page (``None`` on the last page)::

    async def source(query: FeedQuery) -> FeedPage

``query`` carries the request, the database session, the viewer, the cursor and the
category. ``cursor`` is the source's own opaque string, exactly as it returned it last time (``None``
for the first page); an invalid one should raise ``kit.errors.Invalid`` (a 422 page).
``category`` is a category slug from the chips, or ``None`` for all. The cards are
``notes.service.NoteCard`` (``notes.service.cards`` builds them from notes, with the
viewer's likes), in the order to show. Sources must only return what ``viewer`` may read
(blocks included); home draws them (``notes.profile_pages.card_views``), serves the next
page as an htmx fragment when the reader scrolls, and shows the tab's empty panel when the
first page is empty.

To plug a real feed in, point its tab in :data:`FEED_SOURCES` at it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.explore import service as explore
from potluck.feed import service as feed
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notes.presenters import moment_id_cursor, to_moment_id_cursor
from potluck.notes.service import NoteCard

FeedPage = tuple[list[NoteCard], str | None]

# Cards per page on every home tab (profile and board grids use the same number).
PAGE_SIZE = 20


@dataclass(frozen=True)
class FeedQuery:
    """What a source is asked for: a page of ``viewer``'s feed after ``cursor``."""

    request: Request
    session: AsyncSession
    viewer: Viewer
    cursor: str | None
    category: str | None


FeedSource = Callable[[FeedQuery], Awaitable[FeedPage]]


async def latest_public(query: FeedQuery) -> FeedPage:
    """The newest public notes (Explore until it is ranked), paged by publication time."""
    cards = await notes.latest_public_cards(
        query.session,
        viewer=query.viewer,
        category=query.category,
        limit=PAGE_SIZE,
        after=moment_id_cursor(query.cursor),
    )
    if len(cards) < PAGE_SIZE:
        return cards, None
    last = cards[-1].note
    assert last.published_at is not None  # public notes are published
    return cards, to_moment_id_cursor(last.published_at, last.id)


async def explore_feed(query: FeedQuery) -> FeedPage:
    """Explore (``explore.service``): personalised for people, the trending grid for
    visitors. The feed session its impressions are logged under is left on
    ``request.state.feed_session`` for the grid's ``data-feed-session``."""
    page = await explore.explore_feed(
        query.session, viewer=query.viewer, cursor=query.cursor, limit=PAGE_SIZE, category=query.category
    )
    query.request.state.feed_session = page.feed_session
    return page.cards, page.next_cursor


async def following(query: FeedQuery) -> FeedPage:
    """Notes of the accounts the viewer follows, newest first (``feed.service``); nothing
    for visitors, whom the tab sends to log in. Categories do not apply."""
    if query.viewer.id is None:
        return [], None
    page = await feed.following_page(query.session, viewer=query.viewer, cursor=query.cursor, limit=PAGE_SIZE)
    return page.cards, page.next_cursor


async def nothing_yet(query: FeedQuery) -> FeedPage:  # noqa: ARG001 - every source takes a query
    """A tab whose feed is not built yet: its empty panel says what will be there."""
    return [], None


# tab -> source. The tabs themselves (and their order) are web.pages.FEED_TABS.
FEED_SOURCES: dict[str, FeedSource] = {
    "explore": explore_feed,
    "following": following,
    "nearby": nothing_yet,
}
