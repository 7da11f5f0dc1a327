"""Sign-up and log-in through the JSON API: every rule, its field and reason, and the audit."""

from __future__ import annotations

import unicodedata
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import AuditEvent, AuthSession, User
from tests.accounts.factories import DEFAULT_PASSWORD, make_user

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
GOOD_PASSWORD = "tangerine kettle 42"


async def signup(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    body.setdefault("password", GOOD_PASSWORD)
    return await client.post(SIGNUP, json=body)


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    return error


async def user_count(db: AsyncSession) -> int:
    return int((await db.execute(select(func.count()).select_from(User))).scalar_one())


async def audit_kinds(db: AsyncSession, kind: str) -> list[int | None]:
    """The user IDs of every audit event of ``kind``, oldest first."""
    result = await db.execute(
        select(AuditEvent.user_id)
        .where(AuditEvent.kind == kind)
        .order_by(AuditEvent.created_at, AuditEvent.id)
    )
    return list(result.scalars())


# --- sign-up -----------------------------------------------------------------------------


async def test_signup_makes_the_account_and_logs_in(client: httpx.AsyncClient, db: AsyncSession) -> None:
    response = await signup(
        client,
        username="Mei_Lin",
        email="Mei@Example.com",
        display_name="  美琳的厨房 ",
        locale="zh-Hans",
    )
    assert response.status_code == 201, response.text
    me = response.json()["user"]
    assert me["username"] == "Mei_Lin"
    assert me["display_name"] == "美琳的厨房", "trimmed"
    assert me["email"] == "Mei@example.com", "the domain is normalised, the local part kept"
    assert me["locale"] == "zh_Hans"
    assert me["is_admin"] is False
    assert isinstance(me["id"], str)
    assert me["id"].isdigit()

    cookie = response.headers["set-cookie"]
    assert "potluck_session=" in cookie
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower(), "plain http in tests: a Secure cookie would never come back"

    current = await client.get("/api/v1/me")
    assert current.status_code == 200
    assert current.json()["id"] == me["id"]
    assert await audit_kinds(db, "signup") == [int(me["id"])]
    assert await audit_kinds(db, "login") == [int(me["id"])]


async def test_signup_without_optional_fields(client: httpx.AsyncClient) -> None:
    response = await signup(client, username="plain_name")
    assert response.status_code == 201, response.text
    me = response.json()["user"]
    assert me["display_name"] == "plain_name", "the display name defaults to the username"
    assert me["email"] is None
    # Two accounts without an email do not collide on the (empty) address.
    client.cookies.clear()
    other = await signup(client, username="another_plain", email="")
    assert other.status_code == 201, other.text
    assert other.json()["user"]["email"] is None


async def test_the_new_account_can_log_in_elsewhere(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient
) -> None:
    assert (await signup(client, username="fresh_start", email="fresh@example.com")).status_code == 201
    by_name = await raw_client.post(LOGIN, json={"login": "fresh_start", "password": GOOD_PASSWORD})
    assert by_name.status_code == 200
    assert by_name.json()["user"]["username"] == "fresh_start"


@pytest.mark.parametrize(
    "taken",
    [
        "Alice",
        "alice",
        "ALICE",
        "aLiCe",
        "ａｌｉｃｅ",  # fullwidth
        "ＡＬＩＣＥ",  # fullwidth capitals
        "  alice  ",  # surrounding spaces are trimmed
    ],
)
async def test_names_differing_only_in_case_or_width_are_taken(
    client: httpx.AsyncClient, db: AsyncSession, taken: str
) -> None:
    await make_user(db, username="Alice")
    response = await signup(client, username=taken)
    assert response.status_code == 409, response.text
    error = error_of(response)
    assert error["code"] == "conflict"
    assert error["field"] == "username"
    assert error["reason"] == "taken"
    assert error["message"]
    assert "potluck_session" not in response.headers.get("set-cookie", "")
    assert await user_count(db) == 1


async def test_a_fullwidth_name_blocks_its_ascii_twin(client: httpx.AsyncClient, db: AsyncSession) -> None:
    first = await signup(client, username="ｂｏｂａ_ｔｅａ")
    assert first.status_code == 201, first.text
    client.cookies.clear()
    second = await signup(client, username="Boba_Tea")
    assert second.status_code == 409
    assert error_of(second)["reason"] == "taken"


async def test_composed_and_decomposed_forms_are_one_name(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    decomposed = unicodedata.normalize("NFD", "José_café")
    assert decomposed != "José_café"
    first = await signup(client, username=decomposed)
    assert first.status_code == 201, first.text
    assert first.json()["user"]["username"] == "José_café", "stored in NFC"
    client.cookies.clear()
    again = await signup(client, username="JOSÉ_CAFÉ")
    assert again.status_code == 409
    assert error_of(again)["field"] == "username"
    # ... and the profile is found under either form.
    assert (await client.get("/api/v1/users/josé_café")).status_code == 200
    assert (await client.get(f"/api/v1/users/{decomposed}")).status_code == 200


@pytest.mark.parametrize(
    "name", ["admin", "Admin", "ADMIN", "ａｄｍｉｎ", "api", "explore", "settings", "Potluck"]
)
async def test_reserved_names_are_refused(client: httpx.AsyncClient, db: AsyncSession, name: str) -> None:
    response = await signup(client, username=name)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["field"] == "username"
    assert error["reason"] == "reserved"
    assert await user_count(db) == 0


@pytest.mark.parametrize(
    "name",
    ["", "ab", "x" * 31, "has space", "semi;colon", "dash-ed", "dot.ted", "at@sign", "emoji😀", "tab\tname"],
)
async def test_badly_formed_names_are_refused(client: httpx.AsyncClient, db: AsyncSession, name: str) -> None:
    response = await signup(client, username=name)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["field"] == "username"
    assert error["reason"] == "format"
    assert await user_count(db) == 0


@pytest.mark.parametrize("name", ["abc", "x" * 30, "小红薯", "123", "_under_", "Ünïcödé", "김치찌개"])
async def test_names_at_the_edges_of_the_rules_are_accepted(client: httpx.AsyncClient, name: str) -> None:
    response = await signup(client, username=name)
    assert response.status_code == 201, response.text
    assert response.json()["user"]["username"] == name


@pytest.mark.parametrize(
    "name",
    [
        "ﷺ" * 30,  # one letter that compatibility-normalises into 18
        "ΐ" * 30,  # one letter that case-folds into three
    ],
)
async def test_names_whose_comparison_form_is_very_long_are_refused_not_a_crash(
    client: httpx.AsyncClient, db: AsyncSession, name: str
) -> None:
    response = await signup(client, username=name)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["field"] == "username"
    assert error["reason"] == "format"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "too_short"),
        ("k9#Lp2q", "too_short"),  # 7 characters
        ("password123", "too_common"),
        ("PASSWORD123", "too_common"),  # case does not make it less common
        ("iloveyou", "too_common"),
        ("qwertyuiop", "too_common"),
        ("zzzzzzzzzzzz", "too_common"),  # long but one character over and over
        ("Gourmet_Cat", "same_as_username"),
        ("gourmet_cat", "same_as_username"),
    ],
)
async def test_weak_passwords_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, password: str, reason: str
) -> None:
    response = await signup(client, username="Gourmet_Cat", password=password)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "invalid"
    assert error["field"] == "password"
    assert error["reason"] == reason
    assert await user_count(db) == 0


