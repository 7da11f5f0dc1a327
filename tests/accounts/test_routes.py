"""Log-in, log-out and profile reads through the JSON API."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user


async def test_login_sets_an_httponly_session_cookie_and_me_works(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="Mei_Lin", email="mei@example.com")
    response = await log_in(client, "mei_lin")
    assert response.json()["user"]["username"] == "Mei_Lin"
    cookie = response.headers["set-cookie"]
    assert "potluck_session=" in cookie
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()

    me = await client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id), "IDs travel as strings"
    assert me.json()["email"] == "mei@example.com"


async def test_login_by_email(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="by_mail", email="Someone@Example.com")
    await log_in(client, "someone@example.com")
    assert (await client.get("/api/v1/me")).json()["username"] == "by_mail"


async def test_wrong_password_and_unknown_user_get_the_same_answer(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="known")
    wrong = await client.post("/api/v1/auth/login", json={"login": "known", "password": "nope-nope"})
    unknown = await client.post("/api/v1/auth/login", json={"login": "nobody", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "not_authenticated"


async def test_suspended_user_cannot_log_in(client: httpx.AsyncClient, db: AsyncSession) -> None:
    user = await make_user(db, username="suspended")
    user.is_suspended = True
    await db.commit()
    response = await client.post(
        "/api/v1/auth/login", json={"login": "suspended", "password": DEFAULT_PASSWORD}
    )
    # Told only after the right password, so it reveals nothing to a guesser.
    assert response.status_code == 403
    assert response.json()["error"]["reason"] == "suspended"
    wrong = await client.post("/api/v1/auth/login", json={"login": "suspended", "password": "not it at all"})
    assert wrong.status_code == 401


async def test_logout_ends_the_session(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="leaver")
    await log_in(client, "leaver")
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    response = await client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


async def test_a_forged_session_cookie_is_anonymous(client: httpx.AsyncClient, db: AsyncSession) -> None:
    client.cookies.set("potluck_session", "made-up-token")
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_public_profile_by_username_any_case(client: httpx.AsyncClient, db: AsyncSession) -> None:
    user = await make_user(db, username="Chengdu_Foodie", display_name="成都吃货")
    response = await client.get("/api/v1/users/chengdu_foodie")
    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "成都吃货"
    assert body["id"] == str(user.id)
    assert "email" not in body
    missing = await client.get("/api/v1/users/nobody_here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
