"""The demo's searches: the index made at once, and what the demo's people searched for,
so search has history, trending searches and popular suggestions on a fresh install.

Searches go through the search service as their people (history and query counts made
as they would be); the index is built by the same code as ``potluck search reindex``,
so the demo's notes are findable before any worker has run.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.viewer import Viewer
from potluck.search import indexing, service, spelling

# What people searched, and how many of the demo's people (the first ones) searched it.
SEARCHES: tuple[tuple[str, int], ...] = (
    ("火锅", 9),
    ("TikTokRefugee", 8),
    ("hotpot", 7),
    ("成都美食", 6),
    ("猫", 5),
    ("skincare", 5),
    ("学中文", 4),
    ("cat", 4),
    ("yoga", 3),
    ("ootd", 3),
    ("Chengdu", 3),
    ("咖啡", 2),
    ("travel", 2),
)
Transaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]


async def index_everything(transaction: Transaction) -> int:
    """Index every note, a batch per transaction, and refresh the vocabulary; how many notes."""
    done, after = 0, 0
    while True:
        async with transaction() as session:
            note_ids = await indexing.reindex_batch(session, after=after)
        if not note_ids:
            break
        after, done = note_ids[-1], done + len(note_ids)
    async with transaction() as session:
        await spelling.refresh_vocabulary(session)
    return done


async def search_as_people(transaction: Transaction, user_ids: list[int]) -> int:
    """Run :data:`SEARCHES` as the demo's people; how many searches."""
    done = 0
    for query, people in SEARCHES:
        for user_id in user_ids[:people]:
            async with transaction() as session:
                await service.search_notes(session, query=query, viewer=Viewer(id=user_id), limit=1)
            done += 1
    return done
