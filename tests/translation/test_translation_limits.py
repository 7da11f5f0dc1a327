"""Translations made (not those kept) count against the reader's rate limit."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from potluck.settings import Settings
from tests.conftest import make_settings
from tests.notes.factories import post_note
from tests.translation.conftest import FakeEngine
from tests.translation.helpers import StagedJobs, use_engines


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(tmp_path / "var", database_url, redis_url, rate_limit_translate="2/minute")


async def test_only_translations_made_are_counted(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    notes = [
        str((await post_note(alice, runtime, title=f"火锅第{n}次", body="太辣了"))["id"]) for n in range(3)
    ]
    for note_id in notes[:2]:
        assert (
            await bob.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
        ).status_code == 202
    limited = await bob.get(f"/api/v1/notes/{notes[2]}/translation", params={"target": "en"})
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert "Retry-After" in limited.headers
    await jobs.run(runtime)
    for note_id in notes[:2]:  # kept ones are still served, and not counted
        assert (
            await bob.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
        ).status_code == 200
    # Each reader has a limit of their own.
    assert (
        await alice.get(f"/api/v1/notes/{notes[2]}/translation", params={"target": "en"})
    ).status_code == 202
