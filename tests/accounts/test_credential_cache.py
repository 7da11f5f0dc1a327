"""Credentials remembered for a minute (accounts.credential_cache): used while nothing
revoked them, never once something did, even a revocation that raced the first read."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credential_cache
from potluck.accounts.credential_cache import Resolved
from potluck.accounts.credentials import hash_secret
from potluck.accounts.models import User
from potluck.cache import Cache, MemoryCache, marks
from potluck.cache.marks import Marks
from potluck.kit.time import utcnow
from potluck.runtime import Runtime
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user
from tests.cache.helpers import FakeClock

ALICE = Resolved(
    user_id=7,
    username="alice",
    display_name="Alice",
    locale="en",
    is_admin=False,
    avatar_key=None,
    session_id=3,
    token_id=None,
)


async def test_a_remembered_credential_is_found_by_its_hash(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    await credential_cache.remember(
        cache, "h1", ALICE, resolved_at=credential_cache.started(), expires_at=None
    )

    assert await credential_cache.lookup(cache, marks_board, "h1") == ALICE
    assert await credential_cache.lookup(cache, marks_board, "other") is None


async def test_a_revocation_after_the_read_began_wins(marks_board: Marks) -> None:
    """The read began, then a revocation committed and marked, then the read was stored:
    the stored answer is never used."""
    cache = Cache(MemoryCache())
    read_began = credential_cache.started()
    await marks_board.mark([marks.credentials(ALICE.user_id)])
    await credential_cache.remember(cache, "h1", ALICE, resolved_at=read_began, expires_at=None)

    assert await credential_cache.lookup(cache, marks_board, "h1") is None


async def test_a_read_begun_after_a_revocation_is_used(marks_board: Marks) -> None:
    cache = Cache(MemoryCache())
    await marks_board.mark([marks.credentials(ALICE.user_id)])
    await asyncio.sleep(0.01)
    await credential_cache.remember(
        cache, "h1", ALICE, resolved_at=credential_cache.started(), expires_at=None
    )

    assert await credential_cache.lookup(cache, marks_board, "h1") == ALICE


async def test_a_credential_is_kept_no_longer_than_it_lives(marks_board: Marks) -> None:
    clock = FakeClock(0.0)
    cache = Cache(MemoryCache(clock=clock), clock=clock)
    await credential_cache.remember(
        cache, "h1", ALICE, resolved_at=credential_cache.started(), expires_at=utcnow() + timedelta(seconds=5)
    )
    await credential_cache.remember(
        cache, "h2", ALICE, resolved_at=credential_cache.started(), expires_at=utcnow() - timedelta(seconds=1)
    )
    assert await credential_cache.lookup(cache, marks_board, "h1") == ALICE
    assert await credential_cache.lookup(cache, marks_board, "h2") is None

    clock.advance(5.5)
    assert await credential_cache.lookup(cache, marks_board, "h1") is None


async def test_a_new_language_setting_is_carried_by_the_next_request_at_once(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """Requests carry who is asking, with their language setting, which picks the pages'
    language."""
    await make_user(db, username="switcher")
    await log_in(client, "switcher", DEFAULT_PASSWORD)
    assert '<html lang="en" dir="ltr">' in (await client.get("/")).text

    assert (await client.patch("/api/v1/me", json={"locale": "zh-Hans"})).status_code == 200

    assert '<html lang="zh-Hans" dir="ltr">' in (await client.get("/")).text


async def test_a_change_made_behind_the_apps_back_waits_a_minute(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    """What the app itself does is seen at once; a direct database change (an operator's
    SQL) reaches requests when the remembered copy runs out."""
    user = await make_user(db, username="operator_made")
    await log_in(client, "operator_made", DEFAULT_PASSWORD)
    assert '<html lang="en" dir="ltr">' in (await client.get("/")).text

    await db.execute(update(User).where(User.id == user.id).values(locale="zh_Hans"))
    await db.commit()
    assert '<html lang="en" dir="ltr">' in (await client.get("/")).text

    await credential_cache.forget(runtime.cache, hash_secret(client.cookies["potluck_session"]))
    assert '<html lang="zh-Hans" dir="ltr">' in (await client.get("/")).text
