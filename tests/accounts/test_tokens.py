"""Personal API tokens: made once, sent as ``Authorization: Bearer``, revocable, audited."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credential_cache, credentials
from potluck.accounts.credentials import hash_secret
from potluck.accounts.models import ApiToken, AuditEvent
from potluck.db.session import commit
from potluck.kit.time import utcnow
from potluck.runtime import Runtime
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user

TOKENS = "/api/v1/auth/tokens"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def create_token(client: httpx.AsyncClient, name: str = "my script", **extra: Any) -> dict[str, Any]:
    response = await client.post(TOKENS, json={"name": name, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def audit_kinds(client: httpx.AsyncClient) -> list[str]:
    response = await client.get("/api/v1/auth/audit", params={"limit": 100})
    assert response.status_code == 200, response.text
    return [event["kind"] for event in response.json()]


def assert_invalid_token(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "invalid_token"
    assert response.headers["www-authenticate"].startswith("Bearer")


# --- making tokens -------------------------------------------------------------------------


async def test_a_logged_in_session_makes_a_token_shown_once(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="scripter")
    await log_in(client, "scripter")
    created = await create_token(client, name="Shortcuts app")
    secret = created["token"]
    assert secret.startswith("plk_")
    assert len(secret) > 40, "a secret long enough not to be guessed"
    assert created["name"] == "Shortcuts app"
    assert secret.startswith(created["prefix"])
    assert created["last_used_at"] is None
    assert created["expires_at"] is None

    listed = await client.get(TOKENS)
    assert listed.status_code == 200
    [item] = listed.json()
    assert set(item) == {"id", "name", "prefix", "created_at", "last_used_at", "expires_at"}
    assert item["id"] == created["id"]
    assert item["prefix"] == created["prefix"]
    assert secret not in listed.text, "the secret is never shown again"

    page = await client.get("/settings/security")
    assert page.status_code == 200
    assert "Shortcuts app" in page.text
    assert secret not in page.text


async def test_tokens_are_stored_hashed(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="hashed")
    await log_in(client, "hashed")
    created = await create_token(client)
    row = (await db.execute(select(ApiToken).where(ApiToken.id == int(created["id"])))).scalar_one()
    assert row.token_hash == hashlib.sha256(created["token"].encode()).hexdigest()
    assert created["token"] not in (row.token_hash, row.prefix, row.name)


async def test_a_script_trades_username_and_password_for_a_token(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="Batch_Bot")
    # Plain JSON without a session cookie needs no CSRF token: there is no ambient credential.
    response = await raw_client.post(
        TOKENS, json={"name": "cron", "username": "batch_bot", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 201, response.text
    assert "set-cookie" not in response.headers or "potluck_session" not in response.headers["set-cookie"]
    me = await raw_client.get("/api/v1/me", headers=bearer(response.json()["token"]))
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)


async def test_a_cookie_session_needs_the_csrf_token_to_make_one(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="csrf_target")
    await log_in(raw_client, "csrf_target")
    # What a cross-site page could make a logged-in browser send.
    as_json = await raw_client.post(TOKENS, json={"name": "stolen"})
    as_form = await raw_client.post(TOKENS, data={"name": "stolen"})
    assert as_json.status_code == as_form.status_code == 403
    assert (await raw_client.get(TOKENS)).json() == []


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("known_bot", "not the password"),
        ("nobody_here", DEFAULT_PASSWORD),
        ("known_bot", ""),
        ("known_bot\x00", DEFAULT_PASSWORD),
        ("known\x00bot@example.com", DEFAULT_PASSWORD),
    ],
)
async def test_wrong_credentials_make_no_token(
    raw_client: httpx.AsyncClient, db: AsyncSession, username: str, password: str
) -> None:
    await make_user(db, username="known_bot")
    response = await raw_client.post(TOKENS, json={"name": "x", "username": username, "password": password})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert (await db.execute(select(ApiToken))).scalars().all() == []


async def test_anonymous_without_credentials_gets_401(raw_client: httpx.AsyncClient) -> None:
    response = await raw_client.post(TOKENS, json={"name": "x"})
    assert response.status_code == 401
    assert (await raw_client.get(TOKENS)).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "n" * 61}, "name"),
        ({"name": "ok", "expires_in_days": 0}, "expires_in_days"),
        ({"name": "ok", "expires_in_days": 3651}, "expires_in_days"),
        ({"name": "ok", "scopes": ["admin"]}, "scopes"),
    ],
)
async def test_bad_token_requests_are_422(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, Any], field: str
) -> None:
    await make_user(db, username="fussy")
    await log_in(client, "fussy")
    response = await client.post(TOKENS, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    assert (await client.get(TOKENS)).json() == []


async def test_there_is_a_limit_on_tokens_per_account(client: httpx.AsyncClient, db: AsyncSession) -> None:
    user = await make_user(db, username="hoarder")
    for number in range(50):
        db.add(ApiToken(user_id=user.id, name=f"t{number}", token_hash=f"{number:064d}", prefix="plk_xxxx"))
    await db.commit()
    await log_in(client, "hoarder")
    response = await client.post(TOKENS, json={"name": "one more"})
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "too_many"


async def test_a_token_can_expire_after_some_days(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="temporary")
    await log_in(client, "temporary")
    created = await create_token(client, expires_in_days=7)
    expires_at = datetime.fromisoformat(created["expires_at"])
    assert expires_at - datetime.fromisoformat(created["created_at"]) == timedelta(days=7)
    assert (await client.get("/api/v1/me", headers=bearer(created["token"]))).status_code == 200


# --- using tokens --------------------------------------------------------------------------


async def test_bearer_reads_and_writes_without_csrf(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="api_user")
    await log_in(client, "api_user")
    secret = (await create_token(client))["token"]

    me = await raw_client.get("/api/v1/me", headers=bearer(secret))
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)

    # raw_client has no CSRF cookie and sends no X-CSRF-Token.
    changed = await raw_client.patch("/api/v1/me", json={"bio": "via the API"}, headers=bearer(secret))
    assert changed.status_code == 200, changed.text
    assert (await client.get("/api/v1/me")).json()["bio"] == "via the API"


async def test_the_scheme_is_case_insensitive(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="lowercase")
    await log_in(client, "lowercase")
    secret = (await create_token(client))["token"]
    response = await raw_client.get("/api/v1/me", headers={"Authorization": f"bearer {secret}"})
    assert response.status_code == 200


async def test_use_sets_last_used_and_is_audited_at_most_hourly(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await make_user(db, username="busy_bot")
    await log_in(client, "busy_bot")
    created = await create_token(client)
    for _ in range(3):
        assert (await raw_client.get("/api/v1/me", headers=bearer(created["token"]))).status_code == 200

    [listed] = (await client.get(TOKENS)).json()
    first_use = listed["last_used_at"]
    assert first_use is not None
    assert datetime.fromisoformat(first_use) >= datetime.fromisoformat(created["created_at"])
    assert (await audit_kinds(client)).count("token_used") == 1

    # Two hours later the next use is audited again.
    token_id = int(created["id"])
    await db.execute(
        update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow() - timedelta(hours=2))
    )
    await db.commit()
    await credential_cache.forget(runtime.cache, hash_secret(created["token"]))  # hours passed
    assert (await raw_client.get("/api/v1/me", headers=bearer(created["token"]))).status_code == 200
    assert (await audit_kinds(client)).count("token_used") == 2
    [listed] = (await client.get(TOKENS)).json()
    assert datetime.fromisoformat(listed["last_used_at"]) > utcnow() - timedelta(hours=1)

    used = (
        (
            await db.execute(
                select(AuditEvent)
                .where(AuditEvent.kind == "token_used")
                .execution_options(populate_existing=True)
            )
        )
        .scalars()
        .all()
    )
    assert {event.details["token_id"] for event in used} == {str(token_id)}


async def test_a_deleted_token_stops_working(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="revoker")
    await log_in(client, "revoker")
    kept = await create_token(client, name="kept")
    dropped = await create_token(client, name="dropped")
    assert (await raw_client.get("/api/v1/me", headers=bearer(dropped["token"]))).status_code == 200

    assert (await client.delete(f"{TOKENS}/{dropped['id']}")).status_code == 204
    assert_invalid_token(await raw_client.get("/api/v1/me", headers=bearer(dropped["token"])))
    assert [item["name"] for item in (await client.get(TOKENS)).json()] == ["kept"]
    assert (await raw_client.get("/api/v1/me", headers=bearer(kept["token"]))).status_code == 200
    assert "token_revoked" in await audit_kinds(client)

    again = await client.delete(f"{TOKENS}/{dropped['id']}")
    assert again.status_code == 404


async def test_nobody_can_delete_or_see_someone_elses_token(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="owner")
    await make_user(db, username="intruder")
    owner_token = await create_token(raw_client, name="owned", username="owner", password=DEFAULT_PASSWORD)
    await log_in(client, "intruder")
    assert (await client.get(TOKENS)).json() == []
    response = await client.delete(f"{TOKENS}/{owner_token['id']}")
    assert response.status_code == 404
    assert (await raw_client.get("/api/v1/me", headers=bearer(owner_token["token"]))).status_code == 200


async def test_an_expired_token_is_refused(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await make_user(db, username="expiring")
    await log_in(client, "expiring")
    created = await create_token(client, expires_in_days=1)
    assert (await raw_client.get("/api/v1/me", headers=bearer(created["token"]))).status_code == 200

    await db.execute(
        update(ApiToken)
        .where(ApiToken.id == int(created["id"]))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await db.commit()
    await credential_cache.forget(runtime.cache, hash_secret(created["token"]))  # a day passed
    assert_invalid_token(await raw_client.get("/api/v1/me", headers=bearer(created["token"])))
    assert_invalid_token(
        await raw_client.patch("/api/v1/me", json={"bio": "late"}, headers=bearer(created["token"]))
    )
    assert (await client.get("/api/v1/me")).json()["bio"] == ""


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic dXNlcjpwYXNz",
        "Bearer ",
        "Bearer",
        "Bearer plk_this-token-was-never-made",
        "Bearer not-even-a-potluck-token",
        "Token plk_whatever",
        "",
    ],
)
async def test_a_bad_authorization_header_never_falls_back_to_the_cookie(
    client: httpx.AsyncClient, db: AsyncSession, authorization: str
) -> None:
    await make_user(db, username="careful")
    await log_in(client, "careful")
    assert (await client.get("/api/v1/me")).status_code == 200

    headers = {"Authorization": authorization}
    assert_invalid_token(await client.get("/api/v1/me", headers=headers))
    # The client sends the CSRF header too: still refused, and nothing changes.
    assert_invalid_token(await client.patch("/api/v1/me", json={"bio": "hijacked"}, headers=headers))
    assert (await client.get("/api/v1/me")).json()["bio"] == ""


async def test_another_users_token_beats_the_session_cookie(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    bob = await make_user(db, username="bob_token")
    await make_user(db, username="alice_cookie")
    bob_token = await create_token(raw_client, username="bob_token", password=DEFAULT_PASSWORD)
    await log_in(client, "alice_cookie")
    me = await client.get("/api/v1/me", headers=bearer(bob_token["token"]))
    assert me.json()["id"] == str(bob.id), "the Authorization header alone decides who is asking"


async def test_a_token_cannot_make_tokens_or_change_the_password(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="limited")
    secret = (await create_token(raw_client, username="limited", password=DEFAULT_PASSWORD))["token"]

    more = await raw_client.post(TOKENS, json={"name": "child"}, headers=bearer(secret))
    assert more.status_code == 422
    assert more.json()["error"]["code"] == "invalid"

    password = await raw_client.post(
        "/api/v1/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "a brand new passphrase"},
        headers=bearer(secret),
    )
    assert password.status_code == 403
    assert password.json()["error"]["reason"] == "session_required"
    assert len((await raw_client.get(TOKENS, headers=bearer(secret))).json()) == 1
    login = await raw_client.post(
        "/api/v1/auth/login", json={"login": "limited", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 200, "the password did not change"


async def test_logout_with_a_token_deletes_that_token_only(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="signing_off")
    await log_in(client, "signing_off")
    leaving = await create_token(client, name="leaving")
    staying = await create_token(client, name="staying")

    response = await raw_client.post("/api/v1/auth/logout", headers=bearer(leaving["token"]))
    assert response.status_code == 204
    assert_invalid_token(await raw_client.get("/api/v1/me", headers=bearer(leaving["token"])))
    assert (await raw_client.get("/api/v1/me", headers=bearer(staying["token"]))).status_code == 200
    assert (await client.get("/api/v1/me")).status_code == 200, "the browser session is untouched"
    assert [item["name"] for item in (await client.get(TOKENS)).json()] == ["staying"]


async def test_tokens_survive_logging_out_of_every_device(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="everywhere")
    await log_in(client, "everywhere")
    secret = (await create_token(client))["token"]
    assert (await client.post("/api/v1/auth/logout-all")).status_code == 204
    assert (await client.get("/api/v1/me")).status_code == 401
    assert (await raw_client.get("/api/v1/me", headers=bearer(secret))).status_code == 200


async def test_a_suspended_owners_token_stops_working(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="soon_suspended")
    secret = (await create_token(raw_client, username="soon_suspended", password=DEFAULT_PASSWORD))["token"]
    assert (await raw_client.get("/api/v1/me", headers=bearer(secret))).status_code == 200
    await credentials.set_suspended(db, username=user.username, suspended=True, actor_id=None)
    await commit(db)  # as the admin command's boundary does: the remembered owner is forgotten
    assert_invalid_token(await raw_client.get("/api/v1/me", headers=bearer(secret)))
    assert_invalid_token(await raw_client.patch("/api/v1/me", json={"bio": "x"}, headers=bearer(secret)))
    # Nor can a fresh one be made with the password.
    response = await raw_client.post(
        TOKENS, json={"name": "again", "username": "soon_suspended", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 403
    assert response.json()["error"]["reason"] == "suspended"
