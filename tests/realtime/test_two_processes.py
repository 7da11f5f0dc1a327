"""Two `potluck serve` processes on one Redis: an event from one reaches a client of the other."""

from __future__ import annotations

import asyncio
import json
import uuid

import httpx
import pytest
from websockets.asyncio.client import connect

from potluck.accounts.auth import SESSION_COOKIE
from potluck.realtime.routes import STREAM_PATH
from tests.realtime.helpers import WAIT_SECONDS
from tests.support.live import LiveServer

pytestmark = [pytest.mark.redis, pytest.mark.live]

PASSWORD = "two processes, one channel"


async def log_in_over_http(base_url: str, login: str, *, user_agent: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base_url, headers={"User-Agent": user_agent}) as client:
        await client.get("/login")  # the page hands out the CSRF cookie the log-in must echo
        response = await client.post(
            "/api/v1/auth/login",
            json={"login": login, "password": PASSWORD},
            headers={"X-CSRF-Token": client.cookies["potluck_csrf"]},
        )
        assert response.status_code == 200, response.text
        return response


async def test_an_event_published_by_one_process_reaches_a_client_of_the_other(
    live_server: LiveServer,
) -> None:
    server_a = live_server.base_url
    server_b = await asyncio.to_thread(live_server.start_another)
    name = f"cook_{uuid.uuid4().hex[:10]}"
    await asyncio.to_thread(live_server.run, "admin", "create", name, "--password", PASSWORD)

    logged_in_b = await log_in_over_http(server_b, name, user_agent="device-b")
    user_id = logged_in_b.json()["user"]["id"]
    cookie = logged_in_b.cookies[SESSION_COOKIE]
    stream_url = server_b.replace("http://", "ws://") + STREAM_PATH

    async with connect(
        stream_url, additional_headers={"Cookie": f"{SESSION_COOKIE}={cookie}"}, proxy=None
    ) as stream:
        hello = json.loads(await asyncio.wait_for(stream.recv(), WAIT_SECONDS))
        assert hello == {"type": "hello", "data": {"user_id": user_id}}

        # Committed, and so published, by process A; B holds the WebSocket.
        await log_in_over_http(server_a, name, user_agent="device-a")

        async def next_event() -> dict[str, object]:
            while True:
                frame = json.loads(await stream.recv())
                if frame["type"] != "keepalive":
                    return dict(frame)

        event = await asyncio.wait_for(next_event(), WAIT_SECONDS)
    assert event["type"] == "session.created"
    assert event["data"] == {"session_id": event["data"]["session_id"], "user_agent": "device-a"}  # type: ignore[index]
