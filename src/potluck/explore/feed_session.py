"""What one Explore session has been served, kept in the cache component.

A session starts when a viewer opens Explore without a cursor; its ID travels in every
cursor (``<session>.<offset>``). Its state is the sequence of notes arranged for it so
far: the first ``offset`` were served, the rest are queued for the next pages. Pages
slice this sequence, so a note is never served twice in a session, and asking for the
same cursor again returns the same page.

The state lives in ``runtime.cache`` (process memory in embedded mode, Redis in
distributed mode), packed as 64-bit integers, at most :data:`MAX_NOTES` per session and
for :data:`TTL_SECONDS` after its last page. A session that expired starts afresh.
"""

from __future__ import annotations

import re
import secrets
import struct
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_

MAX_NOTES = 1000
TTL_SECONDS = 3600.0
_CURSOR = re.compile(r"^([A-Za-z0-9_-]{8,32})\.([0-9]{1,5})$")
_HEADER = struct.Struct("!?")  # exhausted: nothing more could be arranged


@dataclass
class FeedState:
    session_id: str
    sequence: list[int] = field(default_factory=list)
    exhausted: bool = False


def new_session_id() -> str:
    return secrets.token_urlsafe(9)


def parse_cursor(cursor: str | None) -> tuple[str, int] | None:
    if not cursor:
        return None
    match = _CURSOR.match(cursor)
    if match is None or int(match[2]) > MAX_NOTES:
        raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")
    return match[1], int(match[2])


def make_cursor(session_id: str, offset: int) -> str:
    return f"{session_id}.{offset}"


def _key(owner: str, session_id: str) -> str:
    return f"explore:feed:{owner}:{session_id}"


async def load(session: AsyncSession, *, owner: str, session_id: str) -> FeedState | None:
    raw = await cache_of(session.info).backend.get(_key(owner, session_id))
    if raw is None or len(raw) < _HEADER.size or (len(raw) - _HEADER.size) % 8:
        return None
    (exhausted,) = _HEADER.unpack_from(raw)
    count = (len(raw) - _HEADER.size) // 8
    sequence = list(struct.unpack_from(f"!{count}q", raw, _HEADER.size))
    return FeedState(session_id=session_id, sequence=sequence, exhausted=exhausted)


async def save(session: AsyncSession, *, owner: str, state: FeedState) -> None:
    sequence = state.sequence[:MAX_NOTES]
    raw = _HEADER.pack(state.exhausted) + struct.pack(f"!{len(sequence)}q", *sequence)
    await cache_of(session.info).backend.set(_key(owner, state.session_id), raw, ttl=TTL_SECONDS)
