"""Profiles: reading and editing your own, and what others may see of it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import log_in, make_user


async def patch_me(client: httpx.AsyncClient, **changes: Any) -> httpx.Response:
    return await client.patch("/api/v1/me", json=changes)


def assert_invalid(response: httpx.Response, field: str, reason: str | None = None) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["field"] == field
    assert error["message"]
    if reason is not None:
        assert error["reason"] == reason


# --- your own profile ------------------------------------------------------------------------


async def test_me_needs_a_login(raw_client: httpx.AsyncClient) -> None:
    for response in (
        await raw_client.get("/api/v1/me"),
        await raw_client.patch("/api/v1/me", json={"bio": "x"}),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


async def test_a_new_account_has_an_empty_profile(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="Fresh_One")
    await log_in(client, "fresh_one")
    me = (await client.get("/api/v1/me")).json()
    assert me["username"] == "Fresh_One"
    assert me["display_name"] == "Fresh_One", "the name is shown until a display name is chosen"
    assert me["bio"] == me["location"] == me["pronouns"] == ""
    assert me["languages"] == []
    assert me["avatar_url"] is None
    assert me["is_private"] is False
    assert me["is_admin"] is False
    assert me["follower_count"] == me["following_count"] == me["note_count"] == 0
    assert me["likes_received_count"] == 0


async def test_patch_changes_only_the_fields_sent(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="editor")
    await log_in(client, "editor")
    first = await patch_me(
        client,
        display_name="小红 Xiaohong",
        bio="Dumplings every Sunday.\nNoodles on Monday.",
        location="Chengdu",
        pronouns="she/her",
        languages=["zh-Hans", "en"],
        is_private=False,
    )
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["display_name"] == "小红 Xiaohong"
    assert body["bio"] == "Dumplings every Sunday.\nNoodles on Monday."
    assert body["location"] == "Chengdu"
    assert body["pronouns"] == "she/her"
    assert body["languages"] == ["zh-Hans", "en"]

    second = await patch_me(client, location="Shanghai")
    assert second.status_code == 200
    after = (await client.get("/api/v1/me")).json()
    assert after["location"] == "Shanghai"
    for field in ("display_name", "bio", "pronouns", "languages", "is_private"):
        assert after[field] == body[field], field

    assert (await patch_me(client)).json() == after, "an empty patch changes nothing"


async def test_optional_text_fields_can_be_cleared(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="clearer")
    await log_in(client, "clearer")
    await patch_me(client, bio="something", location="somewhere", pronouns="they/them")
    response = await patch_me(client, bio=None, location="", pronouns="   ")
    assert response.status_code == 200
    body = response.json()
    assert body["bio"] == body["location"] == body["pronouns"] == ""
    assert (await patch_me(client, languages=["en"])).json()["languages"] == ["en"]
    assert (await patch_me(client, languages=[])).json()["languages"] == []


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["zh_hant"], ["zh-Hant"]),
        (["EN", "en", "en "], ["en"]),
        (["zh-Hant", "zh_Hant", "zh-hant", "fr", "pt_br"], ["zh-Hant", "fr", "pt-BR"]),
    ],
)
async def test_languages_are_canonical_and_deduplicated(
    client: httpx.AsyncClient, db: AsyncSession, tags: list[str], expected: list[str]
) -> None:
    await make_user(db, username="polyglot")
    await log_in(client, "polyglot")
    response = await patch_me(client, languages=tags)
    assert response.status_code == 200, response.text
    assert response.json()["languages"] == expected
    assert (await client.get("/api/v1/users/polyglot")).json()["languages"] == expected


async def test_at_most_ten_languages(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="many_tongues")
    await log_in(client, "many_tongues")
    ten = ["en", "fr", "de", "es", "it", "ja", "ko", "ru", "ar", "hi"]
    assert (await patch_me(client, languages=ten)).json()["languages"] == ten
    assert_invalid(await patch_me(client, languages=[*ten, "pt"]), "languages", "too_many")
    assert (await client.get("/api/v1/me")).json()["languages"] == ten


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"languages": ["xx-notreal"]}, "languages", "unknown_language"),
        ({"languages": ["en", "<script>"]}, "languages", "unknown_language"),
        ({"languages": [""]}, "languages", "unknown_language"),
        ({"bio": "b" * 501}, "bio", "too_long"),
        ({"location": "l" * 61}, "location", "too_long"),
        ({"pronouns": "p" * 41}, "pronouns", "too_long"),
        ({"display_name": "d" * 61}, "display_name", "too_long"),
        ({"display_name": ""}, "display_name", "required"),
        ({"display_name": "   "}, "display_name", "required"),
        ({"display_name": "\u200b\u200e"}, "display_name", "required"),
        ({"display_name": None}, "display_name", "required"),
        ({"languages": None}, "languages", "required"),
        ({"is_private": None}, "is_private", "required"),
        ({"locale": "xx-notreal"}, "locale", "unknown_language"),
        ({"locale": "en\x00"}, "locale", "unknown_language"),
        ({"languages": ["\x00"]}, "languages", "unknown_language"),
    ],
)
async def test_invalid_profile_changes_are_refused_with_the_field(
    client: httpx.AsyncClient, db: AsyncSession, changes: dict[str, Any], field: str, reason: str
) -> None:
    await make_user(db, username="strict", display_name="Strict")
    await log_in(client, "strict")
    before = (await client.get("/api/v1/me")).json()
    # A valid field alongside the invalid one is not saved either.
    assert_invalid(await patch_me(client, **{"pronouns": "any", **changes}), field, reason)
    assert (await client.get("/api/v1/me")).json() == before


async def test_a_500_character_bio_is_fine(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="wordy")
    await log_in(client, "wordy")
    bio = "美" * 500
    response = await patch_me(client, bio=bio)
    assert response.status_code == 200, response.text
    assert response.json()["bio"] == bio


@pytest.mark.parametrize(
    "changes",
    [{"is_admin": True}, {"username": "renamed"}, {"email": "x@example.com"}, {"follower_count": 10**6}],
)
async def test_fields_that_are_not_editable_here_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, changes: dict[str, Any]
) -> None:
    await make_user(db, username="sneaky")
    await log_in(client, "sneaky")
    before = (await client.get("/api/v1/me")).json()
    response = await patch_me(client, **changes)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == next(iter(changes))
    assert (await client.get("/api/v1/me")).json() == before


async def test_wrong_types_are_refused(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="typed")
    await log_in(client, "typed")
    assert (await patch_me(client, languages="en")).status_code == 422
    assert (await patch_me(client, bio=["a", "b"])).status_code == 422
    assert (await patch_me(client, is_private="perhaps")).status_code == 422
    response = await client.patch(
        "/api/v1/me", content=b"not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


async def test_control_characters_are_stripped_and_text_normalised(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="controls")
    await log_in(client, "controls")
    response = await patch_me(
        client,
        display_name="  Ma\x00ry\u202e\x1b[31m  ",
        bio="line one\r\nline\ttwo\x07\n\n\n\n\nend",
        location="Cafe\u0301",  # e + combining acute: NFC makes one character
        pronouns="\u200bthey\u200b",
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["display_name"] == "Mary[31m"
    assert body["bio"] == "line one\nlinetwo\n\nend"
    assert body["location"] == "Café"
    assert len(body["location"]) == 4
    assert body["pronouns"] == "they"


async def test_emoji_sequences_survive_cleaning(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="emoji")
    await log_in(client, "emoji")
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # joined by zero-width joiners
    response = await patch_me(client, display_name=f"{family} 一家", bio="🥟🍜")
    assert response.status_code == 200
    assert response.json()["display_name"] == f"{family} 一家"
    assert response.json()["bio"] == "🥟🍜"


async def test_hostile_html_is_stored_as_text_and_escaped_on_the_page(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="mallory")
    await log_in(client, "mallory")
    script = "<script>alert(1)</script>"
    image = '<img src=x onerror="alert(2)">'
    response = await patch_me(
        client, display_name=f"{image}M", bio=f"hi {script}", location=f"{script}", pronouns="<b>he</b>"
    )
    assert response.status_code == 200, response.text
    assert response.json()["bio"] == f"hi {script}", "stored exactly as typed"

    public = (await raw_client.get("/api/v1/users/mallory")).json()
    assert public["display_name"] == f"{image}M"

    page = await raw_client.get("/@mallory")
    assert page.status_code == 200
    html = page.text
    assert script not in html
    assert "<img src=x" not in html
    assert "<b>he</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;he&lt;/b&gt;" in html


async def test_patch_with_a_cookie_needs_the_csrf_token(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="forged")
    await log_in(raw_client, "forged")
    response = await raw_client.patch("/api/v1/me", json={"bio": "from evil.example"})
    assert response.status_code == 403
    assert (await raw_client.get("/api/v1/me")).json()["bio"] == ""


async def test_locale_can_be_chosen_and_cleared(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="reader")
    await log_in(client, "reader")
    chosen = await patch_me(client, locale="zh-Hans")
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["locale"] in {"zh-Hans", "zh_Hans"}
    page = await client.get("/@reader")
    assert page.headers["content-language"] == "zh-Hans", "the interface follows the account's language"
    cleared = await patch_me(client, locale=None)
    assert cleared.status_code == 200
    assert cleared.json()["locale"] is None


# --- other people's profiles -----------------------------------------------------------------


async def test_public_profile_shows_the_header_and_counts(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="Popular_Cook", display_name="Popular Cook")
    user.follower_count = 1234
    user.following_count = 56
    user.note_count = 78
    user.likes_received_count = 9012
    user.bio = "Recipes"
    user.languages = ["zh-Hans"]
    await db.commit()

    for name in ("Popular_Cook", "popular_cook", "POPULAR_COOK"):
        response = await raw_client.get(f"/api/v1/users/{name}")
        assert response.status_code == 200, name
    body = response.json()
    assert body["id"] == str(user.id)
    assert body["username"] == "Popular_Cook"
    assert body["follower_count"] == 1234
    assert body["following_count"] == 56
    assert body["note_count"] == 78
    assert body["likes_received_count"] == 9012
    assert body["bio"] == "Recipes"
    assert body["languages"] == ["zh-Hans"]
    for private_field in ("email", "locale", "is_admin", "password_changed_at"):
        assert private_field not in body

    page = await raw_client.get("/@popular_cook")
    assert page.status_code == 200
    assert "Popular Cook" in page.text
    assert "@Popular_Cook" in page.text


@pytest.mark.parametrize("name", ["nobody_at_all", "ab", "x" * 40, "名字", "%00"])
async def test_unknown_users_are_404(raw_client: httpx.AsyncClient, name: str) -> None:
    response = await raw_client.get(f"/api/v1/users/{name}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_a_private_account_shows_others_only_its_header(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await make_user(db, username="private_pat", display_name="Pat")
    await make_user(db, username="curious")
    await log_in(client, "private_pat")
    details = {"bio": "secret bio", "location": "Hangzhou", "pronouns": "xe/xem", "languages": ["fr"]}
    response = await patch_me(client, is_private=True, **details)
    assert response.status_code == 200
    assert response.json()["is_private"] is True

    own = (await client.get("/api/v1/users/private_pat")).json()
    for field, value in details.items():
        assert own[field] == value, "the owner sees everything"

    anonymous = (await raw_client.get("/api/v1/users/private_pat")).json()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        await log_in(other, "curious")
        as_other = (await other.get("/api/v1/users/private_pat")).json()
        other_page = (await other.get("/@private_pat")).text
    for seen in (anonymous, as_other):
        assert seen["is_private"] is True
        assert seen["display_name"] == "Pat"
        assert seen["follower_count"] == 0
        for field in details:
            assert seen[field] is None, field

    anonymous_page = (await raw_client.get("/@private_pat")).text
    for page in (anonymous_page, other_page):
        assert "Pat" in page
        assert "secret bio" not in page
        assert "Hangzhou" not in page
        assert "xe/xem" not in page
    assert "secret bio" in (await client.get("/@private_pat")).text

    # Public again: everyone sees it.
    await patch_me(client, is_private=False)
    assert (await raw_client.get("/api/v1/users/private_pat")).json()["bio"] == "secret bio"


async def test_a_suspended_account_is_hidden_from_others(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="hidden_one")
    assert (await raw_client.get("/api/v1/users/hidden_one")).status_code == 200
    user.is_suspended = True
    await db.commit()
    response = await raw_client.get("/api/v1/users/hidden_one")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert (await raw_client.get("/@hidden_one")).status_code == 404
