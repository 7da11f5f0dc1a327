"""The distributed cache: Redis, shared by every web process and worker.

Values are plain Redis strings with an expiry (``SET key value PX ttl``), under a
``potluck:cache:`` prefix; Redis evicts them like any volatile key when it runs short of
memory. Errors are logged and read as misses, so Redis trouble slows reads down instead
of failing them.
"""

from __future__ import annotations

import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PREFIX = "potluck:cache:"


class RedisCache:
    def __init__(self, redis: Redis, *, prefix: str = PREFIX) -> None:
        self._redis = redis
        self._prefix = prefix

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.get(self._prefix + key)
        except (RedisError, OSError):
            logger.warning("cache read failed", exc_info=True)
            return None
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes, *, ttl: float) -> None:
        try:
            await self._redis.set(self._prefix + key, value, px=max(1, round(ttl * 1000)))
        except (RedisError, OSError):
            logger.warning("cache write failed", exc_info=True)

    async def delete(self, *keys: str) -> None:
        try:
            await self._redis.delete(*(self._prefix + key for key in keys))
        except (RedisError, OSError):
            logger.warning("cache delete failed: stale copies live until they expire", exc_info=True)

    async def close(self) -> None:
        """The Redis client belongs to the runtime, which closes it."""
