"""The copy of a note that logged-out visitors share.

A note read by someone who is not logged in is the same for all of them: the note, its
author, photos, topics, counts and first page of comments, with no likes or collects of
their own. The JSON of that read is cached for ``anonymous_cache_seconds`` (per language,
because a failed photo's reason is translated), so a note that is shared widely costs one
database read per interval instead of one per visitor.

What shows when, for logged-out visitors:

- at once: the author's edits, a change of visibility, deletion, a pinned or unpinned
  comment and a deleted comment (each forgets the copy when its transaction commits);
- within the interval: counts, new comments and replies, the author's new name or
  avatar, a suspension.

Logged-out visitors also share a note's translations (into each language), forgotten and
refreshed the same way.

Logged-in people never see the copy: their reads carry their own likes and collects and
always come from the database.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import forget_on_commit, marks
from potluck.kit.i18n import SUPPORTED_LOCALES
from potluck.kit.language import TRANSLATION_TARGETS


def anonymous_note_key(note_id: int, locale: str) -> str:
    return f"note:{note_id}:anonymous:{locale}"


def anonymous_translation_key(note_id: int, target: str) -> str:
    """The note's translation into ``target`` as logged-out visitors share it (kept by
    :mod:`potluck.translation.routes`, forgotten with the note's copy)."""
    return f"note:{note_id}:anonymous-translation:{target}"


def forget_note(session: AsyncSession, note_id: int, author_id: int) -> None:
    """Logged-out visitors see the note afresh once ``session`` commits, and personal pages
    kept with its author's notes (a Following page) are made anew."""
    forget_on_commit(
        session,
        *(anonymous_note_key(note_id, locale) for locale in SUPPORTED_LOCALES),
        *(anonymous_translation_key(note_id, target) for target in TRANSLATION_TARGETS),
    )
    marks.mark_on_commit(session, marks.author(author_id))
