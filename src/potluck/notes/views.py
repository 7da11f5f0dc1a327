"""Counting views: once per viewer per note per day.

The note page reports a view with a small POST once it is shown (reads stay read-only and
cacheable, and crawlers fetching pages do not inflate counts). A (note, viewer, day) row
is inserted if absent and the counter moves only when it was, in the same transaction, so
the count is exact under concurrency. Rows older than two days are pruned: they only
serve to recognise today's repeat views.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import repository
from potluck.notes.service import get_readable_note

KEEP_DAYS = 2


async def record_view(session: AsyncSession, *, note_id: int, viewer: Viewer, visitor: str) -> bool:
    """Count the view if it is the viewer's first of the note today; whether it counted.

    ``visitor`` tells anonymous visitors apart (a daily hash of address and browser).
    """
    note = await get_readable_note(session, note_id=note_id, viewer=viewer)
    if note.is_draft or viewer.is_user(note.author_id):
        return False  # authors looking at their own note are not an audience
    key = f"u:{viewer.id}" if viewer.id is not None else f"a:{visitor}"
    new = await repository.insert_views(session, [(note.id, key, utcnow().date())])
    if new[note.id]:
        await repository.add_to_counters(session, note.id, view_count=1)
        return True
    return False


async def prune(session: AsyncSession) -> int:
    return await repository.delete_views_before(session, utcnow().date() - timedelta(days=KEEP_DAYS))
