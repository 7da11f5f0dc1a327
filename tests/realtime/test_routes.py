"""The event stream, through a real server socket and a real WebSocket client."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from potluck.accounts.auth import SESSION_COOKIE
from potluck.accounts.models import User
from potluck.realtime import routes
from potluck.realtime.embedded import InProcessPubSub
from potluck.realtime.interface import Event, user_channel
from potluck.runtime import Runtime
from tests.accounts.factories import log_in, make_user
from tests.realtime.helpers import WAIT_SECONDS, eventually, make_event


@pytest.fixture
async def stream_url(app: Any) -> AsyncIterator[str]:
    """The app served by uvicorn on this test's event loop, so tests can inspect its tasks."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    await eventually(lambda: server.started or serving.done(), "uvicorn started")
    try:
        yield f"ws://127.0.0.1:{port}{routes.STREAM_PATH}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, WAIT_SECONDS)
        sock.close()


@pytest.fixture
async def member(db: AsyncSession, client: httpx.AsyncClient) -> tuple[User, str]:
    """A signed-in user and their session cookie."""
    user = await make_user(db)
    await log_in(client, user.username)
    return user, client.cookies[SESSION_COOKIE]


def open_stream(
    url: str, cookie: str | None = None, *, origin: str | None = None
) -> AbstractAsyncContextManager[ClientConnection]:
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"} if cookie else None
    return connect(url, additional_headers=headers, origin=origin, proxy=None)  # type: ignore[arg-type]


async def receive(stream: ClientConnection) -> dict[str, Any]:
    frame = await asyncio.wait_for(stream.recv(), WAIT_SECONDS)
    assert isinstance(frame, str), "every frame is JSON text"
    decoded: dict[str, Any] = json.loads(frame)
    return decoded


async def close_code(stream: ClientConnection) -> int:
    """Read until the server closes; return its close code."""

    async def read_until_closed() -> None:
        while True:
            await receive(stream)

    with pytest.raises(ConnectionClosed) as closed:
        await read_until_closed()
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code


@asynccontextmanager
async def signed_in_stream(url: str, user: User, cookie: str) -> AsyncIterator[ClientConnection]:
    async with open_stream(url, cookie) as stream:
        assert await receive(stream) == {"type": "hello", "data": {"user_id": str(user.id)}}
        yield stream


async def test_hello_then_only_the_users_events(
    stream_url: str, member: tuple[User, str], runtime: Runtime
) -> None:
    user, cookie = member
    async with signed_in_stream(stream_url, user, cookie) as stream:
        await runtime.pubsub.publish(user_channel(user.id + 1), make_event(1))
        await runtime.pubsub.publish(user_channel(user.id), make_event(2))
        assert await receive(stream) == make_event(2)


async def test_logging_in_on_another_device_arrives_as_session_created(
    stream_url: str, member: tuple[User, str], client: httpx.AsyncClient
) -> None:
    user, cookie = member
    async with signed_in_stream(stream_url, user, cookie) as stream:
        client.headers["User-Agent"] = "second-device"
        await log_in(client, user.username)
        event = await receive(stream)
        assert event["type"] == "session.created"
        assert event["data"]["user_agent"] == "second-device"


async def test_logging_out_closes_that_sessions_stream_with_4401(
    stream_url: str, member: tuple[User, str], client: httpx.AsyncClient
) -> None:
    user, cookie = member
    async with signed_in_stream(stream_url, user, cookie) as stream:
        assert (await client.post("/api/v1/auth/logout")).status_code == 204
        ended = await receive(stream)
        assert ended["type"] == "session.ended"
        assert await close_code(stream) == 4401


