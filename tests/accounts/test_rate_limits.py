"""Rate limits on sign-up and log-in, per client IP and per account name, through the API.

Most tests build an app with tight limits of their own (hour-long windows, so a slow
machine cannot let a window slide by mid-test); the recovery tests use one-second windows
and wait them out.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.app import create_app
from potluck.db.engine import create_sessionmaker
from potluck.ratelimit import RateLimiter
from potluck.runtime import Runtime
from tests.accounts.factories import DEFAULT_PASSWORD, make_user
from tests.conftest import CSRFClient, make_settings

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
GOOD_PASSWORD = "tangerine kettle 42"
WRONG_PASSWORD = "definitely not it"
HOUR = 3600
_names = itertools.count(1)


@dataclass
class LimitedApp:
    """An app with rate limits of the test's choosing, in a rolled-back transaction."""

    app: Any
    runtime: Runtime
    db: AsyncSession
    stack: AsyncExitStack = field(repr=False)

    async def client(self, ip: str = "127.0.0.1") -> httpx.AsyncClient:
        """A browser at ``ip`` that echoes the CSRF cookie, as our pages do."""
        transport = httpx.ASGITransport(app=self.app, client=(ip, 40000))
        client = await self.stack.enter_async_context(
            CSRFClient(transport=transport, base_url="http://testserver")
        )
        await client.get("/login")
        return client


LimitedAppFactory = Callable[..., Awaitable[LimitedApp]]


@pytest.fixture
async def limited_app(
    tmp_path: Path, database_url: str, redis_url: str, _flushed_redis: None
) -> AsyncIterator[LimitedAppFactory]:
    """Build apps like the ``app`` fixture does, with settings overridden (``rate_limit_signup="2/hour"``).

    ``limiter`` replaces the runtime's rate limiter (to simulate its storage failing).
    """
    async with AsyncExitStack() as stack:
        count = itertools.count()

        async def build(limiter: RateLimiter | None = None, **overrides: Any) -> LimitedApp:
            settings = make_settings(tmp_path / f"var{next(count)}", database_url, redis_url, **overrides)
            runtime = Runtime(settings)
            await runtime.start()
            stack.push_async_callback(runtime.stop)
            if limiter is not None:
                runtime.rate_limiter = limiter
            else:
                await runtime.rate_limiter.reset()
            connection = await runtime.database.engine.connect()
            stack.push_async_callback(connection.close)
            transaction = await connection.begin()
            stack.push_async_callback(transaction.rollback)
            runtime.database.sessionmaker = create_sessionmaker(
                connection, info=runtime.session_info(), join_transaction_mode="create_savepoint"
            )
            db = await stack.enter_async_context(runtime.database.sessionmaker())
            return LimitedApp(app=create_app(runtime=runtime), runtime=runtime, db=db, stack=stack)

        yield build


def new_name() -> str:
    return f"limited{next(_names)}"


async def signup(client: httpx.AsyncClient, username: str | None = None) -> httpx.Response:
    client.cookies.delete("potluck_session")
    return await client.post(SIGNUP, json={"username": username or new_name(), "password": GOOD_PASSWORD})


async def bad_signup(client: httpx.AsyncClient) -> httpx.Response:
    """A sign-up that breaks a rule before any password is hashed; it still counts."""
    response = await client.post(SIGNUP, json={"username": "no", "password": GOOD_PASSWORD})
    assert response.status_code == 422, response.text
    return response


async def login(client: httpx.AsyncClient, name: str, password: str = DEFAULT_PASSWORD) -> httpx.Response:
    return await client.post(LOGIN, json={"login": name, "password": password})


async def failed_login(client: httpx.AsyncClient, name: str) -> None:
    response = await login(client, name, WRONG_PASSWORD)
    assert response.status_code == 401, response.text


def assert_rate_limited(response: httpx.Response, *, window_seconds: int) -> int:
    """The 429 a client can act on; returns its Retry-After."""
    assert response.status_code == 429, response.text
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["message"]
    retry_after = response.headers["Retry-After"]
    assert retry_after.isdigit(), "delta-seconds, not a date"
    assert 1 <= int(retry_after) <= window_seconds
    assert "potluck_session" not in response.headers.get("set-cookie", "")
    return int(retry_after)


async def user_count(db: AsyncSession) -> int:
    return int((await db.execute(select(func.count()).select_from(User))).scalar_one())


# --- the default limits ------------------------------------------------------------------


