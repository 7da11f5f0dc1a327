"""The follow button on profiles and notes: follow, unfollow, request, unblock."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.accounts.test_pages import location, post_form, read
from tests.notes.factories import post_note
from tests.social.factories import make_private, relationship

HTMX = {"HX-Request": "true"}


async def follow_button(client: httpx.AsyncClient, url: str) -> str:
    return read(await client.get(url)).testid("follow-button").text()


async def press(client: httpx.AsyncClient, path: str, action: str) -> httpx.Response:
    """The button as htmx sends it: the CSRF header and the form's fields."""
    token = client.cookies["potluck_csrf"]
    return await client.post(path, data={"action": action}, headers={**HTMX, "X-CSRF-Token": token})


async def test_following_from_a_profile_without_javascript_comes_back_to_it(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    assert await follow_button(bob, "/@alice") == "Follow"
    assert location(await post_form(bob, "/@alice/follow", {"action": "follow"})) == "/@alice"

    page = read(await bob.get("/@alice"))
    assert page.testid("follow-button").text() == "Following"
    assert page.testid("follower-count").text() == "1"
    assert (await relationship(bob, "alice"))["following"] is True


async def test_the_button_swaps_in_place_with_htmx(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    followed = await press(bob, "/@alice/follow", "follow")
    assert followed.status_code == 200, followed.text
    assert "Following" in followed.text
    assert 'value="unfollow"' in followed.text

    unfollowed = await press(bob, "/@alice/follow", "unfollow")
    assert 'value="follow"' in unfollowed.text
    assert (await relationship(bob, "alice"))["following"] is False


async def test_a_private_account_shows_requested_and_a_follower_is_offered_follow_back(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(alice)
    assert "Requested" in (await press(bob, "/@alice/follow", "follow")).text
    assert await follow_button(bob, "/@alice") == "Requested"

    await alice.post("/api/v1/follow-requests", json={"username": "bob", "decision": "approve"})
    assert await follow_button(alice, "/@bob") == "Follow back"


async def test_the_note_page_offers_to_follow_its_author(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, raw_client: httpx.AsyncClient, runtime: Runtime
) -> None:
    note: dict[str, Any] = await post_note(alice, runtime, title="Mapo tofu")
    url = f"/notes/{note['id']}"
    assert await follow_button(bob, url) == "Follow"
    await press(bob, "/@alice/follow", "follow")
    assert await follow_button(bob, url) == "Following"

    visitor = read(await raw_client.get(url)).testid("follow-button")
    assert visitor.attrs["href"] == f"/login?next=/notes/{note['id']}"
    assert read(await alice.get(url)).find_testid("follow-button") is None  # not on your own note


async def test_someone_you_block_shows_an_unblock_button(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await bob.post("/api/v1/users/alice/block")
    assert await follow_button(bob, "/@alice") == "Unblock"
    assert (await alice.get("/@bob")).status_code == 404  # to alice, bob does not exist

    assert "Follow" in (await press(bob, "/@alice/block", "unblock")).text
    assert (await alice.get("/@bob")).status_code == 200


async def test_logged_out_posts_are_sent_to_log_in(
    raw_client: httpx.AsyncClient, alice: httpx.AsyncClient
) -> None:
    response = await raw_client.post("/@alice/follow", data={"action": "follow"})
    assert response.status_code in {303, 403}


async def test_block_and_mute_from_the_profile_menu(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    page = read(await bob.get("/@alice"))
    assert page.find_testid("profile-more") is not None
    assert location(await post_form(bob, "/@alice/mute", {"action": "mute"})) == "/@alice"
    assert (await relationship(bob, "alice"))["muting"] is True
    assert "Unmute" in read(await bob.get("/@alice")).testid("profile-more").text()

    assert location(await post_form(bob, "/@alice/block", {"action": "block"})) == "/@alice"
    after = read(await bob.get("/@alice"))
    assert after.testid("follow-button").text() == "Unblock"
    assert after.find_testid("profile-more") is None


async def test_followers_and_following_pages_list_people_with_their_buttons(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await bob.post("/api/v1/users/alice/follow")
    await carol.post("/api/v1/users/alice/follow")
    page = read(await bob.get("/@alice/followers"))
    names = [element.text() for element in page.all(lambda e: e.attrs.get("data-testid") == "person-name")]
    assert len(names) == 2
    assert page.testid("people").text().count("@") == 2
    assert "@carol" in page.testid("people").text()  # newest first: carol, then bob
    assert page.testid("people").text().index("@carol") < page.testid("people").text().index("@bob")
    assert page.find_form("/@carol/follow") is not None  # bob may follow carol from here
    assert page.find_form("/@bob/follow") is None  # but not himself

    assert (
        read(await alice.get("/@alice/following")).testid("no-people").text() == "Not following anyone yet."
    )
    assert read(await alice.get("/@alice")).find_form("/@alice/follow") is None


async def test_a_private_accounts_lists_say_so_and_its_requests_are_answered_on_a_page(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    await make_private(alice)
    refused = read(await bob.get("/@alice/followers"), 403)
    assert (
        "private" in refused.get("people-heading").text().lower() or "private" in refused.root.text().lower()
    )

    await bob.post("/api/v1/users/alice/follow")
    requests = read(await alice.get("/follow-requests"))
    assert requests.find_form("/follow-requests") is not None
    response = await post_form(alice, "/follow-requests", {"username": "bob", "decision": "approve"})
    assert location(response) == "/follow-requests"
    assert read(await alice.get("/follow-requests")).testid("no-people") is not None
    assert (await relationship(bob, "alice"))["following"] is True
    assert read(await bob.get("/@alice/followers")).testid("people") is not None
