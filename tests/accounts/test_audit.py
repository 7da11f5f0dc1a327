"""The security log a person sees of their own account."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import audit
from potluck.accounts.audit import DESCRIPTIONS, AuditKind
from potluck.web.i18n import gettext_for
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user
from tests.conftest import CSRFClient

AUDIT = "/api/v1/auth/audit"


async def events(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(AUDIT, params=params)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


async def test_the_audit_log_needs_a_login(raw_client: httpx.AsyncClient) -> None:
    response = await raw_client.get(AUDIT)
    assert response.status_code == 401


async def test_security_events_are_listed_newest_first(client: httpx.AsyncClient, db: AsyncSession) -> None:
    signup = await client.post(
        "/api/v1/auth/signup",
        json={"username": "new_cook", "password": DEFAULT_PASSWORD},
        headers={"User-Agent": "PotluckTest/1.0"},
    )
    assert signup.status_code == 201, signup.text
    token = await client.post("/api/v1/auth/tokens", json={"name": "cli"})
    assert (await client.delete(f"/api/v1/auth/tokens/{token.json()['id']}")).status_code == 204
    changed = await client.post(
        "/api/v1/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "another long passphrase"},
    )
    assert changed.status_code == 200, changed.text

    listed = await events(client)
    assert [event["kind"] for event in listed] == [
        "password_changed",
        "token_revoked",
        "token_created",
        "login",
        "signup",
    ]
    ids = [int(event["id"]) for event in listed]
    assert ids == sorted(ids, reverse=True)
    signed_up = listed[-1]
    assert signed_up["user_agent"] == "PotluckTest/1.0"
    assert signed_up["ip"]
    assert signed_up["created_at"]
    assert set(signed_up) == {"id", "kind", "description", "ip", "user_agent", "created_at"}


async def test_failed_log_ins_and_log_outs_are_recorded(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="target_acct")
    wrong = await raw_client.post(
        "/api/v1/auth/login", json={"login": "target_acct", "password": "guess guess"}
    )
    assert wrong.status_code == 401
    await log_in(client, "target_acct")
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    await log_in(client, "target_acct")
    assert (await client.post("/api/v1/auth/logout-all")).status_code == 204
    await log_in(client, "target_acct")
    kinds = [event["kind"] for event in await events(client)]
    assert kinds == ["login", "logout_all", "login", "logout", "login", "login_failed"]


async def test_pages_follow_before_and_limit(client: httpx.AsyncClient, db: AsyncSession, app: Any) -> None:
    await make_user(db, username="frequent")
    for _ in range(6):
        async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as device:
            await log_in(device, "frequent")
    await log_in(client, "frequent")
    everything = await events(client, limit=100)
    assert len(everything) == 7
    assert {event["kind"] for event in everything} == {"login"}

    collected: list[dict[str, Any]] = []
    before: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if before is not None:
            params["before"] = before
        page = await events(client, **params)
        assert len(page) <= 3
        if not page:
            break
        collected.extend(page)
        before = page[-1]["id"]
    assert collected == everything
    assert await events(client, before=everything[-1]["id"]) == []


@pytest.mark.parametrize(("limit", "expected"), [(None, 20), (1, 1), (0, 1), (-5, 1), (1000, 100)])
async def test_limit_is_kept_within_bounds(
    client: httpx.AsyncClient, db: AsyncSession, limit: int | None, expected: int
) -> None:
    user = await make_user(db, username="bounded")
    for _ in range(110):
        audit.record(db, AuditKind.TOKEN_USED, user_id=user.id)
    await db.commit()
    await log_in(client, "bounded")
    params = {} if limit is None else {"limit": limit}
    assert len(await events(client, **params)) == expected


async def test_a_bad_before_or_limit_is_422(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="typo")
    await log_in(client, "typo")
    assert (await client.get(AUDIT, params={"before": "yesterday"})).status_code == 422
    assert (await client.get(AUDIT, params={"limit": "lots"})).status_code == 422


async def test_nobody_sees_anyone_elses_events(client: httpx.AsyncClient, app: Any, db: AsyncSession) -> None:
    await make_user(db, username="alice_a")
    await make_user(db, username="bob_b")
    await log_in(client, "alice_a")
    alice_events = await events(client)
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as bob:
        await bob.get("/login")
        await log_in(bob, "bob_b")
        assert (await bob.post("/api/v1/auth/tokens", json={"name": "bob's"})).status_code == 201
        bob_events = await events(bob)
        # Paging from a later point does not reach into Alice's events either.
        bob_from_alice = await events(bob, before=str(int(alice_events[0]["id"]) + 10**12))
    alice_after = await events(client)
    assert alice_after == alice_events, "bob's activity is not in alice's log"
    assert {event["id"] for event in bob_events}.isdisjoint(event["id"] for event in alice_events)
    assert {event["id"] for event in bob_from_alice} <= {event["id"] for event in bob_events}
    assert "token_created" in [event["kind"] for event in bob_events]


@pytest.mark.parametrize(("accept_language", "locale"), [("en", "en"), ("zh-CN,zh;q=0.9", "zh_Hans")])
async def test_descriptions_are_in_the_readers_language(
    client: httpx.AsyncClient, db: AsyncSession, accept_language: str, locale: str
) -> None:
    await make_user(db, username="bilingual")
    await log_in(client, "bilingual")
    listed = (await client.get(AUDIT, headers={"Accept-Language": accept_language})).json()
    [login] = [event for event in listed if event["kind"] == "login"]
    assert login["description"] == gettext_for(locale)(DESCRIPTIONS["login"])
    if locale == "en":
        assert login["description"] == "Logged in"


async def test_every_kind_of_event_has_a_description() -> None:
    for kind in AuditKind:
        assert DESCRIPTIONS.get(kind), kind
