"""Named rate limits over the ``limits`` library, in memory or in Redis.

One class, two storages: embedded mode counts in this process's memory; distributed mode
counts in Redis so every web process sees the same totals. Limits are sliding-window
counters (smooth, two counters per key) and are configured by name from settings, e.g.
``signup = "10/hour"`` per IP. Services reach the process's limiter through their
database session (:func:`rate_limiter`), as they reach the job queue, so a use case and
its limit live in one place whatever calls it (API, page or CLI).

If the storage fails (Redis down), requests are let through and a warning is logged:
an outage of the limiter must not become an outage of log-in.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.errors import RateLimited

logger = logging.getLogger(__name__)

RATE_LIMITER_KEY = "potluck.rate_limiter"
KEY_PREFIX = "potluck:ratelimit"


class RateLimiter:
    """Checks and counts named limits; raises :class:`RateLimited` with a Retry-After."""

    def __init__(self, storage: Storage, rules: Mapping[str, str]) -> None:
        self.storage = storage
        self.strategy = SlidingWindowCounterRateLimiter(storage)
        self.rules: dict[str, list[RateLimitItem]] = {name: parse_many(spec) for name, spec in rules.items()}

    @classmethod
    def in_memory(cls, rules: Mapping[str, str]) -> RateLimiter:
        return cls(MemoryStorage(), rules)

    @classmethod
    def on_redis(cls, url: str, rules: Mapping[str, str]) -> RateLimiter:
        storage = RedisStorage(
            url.replace("redis://", "async+redis://", 1), implementation="redispy", key_prefix=KEY_PREFIX
        )
        return cls(storage, rules)

    async def hit(self, rule: str, key: str, *, message: str) -> None:
        """Count one attempt against every window of ``rule``; refuse it if one is full."""
        for item in self.rules[rule]:
            try:
                allowed = await self.strategy.hit(item, rule, key)
            except Exception:
                logger.warning("rate limiter unavailable; letting %s through", rule, exc_info=True)
                return
            if not allowed:
                raise RateLimited(message, retry_after=await self._retry_after(item, rule, key))

    async def check(self, rule: str, key: str, *, message: str) -> None:
        """Refuse if ``rule`` is already used up for ``key``, without counting an attempt."""
        for item in self.rules[rule]:
            try:
                allowed = await self.strategy.test(item, rule, key)
            except Exception:
                logger.warning("rate limiter unavailable; letting %s through", rule, exc_info=True)
                return
            if not allowed:
                raise RateLimited(message, retry_after=await self._retry_after(item, rule, key))

    async def clear(self, rule: str, key: str) -> None:
        for item in self.rules[rule]:
            try:
                await self.strategy.clear(item, rule, key)
            except Exception:
                logger.warning("rate limiter unavailable; could not clear %s", rule, exc_info=True)

    async def reset(self) -> None:
        """Forget every count (tests; an operator after a false alarm)."""
        await self.storage.reset()

    async def _retry_after(self, item: RateLimitItem, rule: str, key: str) -> int:
        try:
            stats = await self.strategy.get_window_stats(item, rule, key)
        except Exception:
            logger.warning("rate limiter unavailable; guessing Retry-After", exc_info=True)
            return item.get_expiry()
        return max(1, math.ceil(stats.reset_time - time.time()))


def rate_limiter(session: AsyncSession) -> RateLimiter:
    """The limiter of the process that made ``session`` (see ``Runtime.session_info``)."""
    limiter = session.info.get(RATE_LIMITER_KEY)
    if not isinstance(limiter, RateLimiter):
        raise RuntimeError("this session was not made by a Runtime: no rate limiter")
    return limiter
