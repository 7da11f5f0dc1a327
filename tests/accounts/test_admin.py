"""Administrators suspend and restore accounts through the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import AuditEvent, User
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user
from tests.conftest import CSRFClient


def suspend_url(username: str) -> str:
    return f"/api/v1/admin/users/{username}/suspend"


def restore_url(username: str) -> str:
    return f"/api/v1/admin/users/{username}/restore"


@asynccontextmanager
async def browser_of(app: Any, username: str) -> AsyncIterator[httpx.AsyncClient]:
    """Another person's logged-in API client, next to the test's ``client``."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as other:
        await other.get("/login")
        await log_in(other, username)
        yield other


async def login_status(client: httpx.AsyncClient, username: str) -> httpx.Response:
    return await client.post("/api/v1/auth/login", json={"login": username, "password": DEFAULT_PASSWORD})


async def events_of(db: AsyncSession, user_id: int, *kinds: str) -> list[AuditEvent]:
    result = await db.execute(
        select(AuditEvent)
        .where(AuditEvent.user_id == user_id, AuditEvent.kind.in_(kinds))
        .order_by(AuditEvent.id)
        .execution_options(populate_existing=True)
    )
    return list(result.scalars())


@pytest.fixture
async def admin(db: AsyncSession) -> User:
    return await make_user(db, username="the_admin", is_admin=True)


async def test_anonymous_and_ordinary_users_cannot_suspend_or_restore(
    client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="target")
    await make_user(db, username="ordinary")

    for url in (suspend_url("target"), restore_url("target")):
        response = await client.post(url, json={"reason": "x"})
        assert response.status_code == 401, url

    await log_in(client, "ordinary")
    for url in (suspend_url("target"), restore_url("target")):
        response = await client.post(url, json={"reason": "x"})
        assert response.status_code == 403, url
        assert response.json()["error"]["code"] == "forbidden"
    assert (await login_status(client, "target")).status_code == 200, "target is untouched"


async def test_suspending_logs_the_user_out_everywhere_and_blocks_them(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, app: Any, db: AsyncSession, admin: User
) -> None:
    target = await make_user(db, username="Troublemaker")
    token = (
        await raw_client.post(
            "/api/v1/auth/tokens",
            json={"name": "bot", "username": "troublemaker", "password": DEFAULT_PASSWORD},
        )
    ).json()["token"]
    async with browser_of(app, "troublemaker") as phone, browser_of(app, "troublemaker") as laptop:
        assert (await phone.get("/api/v1/me")).status_code == 200

        await log_in(client, "the_admin")
        response = await client.post(suspend_url("troublemaker"), json={"reason": "spam links"})
        assert response.status_code == 200, response.text
        assert response.json()["username"] == "Troublemaker"
        assert response.json()["id"] == str(target.id)

        for device in (phone, laptop):
            assert (await device.get("/api/v1/me")).status_code == 401
            assert (await device.patch("/api/v1/me", json={"bio": "still here"})).status_code == 401

    me = await raw_client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401
    assert me.json()["error"]["code"] == "invalid_token"

    refused = await login_status(raw_client, "troublemaker")
    assert refused.status_code == 403
    assert refused.json()["error"]["reason"] == "suspended"
    assert (await raw_client.get("/api/v1/users/troublemaker")).status_code == 404

    [event] = await events_of(db, target.id, "suspended")
    assert event.actor_id == admin.id
    assert event.details["reason"] == "spam links"


