"""The pub/sub interface and the one way domains send events: on commit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.session import after_commit
from potluck.kit.ids import new_id

PUBSUB_KEY = "potluck.pubsub"


class Event(TypedDict):
    id: str
    type: str
    data: dict[str, Any]


class PubSub(Protocol):
    async def publish(self, channel: str, event: Event) -> None:
        """Deliver ``event`` to every current subscriber of ``channel``, in any process."""

    def subscribe(self, *channels: str) -> AbstractAsyncContextManager[AsyncIterator[Event]]:
        """Subscribe; the context yields an iterator of events until it exits."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def ping(self) -> None:
        """Raise if the backing store is unreachable (used by /readyz)."""


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def publish_on_commit(session: AsyncSession, channel: str, type_: str, data: dict[str, Any]) -> Event:
    """Publish an event once ``session`` commits; dropped if it rolls back."""
    pubsub: PubSub = session.info[PUBSUB_KEY]
    event = Event(id=str(new_id()), type=type_, data=data)

    async def send() -> None:
        await pubsub.publish(channel, event)

    after_commit(session, send)
    return event
