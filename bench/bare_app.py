"""The bare baseline for ``bench/http_baseline.py``: Starlette, one engine, no middleware.

It answers the two benchmarked routes with the same JSON as Potluck and runs the same
single indexed query through the same engine factory (same drivers, same SQLite pragmas,
same pool), so the difference in throughput is what Potluck's framework layers cost.

Served by uvicorn as a factory so ``--workers`` works::

    BENCH_DATABASE_URL=sqlite+aiosqlite:///path.db \\
        uvicorn bare_app:create_app --factory --app-dir bench --workers 2

Two more factories split the difference for ``http_baseline.py --breakdown``:
:func:`create_orm_app` is bare Starlette doing Potluck's own data path (request session,
ORM query through the accounts service, commit, Pydantic schema), and
:func:`create_potluck_without_middleware` is Potluck's FastAPI app with every middleware
removed except the session boundary its routes need (and the /healthz short-circuit).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, BigInteger, Boolean, Integer, String, text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from potluck.db.engine import Database, create_engine
from potluck.db.types import UTCDateTime
from potluck.settings import normalise_database_url

if TYPE_CHECKING:
    from fastapi import FastAPI

DATABASE_URL_ENV = "BENCH_DATABASE_URL"

# The public profile's columns, as Potluck's GET /api/v1/users/{username} reads them.
USER_BY_KEY = text(
    "SELECT id, username, display_name, avatar_key, is_private, bio, location, pronouns, languages,"
    " follower_count, following_count, note_count, likes_received_count, created_at"
    " FROM user_account WHERE username_key = :key"
).columns(
    id=BigInteger,
    username=String,
    display_name=String,
    avatar_key=String,
    is_private=Boolean,
    bio=String,
    location=String,
    pronouns=String,
    languages=JSON,
    follower_count=Integer,
    following_count=Integer,
    note_count=Integer,
    likes_received_count=Integer,
    created_at=UTCDateTime,
)


def _json_datetime(value: datetime) -> str:
    # Pydantic writes UTC as "Z"; match it so both apps send identical bodies.
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def create_app() -> Starlette:
    url = normalise_database_url(os.environ[DATABASE_URL_ENV])
    state: dict[str, AsyncEngine] = {}

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        state["engine"] = create_engine(url)
        try:
            yield
        finally:
            await state["engine"].dispose()

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def get_user(request: Request) -> JSONResponse:
        key = unicodedata.normalize("NFKC", request.path_params["username"]).casefold()
        async with state["engine"].connect() as connection:
            row = (await connection.execute(USER_BY_KEY, {"key": key})).first()
        if row is None:
            return JSONResponse({"error": {"code": "not_found", "message": "No such user."}}, status_code=404)
        hidden = row.is_private  # anonymous readers get the header of a private account
        return JSONResponse(
            {
                "id": str(row.id),
                "username": row.username,
                "display_name": row.display_name,
                "avatar_url": f"/media/{row.avatar_key}" if row.avatar_key else None,
                "is_private": row.is_private,
                "bio": None if hidden else row.bio,
                "location": None if hidden else row.location,
                "pronouns": None if hidden else row.pronouns,
                "languages": None if hidden else list(row.languages or []),
                "follower_count": row.follower_count,
                "following_count": row.following_count,
                "note_count": row.note_count,
                "likes_received_count": row.likes_received_count,
                "created_at": _json_datetime(row.created_at),
            }
        )

    return Starlette(
        routes=[Route("/healthz", healthz), Route("/api/v1/users/{username}", get_user)],
        lifespan=lifespan,
    )


def create_orm_app() -> Starlette:
    """Bare Starlette doing what Potluck's endpoint does, minus FastAPI and the middleware:
    a reading session per request, the accounts service's read, the ``PublicUser`` schema,
    commit."""
    from potluck.accounts import service  # noqa: PLC0415 - only this variant needs the domain
    from potluck.accounts.routes import public_of  # noqa: PLC0415
    from potluck.db.session import commit  # noqa: PLC0415
    from potluck.kit.errors import NotFound  # noqa: PLC0415

    url = normalise_database_url(os.environ[DATABASE_URL_ENV])
    state: dict[str, Database] = {}

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        state["database"] = Database(url)
        try:
            yield
        finally:
            await state["database"].dispose()

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def get_user(request: Request) -> Response:
        # One session per request, committed before the response leaves, like the boundary.
        session = state["database"].session()
        try:
            try:
                profile = await service.get_profile(session, username=request.path_params["username"])
            except NotFound:
                return JSONResponse(
                    {"error": {"code": "not_found", "message": "No such user."}}, status_code=404
                )
            body = public_of(profile).model_dump_json()
            await commit(session)
        finally:
            await session.close()
        return Response(body, media_type="application/json")

    return Starlette(
        routes=[Route("/healthz", healthz), Route("/api/v1/users/{username}", get_user)],
        lifespan=lifespan,
    )


def create_potluck_without_middleware() -> FastAPI:
    """Potluck's app (settings from POTLUCK_* as usual) keeping only the middleware its
    routes cannot do without: the session boundary, and the liveness short-circuit where
    it exists (it is what answers /healthz)."""
    from potluck.app import create_app as create_potluck_app  # noqa: PLC0415

    app = create_potluck_app()
    app.user_middleware = [entry for entry in app.user_middleware if _is_kept(entry.cls)]
    return app


def _is_kept(middleware_class: object) -> bool:
    return getattr(middleware_class, "__name__", "") in {"SessionBoundaryMiddleware", "LivenessMiddleware"}
