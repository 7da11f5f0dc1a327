"""Liveness, readiness and metrics endpoints."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from potluck.ops.metrics import metrics_endpoint

router = APIRouter(include_in_schema=False)
CHECK_TIMEOUT_SECONDS = 2.0


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Alive: the process answers. Deliberately touches nothing else."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready: the database, Redis (distributed mode) and the job queue answer."""
    runtime = request.app.state.runtime
    checks: dict[str, Any] = {}

    async def check(name: str, probe: Any) -> None:
        try:
            await asyncio.wait_for(probe(), CHECK_TIMEOUT_SECONDS)
            checks[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - report, don't raise: this endpoint exists to say what is down
            checks[name] = f"error: {type(exc).__name__}"

    async def database() -> None:
        async with runtime.database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    probes: list[tuple[str, Any]] = [
        ("database", database),
        ("jobs", runtime.jobs.ping),
        ("pubsub", runtime.pubsub.ping),
    ]
    if runtime.redis is not None:
        probes.append(("redis", runtime.redis.ping))
    await asyncio.gather(*(check(name, probe) for name, probe in probes))
    ready = all(value == "ok" for value in checks.values())
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "mode": runtime.settings.mode.value, "checks": checks},
        status_code=200 if ready else 503,
    )


router.add_route("/metrics", metrics_endpoint, methods=["GET"])
