"""Health, readiness, metrics, request IDs and the API description."""

from __future__ import annotations

import json
import logging

import httpx

from potluck.ops.logging import configure_logging
from potluck.runtime import Runtime
from tests.conftest import DISTRIBUTED


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_every_backing_service(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mode"] == ("distributed" if DISTRIBUTED else "embedded")
    expected = {"database", "jobs", "pubsub"} | ({"redis"} if DISTRIBUTED else set())
    assert set(body["checks"]) == expected
    assert all(value == "ok" for value in body["checks"].values())


async def test_readyz_is_503_when_the_database_is_down(client: httpx.AsyncClient, runtime: Runtime) -> None:
    healthy_engine = runtime.database.engine

    class Broken:
        def connect(self) -> None:
            raise ConnectionRefusedError("database down")

    runtime.database.engine = Broken()  # type: ignore[assignment]
    try:
        response = await client.get("/readyz")
    finally:
        runtime.database.engine = healthy_engine
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error")


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/users/someone_missing")
    text = (await client.get("/metrics")).text
    assert 'potluck_http_requests_total{method="GET",route="/api/v1/users/{username}",status="404"}' in text


async def test_request_id_is_echoed_or_made_up(client: httpx.AsyncClient) -> None:
    given = await client.get("/readyz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = await client.get("/readyz", headers={"X-Request-ID": "<script>"})
    assert made.headers["x-request-id"] != "<script>"
    assert len(made.headers["x-request-id"]) == 32


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


async def test_access_log_is_json_with_the_request_id(client: httpx.AsyncClient) -> None:
    configure_logging("INFO", "json")
    root = logging.getLogger()
    collect = _Collect()
    collect.setFormatter(root.handlers[0].formatter)
    root.addHandler(collect)
    try:
        await client.get("/api/v1/users/nobody", headers={"X-Request-ID": "req-42"})
    finally:
        root.removeHandler(collect)
        configure_logging("INFO", "console")
    access = [json.loads(line) for line in collect.lines if '"potluck.access"' in line]
    assert access, collect.lines
    assert access[-1]["request_id"] == "req-42"
    assert access[-1]["status"] == 404
    assert access[-1]["path"] == "/api/v1/users/nobody"


async def test_openapi_document_and_docs_page(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/api/v1/openapi.json")).json()
    assert "/api/v1/auth/login" in spec["paths"]
    user_schema = spec["components"]["schemas"]["PublicUser"]["properties"]["id"]
    assert user_schema["type"] == "string", "IDs are documented as strings"
    docs = await client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "swagger-ui-bundle.js" in docs.text
    assert "<script>" not in docs.text, "no inline script under our CSP"
