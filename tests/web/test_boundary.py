"""The request boundary commits once on success, and on failure keeps nothing: no rows,
no jobs, no realtime events."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service
from potluck.accounts.models import User
from potluck.jobs import enqueue_job
from potluck.jobs.models import JobRecord
from potluck.kit.errors import Conflict
from potluck.realtime import publish_on_commit
from potluck.runtime import Runtime
from potluck.web.deps import DbSession
from tests.conftest import DISTRIBUTED


def add_probe_routes(app: FastAPI) -> None:
    async def create(username: str, session: DbSession) -> dict[str, str]:
        user = await service.create_user(session, username=username, password="long enough pw")
        enqueue_job(session, "accounts.prune_expired_sessions")
        publish_on_commit(session, "probe", "probe.created", {"username": username})
        return {"id": str(user.id)}

    async def create_then_fail(username: str, session: DbSession) -> None:
        await service.create_user(session, username=username, password="long enough pw")
        enqueue_job(session, "accounts.prune_expired_sessions")
        publish_on_commit(session, "probe", "probe.created", {"username": username})
        raise Conflict("changed my mind")

    async def create_then_crash(username: str, session: DbSession) -> None:
        await service.create_user(session, username=username, password="long enough pw")
        raise RuntimeError("boom: secret internals")

    app.add_api_route("/api/v1/_probe/{username}", create, methods=["POST"])
    app.add_api_route("/api/v1/_probe_fail/{username}", create_then_fail, methods=["POST"])
    app.add_api_route("/api/v1/_probe_crash/{username}", create_then_crash, methods=["POST"])


async def count_users(db: AsyncSession, username: str) -> int:
    return int(await db.scalar(select(func.count()).select_from(User).where(User.username == username)) or 0)


async def count_staged_jobs(db: AsyncSession) -> int | None:
    """Jobs waiting in the embedded queue's table (None in distributed mode: arq holds them)."""
    if DISTRIBUTED:
        return None
    statement = (
        select(func.count()).select_from(JobRecord).where(JobRecord.name == "accounts.prune_expired_sessions")
    )
    return int(await db.scalar(statement) or 0)


async def collect_events(runtime: Runtime, action: Any) -> list[Any]:
    received: list[Any] = []
    async with runtime.pubsub.subscribe("probe") as events:
        await action()
        try:
            while True:
                received.append(await asyncio.wait_for(events.__anext__(), 0.5))
        except (TimeoutError, StopAsyncIteration):
            pass
    return received


async def test_success_commits_and_then_sends_events(
    app: FastAPI, client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    add_probe_routes(app)

    async def act() -> None:
        assert (await client.post("/api/v1/_probe/kept_user")).status_code == 200

    events = await collect_events(runtime, act)
    assert await count_users(db, "kept_user") == 1
    assert await count_staged_jobs(db) in {None, 1}
    assert [event["type"] for event in events] == ["probe.created"]


async def test_business_error_rolls_back_rows_jobs_and_events(
    app: FastAPI, client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    add_probe_routes(app)

    async def act() -> None:
        response = await client.post("/api/v1/_probe_fail/dropped_user")
        assert response.status_code == 409
        assert response.json() == {"error": {"code": "conflict", "message": "changed my mind"}}

    events = await collect_events(runtime, act)
    assert await count_users(db, "dropped_user") == 0
    assert await count_staged_jobs(db) in {None, 0}
    assert events == []


async def test_crash_rolls_back_and_hides_internals(app: FastAPI, db: AsyncSession, runtime: Runtime) -> None:
    add_probe_routes(app)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as plain:
        await plain.get("/login")
        response = await plain.post(
            "/api/v1/_probe_crash/crashed_user", headers={"X-CSRF-Token": plain.cookies["potluck_csrf"]}
        )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "boom" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-request-id"]
    assert await count_users(db, "crashed_user") == 0
