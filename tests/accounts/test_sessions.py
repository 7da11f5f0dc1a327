"""Sessions through the JSON API: log out, log out everywhere, change password, list and
revoke sessions, expiry, and CSRF on each of these when cookie-authenticated."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credential_cache
from potluck.accounts.credentials import hash_secret
from potluck.accounts.models import AuditEvent, AuthSession, User
from potluck.kit.time import utcnow
from potluck.runtime import Runtime
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user
from tests.conftest import CSRFClient

NEW_PASSWORD = "marmalade under 9 moons"
ME = "/api/v1/me"
SESSIONS = "/api/v1/auth/sessions"
PASSWORD = "/api/v1/auth/password"

ClientFactory = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def new_client(app: Any) -> AsyncIterator[ClientFactory]:
    """Another browser on the same server: its own cookies, the CSRF cookie collected."""
    opened: list[httpx.AsyncClient] = []

    async def open_client(user_agent: str = "other-device/1.0") -> httpx.AsyncClient:
        client = CSRFClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers={"User-Agent": user_agent},
        )
        opened.append(client)
        await client.get("/login")
        return client

    yield open_client
    for client in opened:
        await client.aclose()


async def session_count(db: AsyncSession, user_id: int) -> int:
    result = await db.execute(
        select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user_id)
    )
    return int(result.scalar_one())


async def audit_count(db: AsyncSession, kind: str, user_id: int) -> int:
    result = await db.execute(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.kind == kind, AuditEvent.user_id == user_id)
    )
    return int(result.scalar_one())


async def current_session_id(client: httpx.AsyncClient) -> str:
    listed = await client.get(SESSIONS)
    assert listed.status_code == 200, listed.text
    (current,) = [item["id"] for item in listed.json() if item["current"]]
    return str(current)


async def login_status(app: Any, username: str, password: str) -> int:
    """Try a log-in from a brand-new client, leaving every other client as it was."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as fresh:
        response = await fresh.post("/api/v1/auth/login", json={"login": username, "password": password})
        return response.status_code


# --- log out -----------------------------------------------------------------------------


async def test_logout_ends_the_session_for_good(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="leaving")
    token = (await log_in(client, "leaving")).cookies["potluck_session"]
    assert await session_count(db, user.id) == 1

    response = await client.post("/api/v1/auth/logout")
    assert response.status_code == 204
    cleared = response.headers["set-cookie"]
    assert "potluck_session=" in cleared
    assert "max-age=0" in cleared.lower() or "expires=thu, 01 jan 1970" in cleared.lower()
    assert client.cookies.get("potluck_session") is None
    assert (await client.get(ME)).status_code == 401
    assert await session_count(db, user.id) == 0
    assert await audit_count(db, "logout", user.id) == 1

    # A copy of the old cookie (say, stolen before the log-out) opens nothing.
    raw_client.cookies.set("potluck_session", token)
    replay = await raw_client.get(ME)
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "not_authenticated"


async def test_logout_when_not_logged_in_is_harmless(client: httpx.AsyncClient) -> None:
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    assert (await client.get(ME)).status_code == 401


