"""The "search" and "suggest" rate limits, made tight so the tests stay small."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from potluck.settings import Settings
from tests.conftest import make_settings
from tests.social.factories import assert_error

pytestmark = pytest.mark.usefixtures("within_one_minute")


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(
        tmp_path / "var", database_url, redis_url, rate_limit_search="3/minute", rate_limit_suggest="5/minute"
    )


async def test_searching_too_fast_is_refused_with_a_retry_after_for_people_and_visitors(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    for kind in ("notes", "users", "topics"):
        assert (await onlooker.get("/api/v1/search", params={"q": "tea", "type": kind})).status_code == 200
    response = await onlooker.get("/api/v1/search", params={"q": "tea"})
    assert_error(response, 429, "rate_limited", "rate_limited")
    assert int(response.headers["Retry-After"]) >= 1
    # Someone else (logged in) has a limit of their own:
    assert (await alice.get("/api/v1/search", params={"q": "tea"})).status_code == 200


async def test_suggestions_have_a_limit_of_their_own(onlooker: httpx.AsyncClient) -> None:
    for _ in range(5):
        assert (await onlooker.get("/api/v1/search/suggest", params={"q": "te"})).status_code == 200
    assert_error(await onlooker.get("/api/v1/search/suggest", params={"q": "tea"}), 429, "rate_limited")
    assert (await onlooker.get("/api/v1/search", params={"q": "tea"})).status_code == 200
