"""CSRF on every cookie-authenticated state change, and strict security headers."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import DEFAULT_PASSWORD, make_user


async def _logged_in(raw_client: httpx.AsyncClient, db: AsyncSession, username: str) -> None:
    await make_user(db, username=username)
    response = await raw_client.post(
        "/api/v1/auth/login", json={"login": username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "potluck_session" in raw_client.cookies


async def test_cookie_authenticated_api_post_without_csrf_token_is_refused(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await _logged_in(raw_client, db, "csrfless")
    await raw_client.get("/")
    response = await raw_client.patch("/api/v1/me", json={"bio": "hijacked"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    me = await raw_client.get("/api/v1/me")
    assert me.json()["bio"] == ""
    token = raw_client.cookies["potluck_csrf"]
    accepted = await raw_client.patch("/api/v1/me", json={"bio": "mine"}, headers={"X-CSRF-Token": token})
    assert accepted.status_code == 200
    assert accepted.json()["bio"] == "mine"


async def test_cookie_authenticated_api_post_with_a_forged_token_is_refused(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await _logged_in(raw_client, db, "forger")
    raw_client.cookies.set("potluck_csrf", "forged.0000")
    response = await raw_client.post("/api/v1/auth/logout-all", headers={"X-CSRF-Token": "forged.0000"})
    assert response.status_code == 403
    assert (await raw_client.get("/api/v1/me")).status_code == 200


async def test_json_without_a_session_needs_no_token_but_a_form_post_does(
    raw_client: httpx.AsyncClient,
) -> None:
    # No ambient credentials: a script may sign up with plain JSON ...
    signed_up = await raw_client.post(
        "/api/v1/auth/signup", json={"username": "scripted", "password": "a fine long password"}
    )
    assert signed_up.status_code == 201
    # ... but the same JSON sent as text/plain (what a cross-site form can send) is refused.
    raw_client.cookies.clear()
    refused = await raw_client.post(
        "/api/v1/auth/login",
        content=b'{"login": "scripted", "password": "a fine long password"}',
        headers={"Content-Type": "text/plain"},
    )
    assert refused.status_code == 403


async def test_form_post_needs_the_token_field(raw_client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="former")
    await raw_client.get("/login")
    token = raw_client.cookies["potluck_csrf"]
    refused = await raw_client.post("/login", data={"login": "former", "password": DEFAULT_PASSWORD})
    assert refused.status_code == 403
    assert "expired" in refused.text
    accepted = await raw_client.post(
        "/login", data={"login": "former", "password": DEFAULT_PASSWORD, "csrf_token": token, "next": "/"}
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/"


async def test_login_redirect_never_leaves_the_site(raw_client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="redirected")
    await raw_client.get("/login")
    token = raw_client.cookies["potluck_csrf"]
    for hostile in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = await raw_client.post(
            "/login",
            data={"login": "redirected", "password": DEFAULT_PASSWORD, "csrf_token": token, "next": hostile},
        )
        assert response.headers["location"] == "/"


async def test_bearer_requests_need_no_csrf_token(raw_client: httpx.AsyncClient) -> None:
    response = await raw_client.post(
        "/api/v1/auth/logout", headers={"Authorization": "Bearer not-a-real-token"}
    )
    assert response.status_code != 403


async def test_pages_and_api_carry_strict_security_headers(client: httpx.AsyncClient) -> None:
    for path in ("/", "/api/v1/me", "/readyz"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


async def test_first_page_sets_the_csrf_cookie_but_json_reads_do_not(raw_client: httpx.AsyncClient) -> None:
    api = await raw_client.get("/api/v1/users/nobody")
    assert "potluck_csrf" not in api.headers.get("set-cookie", "")
    page = await raw_client.get("/")
    assert "potluck_csrf=" in page.headers["set-cookie"]
    token = raw_client.cookies["potluck_csrf"]
    assert f'"X-CSRF-Token": "{token}"' in page.text, "htmx requests send the token"
    again = await raw_client.get("/")
    assert "set-cookie" not in again.headers, "a valid cookie is kept, not replaced"