async def test_logout_ends_only_this_device(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    user = await make_user(db, username="two_phones")
    await log_in(client, "two_phones")
    phone = await new_client()
    await log_in(phone, "two_phones")
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    assert (await client.get(ME)).status_code == 401
    assert (await phone.get(ME)).status_code == 200
    assert await session_count(db, user.id) == 1


async def test_logout_all_ends_every_session_of_the_account_only(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    user = await make_user(db, username="everywhere")
    await make_user(db, username="bystander")
    await log_in(client, "everywhere")
    laptop = await new_client()
    await log_in(laptop, "everywhere")
    tablet = await new_client()
    await log_in(tablet, "everywhere")
    neighbour = await new_client()
    await log_in(neighbour, "bystander")
    assert await session_count(db, user.id) == 3

    response = await client.post("/api/v1/auth/logout-all")
    assert response.status_code == 204
    assert client.cookies.get("potluck_session") is None
    for device in (client, laptop, tablet):
        me = await device.get(ME)
        assert me.status_code == 401
    assert await session_count(db, user.id) == 0
    assert (await neighbour.get(ME)).json()["username"] == "bystander"
    assert await audit_count(db, "logout_all", user.id) == 1
    # Logging in again works as usual.
    await log_in(laptop, "everywhere")
    assert (await laptop.get(ME)).status_code == 200


async def test_logout_all_keeps_api_tokens(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="scripter")
    await log_in(client, "scripter")
    created = await client.post("/api/v1/auth/tokens", json={"name": "backup script"})
    assert created.status_code == 201, created.text
    bearer = {"Authorization": f"Bearer {created.json()['token']}"}
    assert (await client.post("/api/v1/auth/logout-all")).status_code == 204
    me = await raw_client.get(ME, headers=bearer)
    assert me.status_code == 200
    assert me.json()["username"] == "scripter"


async def test_logout_all_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/logout-all")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


# --- changing the password ---------------------------------------------------------------


async def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    app: Any, client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    user = await make_user(db, username="rotating")
    await log_in(client, "rotating")
    other = await new_client()
    await log_in(other, "rotating")
    another = await new_client()
    await log_in(another, "rotating")
    assert (await client.get(ME)).json()["password_changed_at"] is None

    response = await client.post(
        PASSWORD, json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"sessions_ended": 2}

    me = await client.get(ME)
    assert me.status_code == 200, "this session stays"
    assert me.json()["password_changed_at"] is not None
    for device in (other, another):
        assert (await device.get(ME)).status_code == 401
    assert await session_count(db, user.id) == 1
    assert await login_status(app, "rotating", DEFAULT_PASSWORD) == 401
    assert await login_status(app, "rotating", NEW_PASSWORD) == 200
    assert await audit_count(db, "password_changed", user.id) == 1


async def test_a_wrong_current_password_changes_nothing(
    app: Any, client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    await make_user(db, username="forgetful")
    await log_in(client, "forgetful")
    other = await new_client()
    await log_in(other, "forgetful")

    response = await client.post(
        PASSWORD, json={"current_password": "not my password", "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["field"] == "current_password"
    assert error["reason"] == "wrong_password"

    assert (await other.get(ME)).status_code == 200
    assert (await client.get(ME)).json()["password_changed_at"] is None
    assert await login_status(app, "forgetful", NEW_PASSWORD) == 401
    assert await login_status(app, "forgetful", DEFAULT_PASSWORD) == 200


@pytest.mark.parametrize(
    ("new_password", "reason"),
    [
        ("short", "too_short"),
        ("password123", "too_common"),
        ("Weak_Spot", "same_as_username"),
        (DEFAULT_PASSWORD, "same_as_current"),
    ],
)
async def test_a_weak_new_password_is_refused(
    app: Any,
    client: httpx.AsyncClient,
    new_client: ClientFactory,
    db: AsyncSession,
    new_password: str,
    reason: str,
) -> None:
    await make_user(db, username="Weak_Spot")
    await log_in(client, "Weak_Spot")
    other = await new_client()
    await log_in(other, "Weak_Spot")
    response = await client.post(
        PASSWORD, json={"current_password": DEFAULT_PASSWORD, "new_password": new_password}
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == "new_password"
    assert error["reason"] == reason
    assert (await other.get(ME)).status_code == 200
    assert await login_status(app, "Weak_Spot", DEFAULT_PASSWORD) == 200


async def test_an_api_token_cannot_change_the_password(
    app: Any, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="tokened")
    created = await raw_client.post(
        "/api/v1/auth/tokens", json={"name": "ci", "username": "tokened", "password": DEFAULT_PASSWORD}
    )
    assert created.status_code == 201, created.text
    raw_client.cookies.clear()
    response = await raw_client.post(
        PASSWORD,
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        headers={"Authorization": f"Bearer {created.json()['token']}"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["reason"] == "session_required"
    assert await login_status(app, "tokened", DEFAULT_PASSWORD) == 200


async def test_changing_the_password_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.post(
        PASSWORD, json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 401


# --- listing and revoking sessions -------------------------------------------------------


async def test_sessions_are_listed_with_the_current_one_marked(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    await make_user(db, username="lister")
    await make_user(db, username="stranger")
    await log_in(client, "lister")
    phone = await new_client(user_agent="PotluckPhone/2.1")
    await log_in(phone, "lister")
    stranger = await new_client()
    await log_in(stranger, "stranger")

    mine = (await client.get(SESSIONS)).json()
    from_phone = (await phone.get(SESSIONS)).json()
    assert len(mine) == len(from_phone) == 2, "the stranger's session is not listed"
    assert {item["id"] for item in mine} == {item["id"] for item in from_phone}
    assert [item["current"] for item in mine].count(True) == 1
    assert [item["current"] for item in from_phone].count(True) == 1
    phone_id = await current_session_id(phone)
    assert phone_id != await current_session_id(client)
    (phone_entry,) = [item for item in mine if item["id"] == phone_id]
    assert phone_entry["user_agent"] == "PotluckPhone/2.1"
    assert phone_entry["current"] is False
    for key in ("ip", "created_at", "last_seen_at", "expires_at"):
        assert key in phone_entry


async def test_listing_sessions_needs_a_login(client: httpx.AsyncClient) -> None:
    assert (await client.get(SESSIONS)).status_code == 401


async def test_revoking_another_device_logs_it_out(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    user = await make_user(db, username="revoker")
    await log_in(client, "revoker")
    lost_phone = await new_client()
    await log_in(lost_phone, "revoker")
    lost_id = await current_session_id(lost_phone)

    response = await client.delete(f"{SESSIONS}/{lost_id}")
    assert response.status_code == 204
    assert (await lost_phone.get(ME)).status_code == 401
    assert (await client.get(ME)).status_code == 200
    assert [item["id"] for item in (await client.get(SESSIONS)).json()] == [await current_session_id(client)]
    assert await audit_count(db, "session_revoked", user.id) == 1
    again = await client.delete(f"{SESSIONS}/{lost_id}")
    assert again.status_code == 404


async def test_revoking_the_current_session_logs_this_device_out(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="self_revoker")
    await log_in(client, "self_revoker")
    this_id = await current_session_id(client)
    assert (await client.delete(f"{SESSIONS}/{this_id}")).status_code == 204
    assert (await client.get(ME)).status_code == 401


async def test_someone_elses_session_cannot_be_revoked(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    await make_user(db, username="attacker")
    victim = await make_user(db, username="victim")
    await log_in(client, "attacker")
    victim_client = await new_client()
    await log_in(victim_client, "victim")
    victim_session = await current_session_id(victim_client)

    response = await client.delete(f"{SESSIONS}/{victim_session}")
    assert response.status_code == 404, "the same answer as for a session that does not exist"
    assert response.json()["error"]["code"] == "not_found"
    assert (await victim_client.get(ME)).status_code == 200
    assert await session_count(db, victim.id) == 1
    missing = await client.delete(f"{SESSIONS}/999999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == response.json()["error"]["code"]


async def test_an_expired_session_no_longer_works(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession, runtime: Runtime
) -> None:
    await make_user(db, username="expiring")
    await log_in(client, "expiring")
    old_device = await new_client()
    await log_in(old_device, "expiring")
    old_id = await current_session_id(old_device)

    await db.execute(
        update(AuthSession)
        .where(AuthSession.id == int(old_id))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await db.commit()
    cookie = old_device.cookies["potluck_session"]
    await credential_cache.forget(runtime.cache, hash_secret(cookie))  # a month passed

    expired = await old_device.get(ME)
    assert expired.status_code == 401
    assert expired.json()["error"]["code"] == "not_authenticated"
    assert (await old_device.post("/api/v1/auth/logout-all")).status_code == 401
    assert [item["id"] for item in (await client.get(SESSIONS)).json()] == [await current_session_id(client)]
    assert (await client.get(ME)).status_code == 200


async def test_a_session_lasts_about_a_month(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="monthly")
    response = await log_in(client, "monthly")
    cookie = response.headers["set-cookie"].lower()
    assert f"max-age={30 * 24 * 3600}" in cookie
    (entry,) = (await client.get(SESSIONS)).json()
    lifetime = datetime.fromisoformat(entry["expires_at"]) - datetime.fromisoformat(entry["created_at"])
    assert timedelta(days=29) < lifetime <= timedelta(days=31)


async def test_suspension_ends_every_session(
    client: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession
) -> None:
    await make_user(db, username="boss", is_admin=True)
    user = await make_user(db, username="rule_breaker")
    offender = await new_client()
    await log_in(offender, "rule_breaker")
    await log_in(client, "boss")
    response = await client.post("/api/v1/admin/users/rule_breaker/suspend", json={"reason": "spam"})
    assert response.status_code == 200, response.text
    assert (await offender.get(ME)).status_code == 401
    assert await session_count(db, user.id) == 0


# --- CSRF on the cookie-authenticated session endpoints ----------------------------------


@pytest.fixture
async def logged_in_raw(raw_client: httpx.AsyncClient, db: AsyncSession) -> httpx.AsyncClient:
    """``raw_client`` logged in as ``csrf_target`` with a valid CSRF cookie it never echoes."""
    await make_user(db, username="csrf_target")
    response = await raw_client.post(
        "/api/v1/auth/login", json={"login": "csrf_target", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    await raw_client.get("/")
    assert raw_client.cookies.get("potluck_csrf")
    return raw_client


def assert_csrf_refused(response: httpx.Response) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "csrf_failed"


@pytest.mark.parametrize("header", [None, "", "forged.0000000000", "the-wrong-token"])
async def test_logout_all_without_the_csrf_token_is_refused(
    logged_in_raw: httpx.AsyncClient, new_client: ClientFactory, db: AsyncSession, header: str | None
) -> None:
    other = await new_client()
    await log_in(other, "csrf_target")
    headers = {} if header is None else {"X-CSRF-Token": header}
    assert_csrf_refused(await logged_in_raw.post("/api/v1/auth/logout-all", headers=headers))
    assert (await logged_in_raw.get(ME)).status_code == 200
    assert (await other.get(ME)).status_code == 200
    user = (await db.execute(select(User).where(User.username == "csrf_target"))).scalar_one()
    assert await session_count(db, user.id) == 2

    token = logged_in_raw.cookies["potluck_csrf"]
    accepted = await logged_in_raw.post("/api/v1/auth/logout-all", headers={"X-CSRF-Token": token})
    assert accepted.status_code == 204
    assert (await other.get(ME)).status_code == 401


async def test_logout_without_the_csrf_token_is_refused(logged_in_raw: httpx.AsyncClient) -> None:
    assert_csrf_refused(await logged_in_raw.post("/api/v1/auth/logout"))
    assert (await logged_in_raw.get(ME)).status_code == 200


async def test_password_change_without_the_csrf_token_is_refused(
    app: Any, logged_in_raw: httpx.AsyncClient, new_client: ClientFactory
) -> None:
    other = await new_client()
    await log_in(other, "csrf_target")
    body = {"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    assert_csrf_refused(await logged_in_raw.post(PASSWORD, json=body))
    # Sent as a cross-site form would send it: still refused.
    assert_csrf_refused(await logged_in_raw.post(PASSWORD, data=body))
    assert (await logged_in_raw.get(ME)).json()["password_changed_at"] is None
    assert (await other.get(ME)).status_code == 200
    assert await login_status(app, "csrf_target", NEW_PASSWORD) == 401
    assert await login_status(app, "csrf_target", DEFAULT_PASSWORD) == 200

    token = logged_in_raw.cookies["potluck_csrf"]
    accepted = await logged_in_raw.post(PASSWORD, json=body, headers={"X-CSRF-Token": token})
    assert accepted.status_code == 200
    assert accepted.json()["sessions_ended"] >= 1


async def test_revoking_a_session_without_the_csrf_token_is_refused(
    logged_in_raw: httpx.AsyncClient, new_client: ClientFactory
) -> None:
    other = await new_client()
    await log_in(other, "csrf_target")
    other_id = await current_session_id(other)
    assert_csrf_refused(await logged_in_raw.delete(f"{SESSIONS}/{other_id}"))
    assert (await other.get(ME)).status_code == 200
    assert other_id in {item["id"] for item in (await logged_in_raw.get(SESSIONS)).json()}

    token = logged_in_raw.cookies["potluck_csrf"]
    accepted = await logged_in_raw.delete(f"{SESSIONS}/{other_id}", headers={"X-CSRF-Token": token})
    assert accepted.status_code == 204
    assert (await other.get(ME)).status_code == 401


async def test_a_token_from_another_visitor_does_not_pass(
    logged_in_raw: httpx.AsyncClient, new_client: ClientFactory
) -> None:
    # A validly signed token, but not the one in this browser's cookie.
    stranger = await new_client()
    foreign = stranger.cookies["potluck_csrf"]
    assert foreign != logged_in_raw.cookies["potluck_csrf"]
    assert_csrf_refused(
        await logged_in_raw.post("/api/v1/auth/logout-all", headers={"X-CSRF-Token": foreign})
    )
    assert (await logged_in_raw.get(ME)).status_code == 200
