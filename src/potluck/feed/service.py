"""The Following feed: notes of the accounts someone follows, newest first.

Where the candidates come from depends on the mode (``feed.timeline``); what may be shown
is decided here, in one place, against the database: the note must still exist and be
readable by the viewer (visibility, blocks, suspended authors), and its author must still
be followed and not muted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import kept_pages
from potluck.feed.timeline import Entry, FanOutProgress, timelines_of
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notes.service import NoteCard

# Entries are read in rounds until a page is full; a timeline whose entries are mostly
# hidden (someone unfollowed many accounts at once) returns a short page with a cursor
# rather than reading on without end.
MAX_ROUNDS = 4


@dataclass(frozen=True)
class FeedPage:
    cards: list[NoteCard]
    next_cursor: str | None
    # What the page depends on, for keeping it (cache.kept_pages): its reader, the authors
    # it shows, and the accounts merged in when read (their new notes change no stamp).
    subjects: list[str]


def encode_cursor(entry: Entry) -> str:
    return f"{entry.published_us}.{entry.note_id}"


def decode_cursor(cursor: str | None) -> Entry | None:
    if not cursor:
        return None
    published, _, note_id = cursor.partition(".")
    if not (published.isdigit() and note_id.isdigit() and len(published) <= 18 and len(note_id) <= 19):
        raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")
    return Entry(int(published), int(note_id))


async def following_page(
    session: AsyncSession, *, viewer: Viewer, cursor: str | None, limit: int
) -> FeedPage:
    """One page of the viewer's Following feed, and the cursor of the next (None at the end)."""
    assert viewer.id is not None
    timelines = timelines_of(session.info)
    before = decode_cursor(cursor)
    cards: list[NoteCard] = []

    async def finish(next_cursor: str | None) -> FeedPage:
        assert viewer.id is not None
        merged = await timelines.merged_authors(session, user_id=viewer.id)
        subjects = kept_pages.subjects_of(
            reader_id=viewer.id, author_ids=[*(card.note.author_id for card in cards), *merged]
        )
        return FeedPage(cards, next_cursor, subjects)

    for _ in range(MAX_ROUNDS):
        count = (limit - len(cards)) * 3 // 2 + 2  # a few spare for entries now hidden
        entries = await timelines.page(session, user_id=viewer.id, before=before, count=count)
        shown = await notes.cards_by_ids(
            session, note_ids=[entry.note_id for entry in entries], viewer=viewer, followed_unmuted=True
        )
        by_id = {card.note.id: card for card in shown}
        for entry in entries:
            before = entry
            if entry.note_id in by_id:
                cards.append(by_id[entry.note_id])
                if len(cards) == limit:
                    return await finish(encode_cursor(entry))
        if len(entries) < count:
            return await finish(None)
    return await finish(encode_cursor(before) if before is not None else None)


async def timeline_stamp(session: AsyncSession, *, viewer: Viewer) -> str | None:
    """The stamp of the viewer's timeline (a first page is kept with it); read it before
    the page."""
    assert viewer.id is not None
    return await timelines_of(session.info).stamp(user_id=viewer.id)


async def fan_out(
    session: AsyncSession, *, note_id: int, resume_after: tuple[datetime, int] | None
) -> FanOutProgress:
    """One step of pushing a published note to its author's followers' timelines."""
    return await timelines_of(session.info).fan_out(session, note_id=note_id, resume_after=resume_after)


async def follow_started(session: AsyncSession, *, follower_id: int, followee_id: int) -> None:
    await timelines_of(session.info).follow_started(session, follower_id=follower_id, followee_id=followee_id)
