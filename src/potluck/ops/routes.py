"""Liveness, readiness and metrics endpoints."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.types import ASGIApp, Receive, Scope, Send

from potluck.ops.metrics import metrics_endpoint

router = APIRouter(include_in_schema=False)
CHECK_TIMEOUT_SECONDS = 2.0


HEALTHZ_PATH = "/healthz"
_HEALTHZ_BODY = b'{"status":"ok"}'
_HEALTHZ_START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(_HEALTHZ_BODY)).encode()),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
    ],
}


class LivenessMiddleware:
    """Answers ``GET /healthz`` before the rest of the stack.

    Load balancers probe it every few seconds on every process; "alive" must not depend
    on the database, sessions, CSRF, locale or logging, so none of them run for it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == HEALTHZ_PATH and scope["method"] in {"GET", "HEAD"}:
            await send(_HEALTHZ_START)
            await send(
                {"type": "http.response.body", "body": _HEALTHZ_BODY if scope["method"] == "GET" else b""}
            )
            return
        await self.app(scope, receive, send)


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
