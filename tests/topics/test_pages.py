"""Topic pages: the header with counts and a Follow button, Hot and New tabs with "Load
more", hashtags on notes linking here, and the trending list."""

from __future__ import annotations

import httpx

from potluck.runtime import Runtime
from tests.accounts.test_pages import location, post_form, read
from tests.notes.pages_support import card_links, fragment
from tests.social.factories import act
from tests.topics.helpers import refresh_totals, tagged

HTMX = {"HX-Request": "true"}


async def test_the_topic_page_shows_its_counts_and_notes(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    first = await tagged(alice, runtime, "Cat nap", "#CatTax")
    second = await tagged(alice, runtime, "Cat yawn", "#cattax")
    await tagged(alice, runtime, "Secret cat", "#cattax", visibility="private")
    assert (
        await bob.post(f"/api/v1/notes/{first}/comments", json={"body": "Paid in full"})
    ).status_code == 201
    assert (await bob.post(f"/api/v1/notes/{first}/like")).status_code == 200
    await refresh_totals(runtime)

    page = read(await onlooker.get("/topics/cattax"))
    assert page.testid("topic-name").text() == "#CatTax"
    assert page.testid("topic-notes").text() == "2 notes"
    assert page.testid("topic-comments").text() == "1 comment"
    assert page.testid("tab-hot").attrs.get("aria-current") == "page"
    assert card_links(page) == [f"/notes/{first}", f"/notes/{second}"]  # the liked one is hotter
    follow = page.testid("topic-follow")
    assert follow.tag == "a"
    assert follow.attrs["href"] == "/login?next=/topics/CatTax"

    newest = read(await onlooker.get("/topics/CATTAX?tab=new"))
    assert newest.testid("tab-new").attrs.get("aria-current") == "page"
    assert card_links(newest) == [f"/notes/{second}", f"/notes/{first}"]


async def test_an_unknown_topic_is_a_page_not_found(onlooker: httpx.AsyncClient) -> None:
    response = await onlooker.get("/topics/nothing-here")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]


async def test_load_more_appends_the_next_cards(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    ids = [await tagged(alice, runtime, f"Bun {number}", "#buns") for number in range(22)]
    page = read(await onlooker.get("/topics/buns?tab=new"))
    assert card_links(page) == [f"/notes/{note_id}" for note_id in reversed(ids[2:])]
    more = page.get("load-more").walk()
    link = next(element for element in more if element.tag == "a")
    assert link.attrs["href"].startswith("/topics/buns?tab=new&cursor=")

    rest = fragment(await onlooker.get(link.attrs["href"], headers=HTMX))
    assert card_links(rest) == [f"/notes/{ids[1]}", f"/notes/{ids[0]}"]
    assert "href" not in str(rest.get("load-more").attrs)  # no further page
    assert not [element for element in rest.get("load-more").walk() if element.tag == "a"]


async def test_following_without_javascript_comes_back_and_with_htmx_swaps(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Hello", "#TikTokRefugee")
    assert read(await bob.get("/topics/TikTokRefugee")).testid("topic-follow").text() == "Follow"

    assert location(await post_form(bob, "/topics/tiktokrefugee/follow", {"action": "follow"})) == (
        "/topics/TikTokRefugee"
    )
    page = read(await bob.get("/topics/TikTokRefugee"))
    assert page.testid("topic-follow").text() == "Following"
    assert page.testid("topic-followers").text() == "1 follower"

    token = bob.cookies["potluck_csrf"]
    swapped = fragment(
        await bob.post(
            "/topics/TikTokRefugee/follow",
            data={"action": "unfollow"},
            headers={**HTMX, "X-CSRF-Token": token},
        )
    )
    assert swapped.testid("topic-follow").text() == "Follow"
    assert swapped.testid("topic-followers").text() == "0 followers"
    assert (await bob.get("/api/v1/me/topics")).json()["items"] == []


async def test_hashtags_on_a_note_link_to_their_topic_pages(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note_id = await tagged(alice, runtime, "#Weekend brunch", "#成都美食# and #TikTokRefugee")
    page = read(await bob.get(f"/notes/{note_id}"))
    links = {element.attrs["href"] for element in page.all(lambda element: element.tag == "a")}
    assert "/topics/%E6%88%90%E9%83%BD%E7%BE%8E%E9%A3%9F" in links  # in the text
    assert "/topics/TikTokRefugee" in links
    assert "/topics/Weekend" in links  # in the title only: shown as a chip
    read(await bob.get("/topics/%E6%88%90%E9%83%BD%E7%BE%8E%E9%A3%9F"))

    await act(bob, "POST", "alice/block")
    topic_page = read(await bob.get("/topics/TikTokRefugee"))
    assert card_links(topic_page) == []  # blocked: alice's notes are gone from the topic too


async def test_the_topics_page_lists_trending_and_followed_topics(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    await tagged(alice, runtime, "Dumplings", "#dumplings #jiaozi")
    await bob.post("/api/v1/topics/jiaozi/follow")
    page = read(await bob.get("/topics"))
    trending = [
        element.attrs["href"]
        for element in page.all(lambda e: e.attrs.get("data-testid") == "trending-topic")
    ]
    assert sorted(trending) == ["/topics/dumplings", "/topics/jiaozi"]
    followed = [
        element.text() for element in page.all(lambda e: e.attrs.get("data-testid") == "followed-topic")
    ]
    assert followed == ["#jiaozi"]
