"""Change marks: when something a personal cached view depends on last changed.

A shared copy (a note for logged-out visitors) is forgotten by its key when the note
changes. A personal view, such as one person's first page of Following, cannot be: a note
appears on the pages of thousands of people and nobody keeps a list of them. Instead such
a view records what it shows (``note:42``, ``author:7``) and whose it is (``reader:9``),
and when it was made; a change sets the mark of what changed to the time of the change,
once its transaction commits; the view is used only while none of its marks is newer than
the view itself.

Marks live in the cache component (process memory in embedded mode, Redis shared by all
processes in distributed mode) for :data:`MARK_SECONDS`, longer than any view that uses
them is kept (:data:`MAX_VIEW_SECONDS`), so a mark is never gone while a view it spoils is
still served. Times are wall-clock seconds, which all processes share.

What marks what:

- ``author:<id>``: one of the person's notes was edited, deleted or its visibility
  changed; what cards show of the person changed (name, avatar, suspension); or they
  posted while being an account whose notes are merged in when read rather than pushed
  (one mark per author rather than per note keeps the list a page checks short);
- ``reader:<id>``: what the person sees changed by their own doing (they liked or
  unliked a note, followed, unfollowed, muted or blocked someone) or someone blocked them.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable, Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache.interface import Cache, cache_of
from potluck.db.session import after_commit

MAX_VIEW_SECONDS = 60.0
MARK_SECONDS = MAX_VIEW_SECONDS + 30.0
_TIME = struct.Struct("!d")


def author(user_id: int) -> str:
    return f"author:{user_id}"


def reader(user_id: int) -> str:
    return f"reader:{user_id}"


def _key(subject: str) -> str:
    return f"mark:{subject}"


async def mark(cache: Cache, subjects: Iterable[str], *, clock: Callable[[], float] = time.time) -> None:
    """Mark ``subjects`` changed now."""
    stamp = _TIME.pack(clock())
    for subject in dict.fromkeys(subjects):
        await cache.backend.set(_key(subject), stamp, ttl=MARK_SECONDS)


def mark_on_commit(session: AsyncSession, *subjects: str) -> None:
    """Mark ``subjects`` changed once ``session`` commits (nothing if it rolls back)."""
    cache = cache_of(session.info)

    async def send() -> None:
        await mark(cache, subjects)

    after_commit(session, send)


async def changed_since(cache: Cache, subjects: Iterable[str], since: float) -> bool:
    """Whether any of ``subjects`` was marked at or after ``since`` (wall-clock seconds)."""
    keys = [_key(subject) for subject in dict.fromkeys(subjects)]
    for value in await cache.backend.get_many(keys):
        if value is not None and len(value) == _TIME.size and _TIME.unpack(value)[0] >= since:
            return True
    return False
