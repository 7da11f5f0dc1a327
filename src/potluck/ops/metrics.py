"""Prometheus metrics. With several server processes, set PROMETHEUS_MULTIPROC_DIR
(``potluck serve --workers N`` does) so /metrics aggregates all of them."""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter("potluck_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "potluck_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def _route_template(scope: Scope) -> str:
    # Label by route template ("/api/v1/users/{username}"), never by raw path: unbounded
    # label values would grow the registry without limit. The router leaves the matched
    # route in the scope.
    route = scope.get("route")
    return str(getattr(route, "path_format", None) or getattr(route, "path", None) or "unmatched")


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # labels() takes a lock and builds a key on every call; the set of
        # (method, route, status) is small and fixed by the routes, so keep the children.
        self._counters: dict[tuple[str, str, str], Any] = {}
        self._histograms: dict[tuple[str, str], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == "/metrics":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route = _route_template(scope)
            key = (scope["method"], route, str(status))
            counter = self._counters.get(key)
            if counter is None:
                counter = self._counters[key] = REQUESTS.labels(*key)
            counter.inc()
            histogram = self._histograms.get(key[:2])
            if histogram is None:
                histogram = self._histograms[key[:2]] = LATENCY.labels(*key[:2])
            histogram.observe(time.perf_counter() - started)


async def metrics_endpoint(_request: Request) -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
