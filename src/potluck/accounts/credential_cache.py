"""Who a session cookie or API token belongs to, remembered for a minute.

Every authenticated request resolves its credential: a query for the session or token
with its user. A person scrolling a feed sends several requests a second, so the answer
(who it is: the same snapshot :class:`potluck.accounts.auth.AuthUser` holds) is kept in
the cache component for at most :data:`CACHE_SECONDS`, under the SHA-256 of the secret
(never the secret itself), and no longer than the credential lives.

Revocation is immediate all the same: whatever ends a session or token, suspends the
person or changes what the snapshot holds (name, avatar, language, admin role) marks the
person's credentials changed once it commits (:mod:`potluck.cache.marks`), and a snapshot
resolved before that mark is not used. The snapshot records when its database read began,
so a revocation that commits while a read is under way also wins. Marks reach the other
processes through pub/sub within the time a Redis message takes; until a process listens
it uses no remembered credential at all.

Each process keeps its own decoded copy of what it read or stored for as long as the
cache keeps the value (:mod:`potluck.cache.decoded`); marks spoil those copies too.

Last use (and last activity) is recorded when a credential is resolved from the database,
every few minutes at most as before; with the cache it is at most a minute later.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import Cache, marks
from potluck.cache.marks import Marks

CACHE_SECONDS = min(60.0, marks.MAX_VIEW_SECONDS)  # marks must outlive what they spoil
_SIZE = 600  # about what a decoded copy takes in memory


@dataclass(frozen=True)
class Resolved:
    """A credential's owner as requests need them."""

    user_id: int
    username: str
    display_name: str
    locale: str | None
    is_admin: bool
    avatar_key: str | None
    session_id: int | None
    token_id: int | None


def _key(secret_hash: str) -> str:
    return f"auth:credential:{secret_hash}"


async def lookup(cache: Cache, board: Marks, secret_hash: str) -> Resolved | None:
    """The owner of the credential with this hash, if remembered and not revoked since."""
    key = _key(secret_hash)
    kept: tuple[Resolved, float] | None = cache.decoded.get(key)  # this process's copy
    if kept is None:
        kept = await _read(cache, key)
        if kept is None:
            return None
    resolved, resolved_at = kept
    if board.changed_since([marks.credentials(resolved.user_id)], resolved_at):
        cache.decoded.drop(key)
        return None
    return resolved


async def _read(cache: Cache, key: str) -> tuple[Resolved, float] | None:
    raw = await cache.backend.get(key)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        resolved_at = float(data.pop("resolved_at"))
        until = float(data.pop("until"))
        resolved = Resolved(**data)
    except (ValueError, TypeError, KeyError):
        return None
    cache.decoded.put(key, (resolved, resolved_at), ttl=until - time.time(), size=_SIZE)
    return resolved, resolved_at


def started() -> float:
    """The time to pass to :func:`remember`: call it before reading the database."""
    return time.time()


async def remember(
    cache: Cache, secret_hash: str, resolved: Resolved, *, resolved_at: float, expires_at: datetime | None
) -> None:
    """Keep ``resolved`` for the credential with this hash (read from the database at
    ``resolved_at``), at most until ``expires_at``."""
    ttl = CACHE_SECONDS
    if expires_at is not None:
        ttl = min(ttl, expires_at.timestamp() - time.time())
    if ttl <= 0:
        return
    key = _key(secret_hash)
    value = json.dumps({**asdict(resolved), "resolved_at": resolved_at, "until": time.time() + ttl}).encode()
    await cache.backend.set(key, value, ttl=ttl)
    cache.decoded.put(key, (resolved, resolved_at), ttl=ttl, size=_SIZE)


async def forget(cache: Cache, secret_hash: str) -> None:
    """Forget the credential with this hash now (as if its minute had passed)."""
    key = _key(secret_hash)
    cache.decoded.drop(key)
    await cache.backend.delete(key)


def forget_on_commit(session: AsyncSession, user_id: int) -> None:
    """Resolve the person's credentials from the database again once ``session`` commits."""
    marks.mark_on_commit(session, marks.credentials(user_id))