async def test_logging_out_another_device_keeps_this_stream_open(
    stream_url: str, member: tuple[User, str], client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user, cookie = member
    async with signed_in_stream(stream_url, user, cookie) as stream:
        await log_in(client, user.username)  # a second device: the client's cookie is replaced
        assert (await receive(stream))["type"] == "session.created"
        assert (await client.post("/api/v1/auth/logout")).status_code == 204
        assert (await receive(stream))["type"] == "session.ended"
        await runtime.pubsub.publish(user_channel(user.id), make_event(3))
        assert await receive(stream) == make_event(3), "this device is still logged in"


async def test_ping_is_answered_and_other_frames_get_an_error(
    stream_url: str, member: tuple[User, str]
) -> None:
    async with signed_in_stream(stream_url, *member) as stream:
        await stream.send(json.dumps({"type": "ping"}))
        assert await receive(stream) == {"type": "pong"}
        await stream.send("not json")
        assert await receive(stream) == {"type": "error", "data": {"code": "unsupported_frame"}}
        await stream.send(b"\x00")
        assert (await receive(stream))["type"] == "error"


async def test_the_server_sends_keepalives(
    stream_url: str, member: tuple[User, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes, "KEEPALIVE_SECONDS", 0.05)
    async with signed_in_stream(stream_url, *member) as stream:
        assert await receive(stream) == {"type": "keepalive"}


@pytest.mark.parametrize("cookie", [None, "made-up-token"])
async def test_anonymous_clients_get_an_error_frame_then_4401(stream_url: str, cookie: str | None) -> None:
    async with open_stream(stream_url, cookie) as stream:
        error = await receive(stream)
        assert error["type"] == "error"
        assert error["data"]["code"] == "unauthenticated"
        assert await close_code(stream) == routes.CLOSE_UNAUTHENTICATED


async def test_a_foreign_origin_is_refused_during_the_handshake(
    stream_url: str, member: tuple[User, str], settings: Any
) -> None:
    cookie = member[1]
    with pytest.raises(InvalidStatus) as refused:
        async with open_stream(stream_url, cookie, origin="http://evil.example"):
            pass
    assert refused.value.response.status_code == 403

    async with open_stream(stream_url, cookie, origin=settings.base_url) as stream:
        assert (await receive(stream))["type"] == "hello"


@pytest.mark.parametrize(
    ("origin", "base_url", "same"),
    [
        ("http://testserver", "http://testserver", True),
        ("HTTP://TestServer:80", "http://testserver/", True),
        ("https://potluck.example", "https://potluck.example:443/app", True),
        ("http://potluck.example", "https://potluck.example", False),
        ("https://potluck.example:8443", "https://potluck.example", False),
        ("https://evil.potluck.example", "https://potluck.example", False),
        ("null", "http://testserver", False),
        ("http://testserver:notaport", "http://testserver", False),
    ],
)
def test_same_origin(origin: str, base_url: str, same: bool) -> None:
    assert routes.same_origin(origin, base_url) is same


def stream_tasks(user: User) -> list[asyncio.Task[Any]]:
    prefix = f"{routes.TASK_NAME_PREFIX}:{user.id}:"
    return [task for task in asyncio.all_tasks() if task.get_name().startswith(prefix)]


async def test_disconnecting_leaves_no_subscription_and_no_task(
    stream_url: str, member: tuple[User, str], runtime: Runtime
) -> None:
    user, cookie = member
    fanout = runtime.pubsub.fanout  # type: ignore[attr-defined]  # both implementations have one
    async with signed_in_stream(stream_url, user, cookie):
        assert fanout.subscriber_count(user_channel(user.id)) == 1
        assert len(stream_tasks(user)) == 3, "the check below would prove nothing"
    await eventually(lambda: fanout.subscriber_count(user_channel(user.id)) == 0, "unsubscribed")
    await eventually(lambda: not stream_tasks(user), "the stream's tasks finished")


async def test_a_client_that_falls_behind_is_closed_with_1013(
    stream_url: str, member: tuple[User, str], runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, cookie = member
    pubsub = InProcessPubSub(max_pending=2)
    monkeypatch.setattr(runtime, "pubsub", pubsub)
    async with signed_in_stream(stream_url, user, cookie) as stream:
        # In-process publishing never yields to the event loop, so the stream cannot
        # forward anything between these: the third overflows the mailbox.
        for n in range(3):
            await pubsub.publish(user_channel(user.id), make_event(n))
        assert await close_code(stream) == routes.CLOSE_TRY_AGAIN_LATER
    await eventually(lambda: pubsub.fanout.subscriber_count(user_channel(user.id)) == 0, "unsubscribed")


class UnavailablePubSub(InProcessPubSub):
    @asynccontextmanager
    async def subscribe(self, *channels: str) -> AsyncIterator[Any]:
        raise ConnectionError("Redis is down")
        yield  # type: ignore[unreachable]  # makes this an async generator


async def test_an_unavailable_pubsub_closes_with_1013(
    stream_url: str, member: tuple[User, str], runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime, "pubsub", UnavailablePubSub())
    async with open_stream(stream_url, member[1]) as stream:
        assert await close_code(stream) == routes.CLOSE_TRY_AGAIN_LATER


async def test_events_are_forwarded_as_published(
    stream_url: str, member: tuple[User, str], runtime: Runtime
) -> None:
    user, cookie = member
    sent = Event(id="7", type="note.liked", data={"note_id": "123", "by": "小红"})
    async with signed_in_stream(stream_url, user, cookie) as stream:
        await runtime.pubsub.publish(user_channel(user.id), sent)
        assert await receive(stream) == sent
