"""The application factory: wires the runtime, middleware, routers and pages."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.authentication import AuthenticationMiddleware

from potluck.accounts import pages as accounts_pages
from potluck.accounts import routes as accounts_routes
from potluck.accounts import settings_pages as accounts_settings_pages
from potluck.accounts.auth import SESSION_COOKIE, SessionAuthBackend, authentication_failed
from potluck.boards import pages as boards_pages
from potluck.boards import routes as boards_routes
from potluck.comments import pages as comments_pages
from potluck.comments import routes as comments_routes
from potluck.explore import pages as explore_pages
from potluck.explore import routes as explore_routes
from potluck.feed import routes as feed_routes
from potluck.media import routes as media_routes
from potluck.notes import compose_pages as notes_compose_pages
from potluck.notes import nearby as notes_nearby
from potluck.notes import pages as notes_pages
from potluck.notes import profile_pages as notes_profile_pages
from potluck.notes import routes as notes_routes
from potluck.notifications import pages as notifications_pages
from potluck.notifications import routes as notifications_routes
from potluck.ops import routes as ops_routes
from potluck.ops.logging import RequestContextMiddleware, configure_logging
from potluck.ops.metrics import MetricsMiddleware
from potluck.realtime import routes as realtime_routes
from potluck.runtime import Runtime
from potluck.search import analysis as search_analysis
from potluck.search import pages as search_pages
from potluck.search import routes as search_routes
from potluck.settings import Mode, Settings, load_settings
from potluck.social import pages as social_pages
from potluck.social import routes as social_routes
from potluck.topics import pages as topics_pages
from potluck.topics import routes as topics_routes
from potluck.translation import pages as translation_pages
from potluck.translation import routes as translation_routes
from potluck.web import api_docs
from potluck.web import pages as web_pages
from potluck.web.assets import mount_media, mount_static
from potluck.web.boundary import SessionBoundaryMiddleware
from potluck.web.csrf import CSRFMiddleware
from potluck.web.errors import install_error_handlers
from potluck.web.i18n import LocaleMiddleware
from potluck.web.kept_reads import KeptReadMiddleware
from potluck.web.middleware import BodySizeLimitMiddleware, SecurityHeadersMiddleware
from potluck.web.shared_reads import SharedReadMiddleware

API_PREFIX = "/api/v1"
AVATAR_UPLOAD_PATHS = (f"{API_PREFIX}/me/avatar", "/settings/profile/avatar")


def settle_heap() -> None:
    """Move everything alive after start-up out of the garbage collector's sight.

    Modules, routes, mappers and compiled statements live as long as the process. Left in
    the collector's oldest generation, every full collection walks them all: pauses of tens
    of milliseconds that set the p99 of reads (docs/benchmarks.md, sign-up surge: p99 of
    profile reads 78 ms -> 20-28 ms with this). Young collections also run less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def add_routes(app: FastAPI, *routers: APIRouter) -> None:
    """Put each router's routes straight into the app's route table, in order.

    ``include_router`` in FastAPI 0.16x keeps a router as one lazy entry that, for every
    request, walks all of its routes (and walks the chosen router again to handle it),
    with scope bookkeeping for each route: 430 µs of CPU for a trivial endpoint at the end
    of Potluck's table, against 330 µs with the routes listed directly (measured
    in-process, docs/benchmarks.md, "Note reads"). Our routers carry nothing that needs
    the lazy form: their prefix, tags and ``include_in_schema`` are applied to each route
    when it is declared, and they have no dependencies or lifespans of their own.
    """
    for router in routers:
        app.router.routes.extend(router.routes)


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    """Build the ASGI app.

    With ``runtime`` given, the caller owns it (tests, benchmarks); otherwise the app builds
    one from ``settings`` and starts and stops it with its lifespan.
    """
    owns_runtime = runtime is None
    if runtime is None:
        settings = settings or load_settings()
        configure_logging(settings.log_level, settings.log_format)
        runtime = Runtime(settings)
    settings = runtime.settings

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if owns_runtime:
            run_worker = settings.mode is Mode.EMBEDDED and settings.embedded_worker
            await runtime.start(run_worker=run_worker)
            search_analysis.load()  # jieba's dictionary: not in the first search, nor in every GC pass
        settle_heap()
        try:
            yield
        finally:
            if owns_runtime:
                await runtime.stop()

    app = FastAPI(
        title="Potluck API",
        version="1",
        description="The JSON API of Potluck, a self-hostable lifestyle-notes community.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = runtime

    install_error_handlers(app)
    add_routes(
        app,
        ops_routes.router,
        api_docs.router,
        accounts_routes.router,
        media_routes.router,
        notes_routes.router,
        translation_routes.router,
        comments_routes.router,
        boards_routes.router,
        social_routes.router,
        explore_routes.router,
        feed_routes.router,
        notifications_routes.router,
        topics_routes.router,
        search_routes.router,
        notes_nearby.router,
        realtime_routes.router,
        accounts_pages.router,
        accounts_settings_pages.router,
        notes_compose_pages.router,
        notes_pages.router,
        notes_profile_pages.router,
        comments_pages.router,
        boards_pages.router,
        social_pages.router,
        explore_pages.router,
        notifications_pages.router,
        topics_pages.router,
        search_pages.router,
        translation_pages.router,
        web_pages.router,
    )
    mount_static(app)
    mount_media(app, settings.resolved_media_dir)

    # Added innermost first: the last one added sees the request first.
    app.add_middleware(
        KeptReadMiddleware,
        runtime=runtime,
        reads=[
            *feed_routes.kept_reads(runtime.timelines, runtime.cache.decoded),
            *explore_routes.kept_reads(),
        ],
    )
    app.add_middleware(LocaleMiddleware, default_locale=settings.default_locale)
    app.add_middleware(
        AuthenticationMiddleware, backend=SessionAuthBackend(runtime), on_error=authentication_failed
    )
    app.add_middleware(
        CSRFMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        secure=settings.secure_cookies,
    )
    app.add_middleware(SessionBoundaryMiddleware, runtime=runtime)
    app.add_middleware(
        SharedReadMiddleware,
        cache=runtime.cache,
        reads=[*notes_routes.shared_reads(), *translation_routes.shared_reads()],
        session_cookie=SESSION_COOKIE,
        default_locale=settings.default_locale,
    )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        # Multipart framing on top of the picture itself.
        overrides={
            **dict.fromkeys(AVATAR_UPLOAD_PATHS, settings.max_avatar_bytes + 64 * 1024),
            # Photos or videos; each type's own limit is enforced while the body streams in.
            media_routes.UPLOAD_PATH: max(settings.max_image_bytes, settings.max_video_bytes) + 64 * 1024,
        },
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.secure_cookies)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(ops_routes.LivenessMiddleware)
    return app
