"""Keeping the search index in step with notes.

A note is in the index while it is published and not private ("only me"); followers-only
notes are indexed too and shown only to those who may read them (the service checks every
result). Notes enqueue ``search.index_note`` (by name: notes do not import search) when
published or edited, so a note is searchable seconds after posting; a deleted note's row
goes with it (``ON DELETE CASCADE``); a note made private is removed by its job, and is
never shown meanwhile because results are checked against who may read them.

The title counts twice: it is what a note is about.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.notes import service as notes
from potluck.notes.models import Note, Visibility
from potluck.search import repository
from potluck.search.analysis import index_terms
from potluck.search.engine import NoteDocument
from potluck.search.engines import engine_for

REINDEX_BATCH = 500


def is_searchable(note: Note) -> bool:
    return note.published_at is not None and note.visibility != Visibility.PRIVATE


def document_of(note: Note) -> NoteDocument:
    assert note.published_at is not None
    title = index_terms(note.title)
    return NoteDocument(
        note_id=note.id,
        terms=[*title, *title, *index_terms(note.body, note.location)],
        category=note.category,
        note_type=note.type,
        published_at=note.published_at,
        like_count=note.like_count,
    )


async def index_notes(session: AsyncSession, note_ids: Sequence[int]) -> int:
    """Index these notes as they are now (drafts, private and missing notes leave the
    index); how many are in the index afterwards."""
    found = await notes.notes_by_ids(session, note_ids=note_ids)
    searchable = [note for note in found if is_searchable(note)]
    engine = engine_for(session)
    kept = {note.id for note in searchable}
    await engine.remove(session, [note_id for note_id in note_ids if note_id not in kept])
    await engine.put(session, [document_of(note) for note in searchable])
    return len(searchable)


async def reindex_batch(session: AsyncSession, *, after: int, limit: int = REINDEX_BATCH) -> list[int]:
    """Index the notes with IDs above ``after`` (``limit`` of them); their IDs, in order
    (none when there are no more). Callers commit between batches."""
    note_ids = await notes.note_ids_after(session, after=after, limit=limit)
    if note_ids:
        await index_notes(session, note_ids)
    return note_ids


async def forget_missing(session: AsyncSession) -> int:
    """Drop index rows whose note is no longer searchable (made private or unpublished
    while no job ran); how many went."""
    stale = await repository.unsearchable_index_rows(session)
    await engine_for(session).remove(session, stale)
    return len(stale)


async def refresh_like_counts(session: AsyncSession, *, after: int, limit: int) -> int | None:
    """Copy notes' like counts into their index rows (what "most liked" sorts by), for
    index rows with note IDs above ``after``; the last ID looked at, or None at the end."""
    return await repository.refresh_like_counts(session, after=after, limit=limit)