async def test_default_signup_limit_is_ten_an_hour_per_ip(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    for _ in range(9):
        await bad_signup(client)
    assert (await signup(client, "tenth_try")).status_code == 201, "rule-breaking attempts count too"
    refused = await signup(client, "eleventh_try")
    assert_rate_limited(refused, window_seconds=HOUR)
    assert (await client.get("/api/v1/users/eleventh_try")).status_code == 404


async def test_default_account_limit_is_ten_failures_per_fifteen_minutes(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="guessed_at")
    for _ in range(10):
        await failed_login(client, "guessed_at")
    # Even the right password waits: the guesser cannot tell a hit from a miss.
    assert_rate_limited(await login(client, "guessed_at"), window_seconds=15 * 60)
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_default_ip_limit_is_thirty_attempts_per_five_minutes(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="real_person")
    for index in range(30):
        await failed_login(client, f"sprayed_name_{index}")
    assert_rate_limited(await login(client, "real_person"), window_seconds=5 * 60)


# --- sign-up per IP ----------------------------------------------------------------------


async def test_signup_limit_per_ip(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_signup="2/hour")
    browser = await limited.client()
    assert (await signup(browser)).status_code == 201
    assert (await signup(browser)).status_code == 201
    before = await user_count(limited.db)
    refused = await signup(browser, "one_too_many")
    assert_rate_limited(refused, window_seconds=HOUR)
    assert await user_count(limited.db) == before

    # Another address is counted on its own.
    elsewhere = await limited.client(ip="203.0.113.9")
    assert (await signup(elsewhere, "one_too_many")).status_code == 201
    # Log-in is not a sign-up: it stays open for the first address.
    assert (await login(browser, "one_too_many", GOOD_PASSWORD)).status_code == 200


async def test_a_forwarded_for_header_does_not_reset_the_count(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_signup="1/hour")
    browser = await limited.client()
    await bad_signup(browser)
    spoofed = await browser.post(
        SIGNUP,
        json={"username": new_name(), "password": GOOD_PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.23", "X-Real-IP": "198.51.100.23"},
    )
    assert_rate_limited(spoofed, window_seconds=HOUR)


async def test_the_rate_limit_message_follows_the_language(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_signup="1/hour")
    browser = await limited.client()
    await bad_signup(browser)
    english = await browser.post(
        SIGNUP, json={"username": new_name(), "password": GOOD_PASSWORD}, headers={"Accept-Language": "en"}
    )
    chinese = await browser.post(
        SIGNUP, json={"username": new_name(), "password": GOOD_PASSWORD}, headers={"Accept-Language": "zh-CN"}
    )
    assert_rate_limited(english, window_seconds=HOUR)
    assert_rate_limited(chinese, window_seconds=HOUR)
    assert english.json()["error"]["code"] == chinese.json()["error"]["code"] == "rate_limited"
    assert english.json()["error"].get("reason") == chinese.json()["error"].get("reason")


# --- log-in per IP -----------------------------------------------------------------------


async def test_login_limit_per_ip_counts_every_attempt(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="3/hour", rate_limit_login_account="100/hour")
    await make_user(limited.db, username="patient")
    await make_user(limited.db, username="other_one")
    browser = await limited.client()
    assert (await login(browser, "patient")).status_code == 200
    await failed_login(browser, "someone_else")
    await failed_login(browser, "a_third_name")
    refused = await login(browser, "other_one")
    assert_rate_limited(refused, window_seconds=HOUR)
    assert (await browser.get("/api/v1/me")).json()["username"] == "patient", "the old session is untouched"

    elsewhere = await limited.client(ip="192.0.2.44")
    assert (await login(elsewhere, "other_one")).status_code == 200


# --- log-in per account ------------------------------------------------------------------


async def test_account_limit_counts_failures_from_every_address(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="100/hour", rate_limit_login_account="3/hour")
    await make_user(limited.db, username="Targeted", email="targeted@example.com")
    await make_user(limited.db, username="unrelated")
    first, second, third = (
        await limited.client(ip="198.51.100.1"),
        await limited.client(ip="198.51.100.2"),
        await limited.client(ip="198.51.100.3"),
    )
    await failed_login(first, "Targeted")
    await failed_login(second, "targeted")  # any case ...
    await failed_login(first, "ｔａｒｇｅｔｅｄ")  # ... or width is one account name
    assert_rate_limited(await login(third, "TARGETED"), window_seconds=HOUR)
    # Naming the account by its email does not open a second allowance.
    assert_rate_limited(await login(third, "Targeted@Example.com"), window_seconds=HOUR)
    # Other accounts from the same addresses are not affected.
    assert (await login(first, "unrelated")).status_code == 200


async def test_account_limit_applies_to_names_that_do_not_exist(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="100/hour", rate_limit_login_account="2/hour")
    await make_user(limited.db, username="existing")
    browser = await limited.client()
    for name in ("existing", "missing_person"):
        await failed_login(browser, name)
        await failed_login(browser, name)
    known = await login(browser, "existing", WRONG_PASSWORD)
    unknown = await login(browser, "missing_person", WRONG_PASSWORD)
    assert_rate_limited(known, window_seconds=HOUR)
    assert_rate_limited(unknown, window_seconds=HOUR)
    # Nothing in the answer tells the two apart.
    assert known.json() == unknown.json()


async def test_a_successful_login_clears_the_account_count(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="100/hour", rate_limit_login_account="3/hour")
    await make_user(limited.db, username="clumsy")
    browser = await limited.client()
    for _ in range(3):
        await failed_login(browser, "clumsy")
        await failed_login(browser, "clumsy")
        # Without the reset this third attempt of the round, or a later one, would be refused.
        response = await login(browser, "clumsy")
        assert response.status_code == 200, response.text
    await failed_login(browser, "clumsy")
    await failed_login(browser, "clumsy")
    await failed_login(browser, "clumsy")
    assert_rate_limited(await login(browser, "clumsy"), window_seconds=HOUR)


async def test_wrong_current_passwords_count_against_the_account(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="100/hour", rate_limit_login_account="2/hour")
    await make_user(limited.db, username="hijacked_tab")
    browser = await limited.client()
    assert (await login(browser, "hijacked_tab")).status_code == 200
    body = {"current_password": WRONG_PASSWORD, "new_password": "a brand new secret"}
    for _ in range(2):
        response = await browser.post("/api/v1/auth/password", json=body)
        assert response.status_code == 422
        assert response.json()["error"]["field"] == "current_password"
    # Someone at an open laptop cannot guess the password here either.
    refused = await browser.post("/api/v1/auth/password", json={**body, "current_password": DEFAULT_PASSWORD})
    assert_rate_limited(refused, window_seconds=HOUR)
    elsewhere = await limited.client(ip="203.0.113.50")
    assert_rate_limited(await login(elsewhere, "hijacked_tab"), window_seconds=HOUR)


# --- recovery ----------------------------------------------------------------------------


async def trip(send: Callable[[], Awaitable[httpx.Response]], *, attempts: int = 20) -> httpx.Response:
    """Send until refused; with a per-second limit even a slow machine gets there quickly."""
    for _ in range(attempts):
        response = await send()
        if response.status_code == 429:
            return response
    raise AssertionError(f"not rate-limited after {attempts} attempts")


async def test_signup_limit_recovers_when_the_window_passes(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_signup="2/second")
    browser = await limited.client()

    async def attempt() -> httpx.Response:
        return await browser.post(SIGNUP, json={"username": "no", "password": GOOD_PASSWORD})

    refused = await trip(attempt)
    assert_rate_limited(refused, window_seconds=1)
    await asyncio.sleep(2.2)
    assert (await signup(browser, "came_back_later")).status_code == 201


async def test_login_limits_recover_when_the_window_passes(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="1000/hour", rate_limit_login_account="2/second")
    await make_user(limited.db, username="waited")
    browser = await limited.client()
    refused = await trip(lambda: login(browser, "waited", WRONG_PASSWORD))
    assert_rate_limited(refused, window_seconds=1)
    await asyncio.sleep(2.2)
    assert (await login(browser, "waited")).status_code == 200


async def test_ip_login_limit_recovers_when_the_window_passes(limited_app: LimitedAppFactory) -> None:
    limited = await limited_app(rate_limit_login="2/second", rate_limit_login_account="1000/hour")
    await make_user(limited.db, username="ip_waited")
    browser = await limited.client()
    refused = await trip(lambda: login(browser, new_name(), WRONG_PASSWORD))
    assert_rate_limited(refused, window_seconds=1)
    await asyncio.sleep(2.2)
    assert (await login(browser, "ip_waited")).status_code == 200


# --- the limiter's storage ---------------------------------------------------------------


async def test_log_in_and_sign_up_work_when_the_limiter_storage_is_down(
    limited_app: LimitedAppFactory,
) -> None:
    unreachable = RateLimiter.on_redis(
        "redis://127.0.0.1:1/0", {"signup": "1/hour", "login": "1/hour", "login_account": "1/hour"}
    )
    limited = await limited_app(limiter=unreachable)
    browser = await limited.client()
    for _ in range(3):
        response = await signup(browser)
        assert response.status_code == 201, response.text
    name = response.json()["user"]["username"]
    for _ in range(3):
        await failed_login(browser, name)
    assert (await login(browser, name, GOOD_PASSWORD)).status_code == 200


@pytest.mark.redis
async def test_every_process_shares_the_counts_in_redis(limited_app: LimitedAppFactory) -> None:
    first = await limited_app(rate_limit_signup="3/hour")
    second = await limited_app(rate_limit_signup="3/hour")
    assert first.runtime is not second.runtime
    on_first = await first.client()
    on_second = await second.client()
    await bad_signup(on_first)
    await bad_signup(on_second)
    await bad_signup(on_first)
    assert_rate_limited(await signup(on_second), window_seconds=HOUR)
    assert_rate_limited(await signup(on_first), window_seconds=HOUR)
