"""Following pages kept for their reader, so scrolling back and forth is cheap.

Reading a page of Following means reading the timeline, checking every entry against the
database and building cards: a few milliseconds. People refresh and scroll the same few
pages over and over, so each page's JSON is kept in the cache component for
:data:`SECONDS`, per reader, language, page size and cursor, and handed out straight
from the request's edge (:mod:`.fast_path`) while nothing it shows has changed.

A kept page is used only if, since it was made:

- nothing it depends on was marked changed (:mod:`potluck.cache.marks`): the reader
  (their likes, follows, mutes and blocks), the authors it shows (a note of theirs
  edited, deleted or hidden; their name, avatar or suspension) and the large accounts
  merged into it when read (a new note of theirs);
- for the first page, no note arrived in the reader's timeline: the page records the
  timeline's stamp (:meth:`potluck.feed.timeline.Timelines.stamp`), which every push
  changes. Timelines without a stamp (the embedded mode's query) never keep a first page.

Like counts of other people's likes may lag by up to :data:`SECONDS`, as they would on any
large network; everything the reader does themself shows at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass

from potluck.cache import Cache, marks

SECONDS = min(30.0, marks.MAX_VIEW_SECONDS)  # marks must outlive what they spoil
_SEPARATOR = b"\n"


@dataclass(frozen=True)
class KeptPage:
    made_at: float  # wall-clock time its first read began
    stamp: str | None  # the timeline's stamp then (first pages)
    subjects: list[str]
    body: bytes


def key(user_id: int, locale: str, limit: int, cursor: str | None) -> str:
    return f"feed:following:{user_id}:{locale}:{limit}:{cursor or ''}"


def started() -> float:
    """The ``made_at`` of a page about to be built: call it before the first read."""
    return time.time()


def subjects_of(*, reader_id: int, author_ids: Iterable[int], merged_author_ids: Iterable[int]) -> list[str]:
    """What a page depends on: its reader, the authors it shows (their notes and how
    cards show them) and the accounts merged in when read."""
    return [
        marks.reader(reader_id),
        *(marks.author(author_id) for author_id in sorted({*author_ids, *merged_author_ids})),
    ]


async def store(cache: Cache, page_key: str, page: KeptPage) -> None:
    header = json.dumps({"made_at": page.made_at, "stamp": page.stamp, "subjects": page.subjects})
    await cache.backend.set(page_key, header.encode() + _SEPARATOR + page.body, ttl=SECONDS)


async def load(cache: Cache, page_key: str) -> KeptPage | None:
    """The kept page if there is one and nothing it depends on was marked since (the
    timeline's stamp is for the caller to compare)."""
    raw = await cache.backend.get(page_key)
    if raw is None:
        return None
    header, separator, body = raw.partition(_SEPARATOR)
    try:
        data = json.loads(header)
        page = KeptPage(
            made_at=float(data["made_at"]), stamp=data["stamp"], subjects=list(data["subjects"]), body=body
        )
    except (ValueError, TypeError, KeyError):
        return None
    if not separator or await marks.changed_since(cache, page.subjects, page.made_at):
        return None
    return page
