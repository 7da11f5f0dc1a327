"""The event stream: one WebSocket per client tab, carrying that user's events.

Protocol (JSON text frames; see docs/realtime.md):

- server -> client: ``{"type": "hello", "data": {"user_id": "<id>"}}`` once subscribed,
  then every event of the user's channel as ``{"id", "type", "data"}``, and
  ``{"type": "keepalive"}`` every ``KEEPALIVE_SECONDS``. Event types are dotted
  (``session.created``), so they never collide with these control frames.
- client -> server: ``{"type": "ping"}``, answered with ``{"type": "pong"}``.

Close codes: 4401 when not signed in, 1013 when the stream ends on the server side
(the pub/sub is unavailable or lost its broker, or the client fell too far behind):
reconnect with backoff and reload state, since events may have been missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Coroutine
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from starlette.websockets import WebSocketDisconnected

from potluck.realtime.interface import Event, PubSub, user_channel

logger = logging.getLogger(__name__)

router = APIRouter()

STREAM_PATH = "/api/v1/stream"
# Below the 60 s idle timeout of common proxies (nginx's proxy_read_timeout).
KEEPALIVE_SECONDS = 25.0
CLOSE_UNAUTHENTICATED = 4401
CLOSE_TRY_AGAIN_LATER = 1013
TASK_NAME_PREFIX = "potluck.stream"
_DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}
_SECURE_SCHEMES = {"https", "wss"}
_UNAUTHENTICATED_FRAME = {
    "type": "error",
    "data": {"code": "unauthenticated", "message": "Sign in to receive events."},
}


@router.websocket(STREAM_PATH)
async def stream_events(websocket: WebSocket) -> None:
    runtime = websocket.app.state.runtime
    origin = websocket.headers.get("origin")
    if origin is not None and not same_origin(origin, runtime.settings.base_url):
        # A page on another site is trying to use the visitor's cookie (cross-site
        # WebSocket hijacking). Refused during the handshake: the server answers HTTP 403
        # and nothing about the user is ever sent.
        logger.info("refused an event stream from origin %s", origin)
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    user = websocket.user
    # Accept before refusing: a close during the handshake reaches a browser only as
    # code 1006 with no reason, while 4401 after accepting is visible to its onclose.
    await websocket.accept()
    if not user.is_authenticated:
        with contextlib.suppress(WebSocketDisconnect, WebSocketDisconnected):
            await websocket.send_json(_UNAUTHENTICATED_FRAME)
        await _close(websocket, CLOSE_UNAUTHENTICATED, "unauthenticated")
        return

    pubsub: PubSub = runtime.pubsub
    async with contextlib.AsyncExitStack() as stack:
        try:
            events = await stack.enter_async_context(pubsub.subscribe(user_channel(user.id)))
        except ConnectionError:
            logger.warning("event stream unavailable for user %s", user.id, exc_info=True)
            await _close(websocket, CLOSE_TRY_AGAIN_LATER, "events unavailable, retry later")
            return
        stream = _Stream(websocket, f"{TASK_NAME_PREFIX}:{user.id}", str(getattr(user, "session_id", "")))
        # Subscribed before hello: whatever a client does after hello, it will hear of.
        if await stream.send({"type": "hello", "data": {"user_id": str(user.id)}}):
            await stream.run(events)


# Published by accounts when a log-in session ends (log-out, revocation).
SESSION_ENDED = "session.ended"


class _Stream:
    """One connected client: the tasks that serve it and the lock its sends share."""

    def __init__(self, websocket: WebSocket, name: str, session_id: str) -> None:
        self.websocket = websocket
        self.name = name
        # The log-in session this socket was opened with; when it ends, so does the socket.
        self.session_id = session_id
        # Events, pongs and keepalives come from different tasks; the ASGI server does
        # not promise that concurrent sends on one socket are safe.
        self._send_lock = asyncio.Lock()

    async def send(self, frame: Event | dict[str, Any]) -> bool:
        """Send one frame; False once the client has gone."""
        try:
            async with self._send_lock:
                await self.websocket.send_json(frame)
        except (WebSocketDisconnect, WebSocketDisconnected):
            return False
        return True

    async def run(self, events: AsyncIterator[Event]) -> None:
        """Serve the client until it leaves or its event stream ends, then stop every task."""
        tasks = {
            self._spawn(self._forward(events), "forward"),
            self._spawn(self._answer(), "answer"),
            self._spawn(self._keepalive(), "keepalive"),
        }
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            if (exc := task.exception()) is not None:
                raise exc
            if task.result() == "events ended":
                await _close(self.websocket, CLOSE_TRY_AGAIN_LATER, "event stream ended, reconnect")
            elif task.result() == "session ended":
                await _close(self.websocket, CLOSE_UNAUTHENTICATED, "logged out")

    def _spawn(self, coroutine: Coroutine[Any, Any, str], role: str) -> asyncio.Task[str]:
        # Named so a test can prove none outlives the connection.
        return asyncio.create_task(coroutine, name=f"{self.name}:{role}")

    async def _forward(self, events: AsyncIterator[Event]) -> str:
        async for event in events:
            if not await self.send(event):
                return "client left"
            if event["type"] == SESSION_ENDED and event["data"].get("session_id") == self.session_id:
                return "session ended"
        # Overflow, broker lost, or shutdown: events may have been missed.
        return "events ended"

    async def _answer(self) -> str:
        while True:
            message = await self.websocket.receive()
            if message["type"] == "websocket.disconnect":
                return "client left"
            reply: dict[str, Any] = (
                {"type": "pong"}
                if _is_ping(message.get("text"))
                else {"type": "error", "data": {"code": "unsupported_frame"}}
            )
            if not await self.send(reply):
                return "client left"

    async def _keepalive(self) -> str:
        while True:
            await asyncio.sleep(KEEPALIVE_SECONDS)
            if not await self.send({"type": "keepalive"}):
                return "client left"


def _is_ping(text: str | None) -> bool:
    if text is None:
        return False
    try:
        frame = json.loads(text)
    except ValueError:
        return False
    return isinstance(frame, dict) and frame.get("type") == "ping"


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    with contextlib.suppress(WebSocketDisconnect, WebSocketDisconnected):  # the client went first
        await websocket.close(code=code, reason=reason)


def same_origin(origin: str, base_url: str) -> bool:
    """Whether ``origin`` (an Origin header) is the site at ``base_url``.

    Compares scheme security, host and port; ``ws``/``wss`` count as ``http``/``https``.
    Anything unparsable, including the ``null`` origin of sandboxed pages, is foreign.
    """
    return (theirs := _origin_key(origin)) is not None and theirs == _origin_key(base_url)


def _origin_key(url: str) -> tuple[bool, str, int] | None:
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if parts.hostname is None or port is None:
        return None
    return scheme in _SECURE_SCHEMES, parts.hostname.lower(), port
