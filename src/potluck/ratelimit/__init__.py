"""Rate limits on what bots hammer, shared by every process (see :mod:`.limiter`)."""

from potluck.ratelimit.limiter import RATE_LIMITER_KEY, RateLimiter, rate_limiter

__all__ = ["RATE_LIMITER_KEY", "RateLimiter", "rate_limiter"]
