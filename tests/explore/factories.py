"""Factories for Explore tests: many notes made straight in the database (no photos, no
rate limits), with categories, topics and authors chosen by the test."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.kit.ids import new_id
from potluck.kit.time import utcnow
from potluck.notes import repository as notes_repository
from potluck.notes.models import Note
from potluck.notes.text import topic_key
from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.notes.factories import job_context


async def make_author(db: AsyncSession, username: str, *, languages: list[str] | None = None) -> User:
    user = await make_user(db, username=username)
    user.languages = languages or ["en"]
    await db.commit()
    return user


async def make_notes(
    db: AsyncSession,
    author: User,
    count: int,
    *,
    category: str = "other",
    topics: tuple[str, ...] = (),
    visibility: str = "public",
    published_at: datetime | None = None,
    likes: int = 0,
) -> list[int]:
    """``count`` published notes by ``author``, a minute apart (newest last)."""
    start = published_at or utcnow() - timedelta(hours=2)
    ids: list[int] = []
    for number in range(count):
        note = Note(
            id=new_id(),
            author_id=author.id,
            type="image",
            title=f"{category} {number}",
            body=" ".join(f"#{topic}" for topic in topics),
            visibility=visibility,
            category=category,
            published_at=start + timedelta(minutes=number),
            like_count=likes,
        )
        db.add(note)
        await db.flush()
        if topics:
            found = await notes_repository.ensure_hashtags(db, {topic_key(t): t for t in topics})
            hashtag_ids = list(found.values())
            await notes_repository.replace_hashtags(db, note.id, hashtag_ids)
            await notes_repository.add_to_hashtag_counts(db, hashtag_ids, 1)
        ids.append(note.id)
    await db.commit()
    return ids


async def all_pages(client: httpx.AsyncClient, *, limit: int = 10, **params: Any) -> list[list[str]]:
    """Every page of Explore in one feed session: the note IDs of each."""
    pages: list[list[str]] = []
    cursor: str | None = None
    while True:
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        response = await client.get("/api/v1/feed/explore", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None or len(pages) > 50:
            return pages


async def run_job(runtime: Runtime, function: Any) -> None:
    await function(job_context(runtime))