async def test_an_eight_character_password_is_long_enough(client: httpx.AsyncClient) -> None:
    response = await signup(client, username="eight_chars", password="k9#Lp2qZ")
    assert response.status_code == 201, response.text


async def test_an_overlong_password_is_refused(client: httpx.AsyncClient, db: AsyncSession) -> None:
    response = await signup(client, username="long_winded", password="x7!" * 400)
    assert response.status_code == 422
    assert error_of(response)["field"] == "password"
    assert await user_count(db) == 0


@pytest.mark.parametrize("email", ["not-an-email", "two@@example.com", "no-domain@", "@example.com", "a@b"])
async def test_invalid_emails_are_refused(client: httpx.AsyncClient, db: AsyncSession, email: str) -> None:
    response = await signup(client, username="mail_person", email=email)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["field"] == "email"
    assert error["reason"] == "format"
    assert await user_count(db) == 0


async def test_an_email_whose_comparison_form_is_very_long_is_refused_not_a_crash(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    response = await signup(client, username="ligature_fan", email="ﷺ" * 20 + "@example.com")
    assert response.status_code == 422, response.text
    assert error_of(response)["field"] == "email"
    assert await user_count(db) == 0


@pytest.mark.parametrize(
    "again", ["mei@example.com", "MEI@EXAMPLE.COM", "Mei@Example.Com", " mei@example.com "]
)
async def test_an_email_is_registered_once_whatever_its_case(
    client: httpx.AsyncClient, db: AsyncSession, again: str
) -> None:
    await make_user(db, username="first_mei", email="Mei@Example.com")
    response = await signup(client, username="second_mei", email=again)
    assert response.status_code == 409, response.text
    error = error_of(response)
    assert error["code"] == "conflict"
    assert error["field"] == "email"
    assert error["reason"] == "taken"
    assert await user_count(db) == 1


async def test_an_unknown_locale_is_refused(client: httpx.AsyncClient, db: AsyncSession) -> None:
    response = await signup(client, username="polyglot", locale="not a language")
    assert response.status_code == 422
    assert error_of(response)["field"] == "locale"
    assert await user_count(db) == 0


async def test_missing_fields_name_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post(SIGNUP, json={"username": "nopass"})
    assert response.status_code == 422
    assert error_of(response)["field"] == "password"
    response = await client.post(SIGNUP, json={"password": GOOD_PASSWORD})
    assert response.status_code == 422
    assert error_of(response)["field"] == "username"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"username": "Alice"}, 409),
        ({"username": "admin"}, 422),
        ({"username": "a b"}, 422),
        ({"username": "new_name", "password": "short"}, 422),
        ({"username": "new_name", "password": "password123"}, 422),
        ({"username": "new_name", "email": "broken"}, 422),
    ],
)
async def test_error_code_field_and_reason_do_not_depend_on_the_language(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, str], status: int
) -> None:
    await make_user(db, username="Alice")
    body = {"password": GOOD_PASSWORD, **body}
    english = await client.post(SIGNUP, json=body, headers={"Accept-Language": "en"})
    chinese = await client.post(SIGNUP, json=body, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert english.status_code == chinese.status_code == status
    stable = ("code", "field", "reason")
    assert {k: error_of(english).get(k) for k in stable} == {k: error_of(chinese).get(k) for k in stable}
    assert error_of(chinese)["message"]


# --- log-in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "login",
    ["Mei_Lin", "mei_lin", "MEI_LIN", "ｍｅｉ_ｌｉｎ", " mei_lin ", "mei@example.com", "MEI@Example.COM"],
)
async def test_login_by_name_or_email_in_any_case(
    client: httpx.AsyncClient, db: AsyncSession, login: str
) -> None:
    user = await make_user(db, username="Mei_Lin", email="mei@example.com")
    response = await client.post(LOGIN, json={"login": login, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200, response.text
    assert response.json()["user"]["id"] == str(user.id)
    assert "potluck_session=" in response.headers["set-cookie"]
    assert (await client.get("/api/v1/me")).json()["username"] == "Mei_Lin"


async def test_the_password_is_case_sensitive(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="exact")
    response = await client.post(LOGIN, json={"login": "exact", "password": DEFAULT_PASSWORD.upper()})
    assert response.status_code == 401


async def test_failures_do_not_reveal_whether_an_account_exists(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="known", email="known@example.com")
    attempts = [
        {"login": "known", "password": "not the password"},
        {"login": "known@example.com", "password": "not the password"},
        {"login": "nobody_here", "password": "not the password"},
        {"login": "nobody@example.com", "password": "not the password"},
    ]
    responses = [await client.post(LOGIN, json=attempt) for attempt in attempts]
    assert {response.status_code for response in responses} == {401}
    bodies = [response.json() for response in responses]
    assert all(body == bodies[0] for body in bodies), bodies
    error = bodies[0]["error"]
    assert error["code"] == "not_authenticated"
    assert error["reason"] == "wrong_credentials"
    for response in responses:
        assert "potluck_session" not in response.headers.get("set-cookie", "")
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_the_wrong_credentials_message_is_translated(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="bilingual")
    attempt = {"login": "bilingual", "password": "not the password"}
    english = await client.post(LOGIN, json=attempt, headers={"Accept-Language": "en-US"})
    chinese = await client.post(LOGIN, json=attempt, headers={"Accept-Language": "zh-CN"})
    assert error_of(english)["message"] == "Wrong name or password."
    assert error_of(chinese)["message"] == "用户名或密码错误。"
    assert error_of(chinese)["code"] == error_of(english)["code"] == "not_authenticated"
    assert error_of(chinese)["reason"] == error_of(english)["reason"] == "wrong_credentials"


async def test_every_login_and_failure_is_audited(client: httpx.AsyncClient, db: AsyncSession) -> None:
    user = await make_user(db, username="watched")
    wrong = await client.post(LOGIN, json={"login": "watched", "password": "a wrong guess"})
    unknown = await client.post(LOGIN, json={"login": "ghost_user", "password": "a wrong guess"})
    assert wrong.status_code == unknown.status_code == 401
    # The requests failed, yet their audit records were kept.
    assert await audit_kinds(db, "login_failed") == [user.id, None]
    assert await audit_kinds(db, "login") == []

    ok = await client.post(LOGIN, json={"login": "watched", "password": DEFAULT_PASSWORD})
    assert ok.status_code == 200
    assert await audit_kinds(db, "login") == [user.id]
    assert await audit_kinds(db, "login_failed") == [user.id, None]

    # The owner sees the failed attempt on their own audit trail.
    trail = await client.get("/api/v1/auth/audit")
    assert trail.status_code == 200
    kinds = [event["kind"] for event in trail.json()]
    assert kinds.count("login_failed") == 1
    assert "login" in kinds


async def test_a_failed_login_records_what_was_typed(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await client.post(
        LOGIN,
        json={"login": "typo_name", "password": "a wrong guess"},
        headers={"User-Agent": "curious-bot/1.0"},
    )
    event = (await db.execute(select(AuditEvent).where(AuditEvent.kind == "login_failed"))).scalar_one()
    assert event.user_id is None
    assert event.details.get("login") == "typo_name"
    assert event.user_agent == "curious-bot/1.0"
    assert event.ip


async def test_a_suspended_account_is_told_only_after_the_right_password(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="benched")
    user.is_suspended = True
    await db.commit()
    wrong = await client.post(LOGIN, json={"login": "benched", "password": "a wrong guess"})
    assert wrong.status_code == 401
    assert error_of(wrong)["reason"] == "wrong_credentials"

    right = await client.post(LOGIN, json={"login": "benched", "password": DEFAULT_PASSWORD})
    assert right.status_code == 403
    error = error_of(right)
    assert error["code"] == "forbidden"
    assert error["reason"] == "suspended"
    assert "potluck_session" not in right.headers.get("set-cookie", "")
    sessions = await db.execute(
        select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user.id)
    )
    assert sessions.scalar_one() == 0
    assert (await client.get("/api/v1/me")).status_code == 401


@pytest.mark.parametrize(
    "body",
    [{"login": "someone"}, {"password": DEFAULT_PASSWORD}, {"login": "", "password": DEFAULT_PASSWORD}],
)
async def test_login_with_a_missing_field_is_invalid(client: httpx.AsyncClient, body: dict[str, str]) -> None:
    response = await client.post(LOGIN, json=body)
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid"
    assert error_of(response)["field"] in {"login", "password"}


async def test_each_login_starts_its_own_session(client: httpx.AsyncClient, db: AsyncSession) -> None:
    user = await make_user(db, username="twice")
    first = await client.post(LOGIN, json={"login": "twice", "password": DEFAULT_PASSWORD})
    first_token = first.cookies["potluck_session"]
    second = await client.post(LOGIN, json={"login": "twice", "password": DEFAULT_PASSWORD})
    assert second.cookies["potluck_session"] != first_token
    count = await db.execute(
        select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user.id)
    )
    assert count.scalar_one() == 2
