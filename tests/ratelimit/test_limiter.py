"""RateLimiter on its own: counting, checking, clearing, and failing open, in memory and in Redis."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping

import pytest

from potluck.kit.errors import RateLimited
from potluck.ratelimit import RateLimiter

MESSAGE = "Slow down."
HOUR = 3600
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"

LimiterFactory = Callable[[Mapping[str, str]], RateLimiter]


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def make_limiter(request: pytest.FixtureRequest, redis_url: str, _flushed_redis: None) -> LimiterFactory:
    """Limiters on each storage. Redis keeps counts across tests, so every test uses fresh keys."""

    def build(rules: Mapping[str, str]) -> RateLimiter:
        if request.param == "redis":
            return RateLimiter.on_redis(redis_url, rules)
        return RateLimiter.in_memory(rules)

    return build


def fresh_key() -> str:
    return f"203.0.113.{uuid.uuid4().hex}"


async def hit_times(limiter: RateLimiter, rule: str, key: str, times: int) -> None:
    for _ in range(times):
        await limiter.hit(rule, key, message=MESSAGE)


async def test_hit_trips_after_the_limit_with_a_retry_after(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"signup": "3/hour"})
    key = fresh_key()
    await hit_times(limiter, "signup", key, 3)
    with pytest.raises(RateLimited) as caught:
        await limiter.hit("signup", key, message=MESSAGE)
    error = caught.value
    assert error.status_code == 429
    assert error.code == "rate_limited"
    assert error.message == MESSAGE
    assert isinstance(error.retry_after, int)
    assert 1 <= error.retry_after <= HOUR
    # Refused attempts keep being refused.
    with pytest.raises(RateLimited):
        await limiter.hit("signup", key, message=MESSAGE)


async def test_check_does_not_count(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login": "2/hour"})
    key = fresh_key()
    for _ in range(10):
        await limiter.check("login", key, message=MESSAGE)
    await hit_times(limiter, "login", key, 2)
    with pytest.raises(RateLimited) as caught:
        await limiter.check("login", key, message=MESSAGE)
    assert 1 <= caught.value.retry_after <= HOUR


async def test_clear_starts_the_count_afresh(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login_account": "2/hour"})
    key = fresh_key()
    await hit_times(limiter, "login_account", key, 2)
    with pytest.raises(RateLimited):
        await limiter.check("login_account", key, message=MESSAGE)
    await limiter.clear("login_account", key)
    await limiter.check("login_account", key, message=MESSAGE)
    await hit_times(limiter, "login_account", key, 2)
    with pytest.raises(RateLimited):
        await limiter.hit("login_account", key, message=MESSAGE)


async def test_clearing_a_key_that_was_never_hit_is_harmless(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login": "1/hour"})
    key = fresh_key()
    await limiter.clear("login", key)
    await limiter.hit("login", key, message=MESSAGE)
    with pytest.raises(RateLimited):
        await limiter.hit("login", key, message=MESSAGE)


async def test_keys_are_counted_separately(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login": "2/hour"})
    busy, quiet = fresh_key(), fresh_key()
    await hit_times(limiter, "login", busy, 2)
    with pytest.raises(RateLimited):
        await limiter.hit("login", busy, message=MESSAGE)
    await hit_times(limiter, "login", quiet, 2)
    with pytest.raises(RateLimited):
        await limiter.hit("login", quiet, message=MESSAGE)
    await limiter.clear("login", busy)
    await limiter.hit("login", busy, message=MESSAGE)
    with pytest.raises(RateLimited):
        await limiter.check("login", quiet, message=MESSAGE)


async def test_rules_are_counted_separately_for_the_same_key(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login": "1/hour", "signup": "1/hour"})
    key = fresh_key()
    await limiter.hit("login", key, message=MESSAGE)
    await limiter.hit("signup", key, message=MESSAGE)
    with pytest.raises(RateLimited):
        await limiter.hit("login", key, message=MESSAGE)
    with pytest.raises(RateLimited):
        await limiter.hit("signup", key, message=MESSAGE)


@pytest.mark.parametrize(
    ("spec", "window_seconds"),
    [("100/hour; 2/minute", 60), ("2/hour; 100/minute", HOUR)],
)
async def test_the_tightest_of_several_windows_applies(
    make_limiter: LimiterFactory, spec: str, window_seconds: int
) -> None:
    limiter = make_limiter({"signup": spec})
    key = fresh_key()
    await hit_times(limiter, "signup", key, 2)
    with pytest.raises(RateLimited) as caught:
        await limiter.hit("signup", key, message=MESSAGE)
    assert 1 <= caught.value.retry_after <= window_seconds
    with pytest.raises(RateLimited):
        await limiter.check("signup", key, message=MESSAGE)


async def test_reset_forgets_every_count(make_limiter: LimiterFactory) -> None:
    limiter = make_limiter({"login": "1/hour", "signup": "1/hour"})
    first, second = fresh_key(), fresh_key()
    await limiter.hit("login", first, message=MESSAGE)
    await limiter.hit("signup", second, message=MESSAGE)
    await limiter.reset()
    await limiter.hit("login", first, message=MESSAGE)
    await limiter.hit("signup", second, message=MESSAGE)
    with pytest.raises(RateLimited):
        await limiter.hit("login", first, message=MESSAGE)


async def test_separate_in_memory_limiters_do_not_share_counts() -> None:
    first = RateLimiter.in_memory({"login": "1/hour"})
    second = RateLimiter.in_memory({"login": "1/hour"})
    await first.hit("login", "198.51.100.7", message=MESSAGE)
    await second.hit("login", "198.51.100.7", message=MESSAGE)
    with pytest.raises(RateLimited):
        await first.hit("login", "198.51.100.7", message=MESSAGE)


@pytest.mark.redis
async def test_limiters_on_one_redis_share_their_counts(redis_url: str) -> None:
    # Two web processes, one Redis: the limit is for the site, not per process.
    first = RateLimiter.on_redis(redis_url, {"login": "3/hour"})
    second = RateLimiter.on_redis(redis_url, {"login": "3/hour"})
    key = fresh_key()
    await first.hit("login", key, message=MESSAGE)
    await second.hit("login", key, message=MESSAGE)
    await first.hit("login", key, message=MESSAGE)
    with pytest.raises(RateLimited):
        await second.hit("login", key, message=MESSAGE)
    await first.clear("login", key)
    await second.hit("login", key, message=MESSAGE)


async def test_an_unreachable_redis_lets_requests_through(caplog: pytest.LogCaptureFixture) -> None:
    limiter = RateLimiter.on_redis(UNREACHABLE_REDIS, {"login": "1/hour; 1/minute"})
    with caplog.at_level(logging.WARNING, logger="potluck.ratelimit.limiter"):
        for _ in range(5):
            await limiter.hit("login", "198.51.100.8", message=MESSAGE)
            await limiter.check("login", "198.51.100.8", message=MESSAGE)
        await limiter.clear("login", "198.51.100.8")
    assert "rate limiter unavailable" in caplog.text
