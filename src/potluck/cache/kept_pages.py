"""Personal pages kept for their reader, so scrolling back and forth is cheap.

Reading a page of a feed means reading candidates, checking every one against the
database and building cards: milliseconds each time. People refresh and scroll the same
few pages over and over, so feeds keep each page's JSON for :data:`SECONDS`, per reader
and request, and :mod:`potluck.web.kept_reads` hands it out at the request's edge while
nothing it shows has changed.

A kept page records when its first read began and what it depends on (its reader and the
authors it shows, :func:`subjects_of`); it is used only while none of those was marked
changed since (:mod:`.marks`): the reader's own likes, follows, mutes and blocks, and an
author's edited, deleted or hidden note, new name, avatar or suspension, all show at once.
Counts of other people's likes may lag by up to :data:`SECONDS`, as on any large network.
A feed can add a check of its own (Following compares its timeline's stamp on first pages).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from potluck.cache import marks
from potluck.cache.interface import Cache
from potluck.cache.marks import Marks

SECONDS = min(30.0, marks.MAX_VIEW_SECONDS)  # marks must outlive what they spoil
_SEPARATOR = b"\n"


@dataclass(frozen=True)
class KeptPage:
    made_at: float  # wall-clock time its first read began
    stamp: str | None  # a feed's own check value (Following: the timeline's stamp)
    subjects: list[str]
    body: bytes
    until: float = 0.0  # wall-clock time it expires (set when stored)

    def expires_within(self, seconds: float) -> bool:
        return self.until - time.time() < seconds


def started() -> float:
    """The ``made_at`` of a page about to be built: call it before the first read."""
    return time.time()


def subjects_of(*, reader_id: int, author_ids: Iterable[int]) -> list[str]:
    """What a page depends on: its reader, and the authors it shows (their notes and how
    cards show them)."""
    return [marks.reader(reader_id), *(marks.author(author_id) for author_id in sorted(set(author_ids)))]


async def store(cache: Cache, key: str, page: KeptPage) -> None:
    """Keep ``page`` for between three quarters of :data:`SECONDS` and all of it: pages made
    together (a reader's first scroll) do not all expire, and get rebuilt, at once. This
    process keeps its decoded copy as long (:mod:`.decoded`)."""
    ttl = SECONDS * random.uniform(0.75, 1.0)  # noqa: S311 - spreading expiries, not a secret
    until = time.time() + ttl
    header = {"made_at": page.made_at, "stamp": page.stamp, "subjects": page.subjects, "until": until}
    await cache.backend.set(key, json.dumps(header).encode() + _SEPARATOR + page.body, ttl=ttl)
    cache.decoded.put(key, replace(page, until=until), ttl=ttl, size=_size(page))


async def load(cache: Cache, board: Marks, key: str) -> KeptPage | None:
    """The kept page if there is one and nothing it depends on was marked since."""
    page: KeptPage | None = cache.decoded.get(key)
    if page is None:
        page = await _read(cache, key)
        if page is None:
            return None
    if board.changed_since(page.subjects, page.made_at):
        cache.decoded.drop(key)
        return None
    return page


async def load_shared(cache: Cache, board: Marks, key: str) -> KeptPage | None:
    """:func:`load` from the cache backend, past this process's own copy (to pick up a
    page another process has built since)."""
    page = await _read(cache, key)
    if page is None or board.changed_since(page.subjects, page.made_at):
        return None
    return page


async def _read(cache: Cache, key: str) -> KeptPage | None:
    raw = await cache.backend.get(key)
    if raw is None:
        return None
    header, separator, body = raw.partition(_SEPARATOR)
    try:
        data = json.loads(header)
        until = float(data["until"])
        page = KeptPage(
            made_at=float(data["made_at"]),
            stamp=data["stamp"],
            subjects=list(data["subjects"]),
            body=body,
            until=until,
        )
    except (ValueError, TypeError, KeyError):
        return None
    if not separator:
        return None
    cache.decoded.put(key, page, ttl=until - time.time(), size=_size(page))
    return page


def _size(page: KeptPage) -> int:
    return len(page.body) + 64 * len(page.subjects) + 200