async def test_restoring_lets_the_user_back_in(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    target = await make_user(db, username="second_chance")
    intruders_token = (
        await raw_client.post(
            "/api/v1/auth/tokens",
            json={"name": "intruder", "username": "second_chance", "password": DEFAULT_PASSWORD},
        )
    ).json()["token"]
    await log_in(client, "the_admin")
    assert (await client.post(suspend_url("second_chance"), json={})).status_code == 200
    assert (await login_status(raw_client, "second_chance")).status_code == 403

    response = await client.post(restore_url("SECOND_CHANCE"))
    assert response.status_code == 200, response.text
    assert response.json()["username"] == "second_chance"
    assert (await raw_client.get("/api/v1/users/second_chance")).status_code == 200
    raw_client.cookies.clear()
    assert (await login_status(raw_client, "second_chance")).status_code == 200
    assert (await raw_client.get("/api/v1/me")).status_code == 200
    # Tokens made before the suspension (perhaps by whoever took the account) stay dead.
    assert (await raw_client.get("/api/v1/auth/tokens")).json() == []
    raw_client.cookies.clear()
    stale = await raw_client.get("/api/v1/me", headers={"Authorization": f"Bearer {intruders_token}"})
    assert stale.status_code == 401

    kinds = [
        (event.kind, event.actor_id) for event in await events_of(db, target.id, "suspended", "restored")
    ]
    assert kinds == [("suspended", admin.id), ("restored", admin.id)]


async def test_suspending_or_restoring_twice_changes_nothing_more(
    client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    target = await make_user(db, username="twice")
    await log_in(client, "the_admin")
    for _ in range(2):
        assert (await client.post(suspend_url("twice"), json={"reason": "r"})).status_code == 200
    for _ in range(2):
        assert (await client.post(restore_url("twice"))).status_code == 200
    kinds = [event.kind for event in await events_of(db, target.id, "suspended", "restored")]
    assert kinds == ["suspended", "restored"]


async def test_administrators_cannot_be_suspended(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="other_admin", is_admin=True)
    await log_in(client, "the_admin")
    for name in ("other_admin", "the_admin"):
        response = await client.post(suspend_url(name), json={"reason": "coup"})
        assert response.status_code == 403, name
        assert response.json()["error"]["reason"] == "admin"
    assert (await client.get("/api/v1/me")).status_code == 200
    assert (await login_status(raw_client, "other_admin")).status_code == 200


async def test_unknown_users_are_404(client: httpx.AsyncClient, db: AsyncSession, admin: User) -> None:
    await log_in(client, "the_admin")
    urls = [suspend_url(name) for name in ("no_such_person", "%00", "ab")]
    for url in [*urls, restore_url("no_such_person"), restore_url("the_admin%00")]:
        response = await client.post(url, json={})
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


async def test_an_overlong_reason_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="verbose_target")
    await log_in(client, "the_admin")
    response = await client.post(suspend_url("verbose_target"), json={"reason": "r" * 501})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "reason"
    assert (await client.get("/api/v1/users/verbose_target")).status_code == 200


async def test_suspension_needs_the_csrf_token_with_a_cookie(
    raw_client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="csrf_target")
    await log_in(raw_client, "the_admin")
    response = await raw_client.post(suspend_url("csrf_target"), json={"reason": "forged"})
    assert response.status_code == 403
    assert (await raw_client.get("/api/v1/users/csrf_target")).status_code == 200


async def test_an_administrators_token_can_suspend(
    raw_client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="scripted_target")
    created = await raw_client.post(
        "/api/v1/auth/tokens",
        json={"name": "moderation", "username": "the_admin", "password": DEFAULT_PASSWORD},
    )
    headers = {"Authorization": f"Bearer {created.json()['token']}"}
    response = await raw_client.post(suspend_url("scripted_target"), json={"reason": "bot"}, headers=headers)
    assert response.status_code == 200, response.text
    assert (await login_status(raw_client, "scripted_target")).status_code == 403


async def test_a_suspended_user_sees_the_events_in_their_audit_log(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, admin: User
) -> None:
    await make_user(db, username="audited")
    await log_in(client, "the_admin")
    await client.post(suspend_url("audited"), json={"reason": "r"})
    await client.post(restore_url("audited"))
    await log_in(raw_client, "audited")
    kinds = [event["kind"] for event in (await raw_client.get("/api/v1/auth/audit")).json()]
    assert kinds[:3] == ["login", "restored", "suspended"]
