"""Impressions and clicks, the jobs that learn from them, interests and feed preferences."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.explore import tasks
from potluck.explore.models import FeedEvent, NoteNeighbour, NoteStat, TrendingNote
from potluck.runtime import Runtime
from potluck.settings import Settings
from tests.conftest import make_settings
from tests.explore.factories import make_author, make_notes, run_job
from tests.notes.factories import client_of


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None) -> Settings:
    return make_settings(tmp_path / "var", database_url, redis_url, rate_limit_feed_events="3/minute")


@pytest.fixture
async def notes(db: AsyncSession) -> list[int]:
    author = await make_author(db, "shown_author")
    return await make_notes(db, author, 4, category="food", topics=("hotpot",))


def _events(note_ids: list[int], kind: str = "impression") -> dict[str, object]:
    return {"events": [{"note_id": str(n), "kind": kind, "feed_session": "abcDEF123_-"} for n in note_ids]}


async def test_a_batch_of_impressions_and_clicks_is_recorded(
    alice: httpx.AsyncClient, db: AsyncSession, notes: list[int]
) -> None:
    response = await alice.post("/api/v1/feed/events", json=_events(notes))
    assert response.status_code == 200, response.text
    assert response.json() == {"recorded": 4}
    response = await alice.post("/api/v1/feed/events", json=_events(notes[:1], "click"))
    assert response.json() == {"recorded": 1}

    kinds = (await db.execute(select(FeedEvent.kind, func.count()).group_by(FeedEvent.kind))).all()
    assert dict(kinds) == {"impression": 4, "click": 1}


async def test_a_beacon_form_is_accepted(alice: httpx.AsyncClient, notes: list[int]) -> None:
    """What navigator.sendBeacon sends when the page is hidden: a form with the CSRF token."""
    body = {"events": json.dumps(_events(notes)["events"]), "csrf_token": alice.cookies["potluck_csrf"]}
    response = await alice.post("/api/v1/feed/events", data=body, headers={"X-CSRF-Token": ""})
    assert response.status_code == 200, response.text
    assert response.json() == {"recorded": 4}


async def test_logged_out_visitors_can_send_events(raw_client: httpx.AsyncClient, notes: list[int]) -> None:
    response = await raw_client.post("/api/v1/feed/events", json=_events(notes))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": [{"note_id": "1", "kind": "hover"}]}, "events.0.kind"),
        ({"events": [{"note_id": "abc", "kind": "click"}]}, "events.0.note_id"),
        ({"events": [{"note_id": "1", "kind": "click"}] * 101}, "events"),
        (
            {"events": [{"note_id": "1", "kind": "click", "feed_session": "<script>"}]},
            "events.0.feed_session",
        ),
        ({}, "events"),
    ],
)
async def test_bad_batches_are_refused(alice: httpx.AsyncClient, body: dict[str, object], field: str) -> None:
    response = await alice.post("/api/v1/feed/events", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field


async def test_malformed_json_is_refused(alice: httpx.AsyncClient) -> None:
    response = await alice.post(
        "/api/v1/feed/events", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


async def test_batches_are_rate_limited_per_person(
    alice: httpx.AsyncClient, app: object, db: AsyncSession, notes: list[int]
) -> None:
    for _ in range(3):
        assert (await alice.post("/api/v1/feed/events", json=_events(notes))).status_code == 200

    response = await alice.post("/api/v1/feed/events", json=_events(notes))
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response.headers["retry-after"]) > 0
    async with client_of(app, "shown_author") as other:  # someone else is not held back
        assert (await other.post("/api/v1/feed/events", json=_events(notes))).status_code == 200


async def test_the_aggregation_job_counts_impressions_and_clicks_per_note(
    alice: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, notes: list[int]
) -> None:
    await alice.post("/api/v1/feed/events", json=_events(notes))
    await alice.post("/api/v1/feed/events", json=_events(notes[:2], "click"))

    await run_job(runtime, tasks.aggregate_events)
    await run_job(runtime, tasks.aggregate_events)  # idempotent

    stats = {
        row[0]: (row[1], row[2])
        for row in await db.execute(select(NoteStat.note_id, NoteStat.impressions, NoteStat.clicks))
    }
    assert stats == {notes[0]: (1, 1), notes[1]: (1, 1), notes[2]: (1, 0), notes[3]: (1, 0)}


async def test_the_trending_and_neighbour_jobs_fill_their_tables(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, notes: list[int]
) -> None:
    for person in (alice, bob):
        for note_id in notes[:2]:
            assert (await person.post(f"/api/v1/notes/{note_id}/like")).status_code == 200

    await run_job(runtime, tasks.refresh_trending)
    await run_job(runtime, tasks.refresh_neighbours)

    trending = (
        (
            await db.execute(
                select(TrendingNote.note_id)
                .where(TrendingNote.time_window == "day", TrendingNote.category == "")
                .order_by(TrendingNote.rank)
            )
        )
        .scalars()
        .all()
    )
    assert set(trending[:2]) == set(notes[:2])
    assert set(trending) == set(notes)
    pairs = {
        (row[0], row[1])
        for row in await db.execute(select(NoteNeighbour.note_id, NoteNeighbour.neighbour_id))
    }
    assert pairs == {(notes[0], notes[1]), (notes[1], notes[0])}


# --- interests ----------------------------------------------------------------------------------


async def test_interests_are_picked_and_read_back(alice: httpx.AsyncClient, notes: list[int]) -> None:
    assert (await alice.get("/api/v1/me/interests")).json() == {"categories": [], "topics": []}
    topics = (await alice.get("/api/v1/topics/popular")).json()
    assert [topic["name"] for topic in topics] == ["hotpot"]

    response = await alice.put(
        "/api/v1/me/interests", json={"categories": ["pets", "food", "pets"], "topics": [topics[0]["id"]]}
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"categories": ["food", "pets"], "topics": topics}
    assert (await alice.get("/api/v1/me/interests")).json() == response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"categories": ["cars"]}, "categories"),
        ({"topics": ["123"]}, "topics"),
        ({"topics": ["x"]}, "topics.0"),
    ],
)
async def test_unknown_interests_are_refused(
    alice: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    response = await alice.put("/api/v1/me/interests", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field


async def test_interests_need_a_login(raw_client: httpx.AsyncClient) -> None:
    assert (await raw_client.get("/api/v1/me/interests")).status_code == 401
    assert (await raw_client.get("/api/v1/me/feed-preferences")).status_code == 401


# --- feed preferences ---------------------------------------------------------------------------


async def test_feed_preferences_default_to_some_and_can_change(alice: httpx.AsyncClient) -> None:
    assert (await alice.get("/api/v1/me/feed-preferences")).json() == {"other_languages": "some"}

    response = await alice.patch("/api/v1/me/feed-preferences", json={"other_languages": "many"})

    assert response.json() == {"other_languages": "many"}
    assert (await alice.get("/api/v1/me/feed-preferences")).json() == {"other_languages": "many"}
    refused = await alice.patch("/api/v1/me/feed-preferences", json={"other_languages": "all"})
    assert refused.status_code == 422
