"""The settings list of blocked and muted accounts, through the API and the page."""

from __future__ import annotations

import httpx

from tests.accounts.test_pages import location, post_form, read
from tests.social.factories import act, flags, relationship, usernames


async def test_blocked_and_muted_accounts_are_listed_newest_first(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    await act(alice, "POST", "carol/block")
    await act(alice, "POST", "carol/mute")

    assert await usernames(alice, "me/blocks") == ["carol", "bob"]
    assert await usernames(alice, "me/mutes") == ["carol"]
    assert await usernames(bob, "me/blocks") == [], "a blocked person does not see who blocks them"


async def test_the_lists_page_with_a_cursor(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    await act(alice, "POST", "carol/block")

    first = (await alice.get("/api/v1/me/blocks", params={"limit": 1})).json()
    second = (
        await alice.get("/api/v1/me/blocks", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()

    assert [p["username"] for p in first["items"] + second["items"]] == ["carol", "bob"]
    assert second["next_cursor"] is None


async def test_the_lists_need_a_log_in(raw_client: httpx.AsyncClient) -> None:
    assert (await raw_client.get("/api/v1/me/blocks")).status_code == 401
    response = await raw_client.get("/settings/blocked")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


async def test_unblocking_and_unmuting_from_the_settings_page(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await act(alice, "POST", "bob/block")
    await act(alice, "POST", "carol/mute")
    page = read(await alice.get("/settings/blocked"))
    assert [name.text() for name in page.all(lambda e: e.attrs.get("data-testid") == "person-name")] == [
        "bob"
    ]

    assert location(
        await post_form(alice, "/settings/blocked", {"username": "bob", "action": "unblock"})
    ) == ("/settings/blocked")
    assert read(await alice.get("/settings/blocked")).testid("no-people").text() == "You block no one."
    assert "blocking" not in flags(await relationship(alice, "bob"))

    muted = read(await alice.get("/settings/blocked?kind=muted"))
    assert muted.testid("person-name").text() == "carol"
    await post_form(alice, "/settings/blocked", {"username": "carol", "action": "unmute"})
    assert "muting" not in flags(await relationship(alice, "carol"))


async def test_the_settings_tabs_link_to_the_list(alice: httpx.AsyncClient) -> None:
    page = read(await alice.get("/settings/profile"))
    assert "/settings/blocked" in [e.attrs.get("href") for e in page.all(lambda e: e.tag == "a")]
