"""Onboarding, the Explore page and the feed settings, as pages (no JavaScript needed)."""

from __future__ import annotations

import re

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web.i18n import gettext_for
from tests.accounts.test_pages import Page, assert_strict_csp, location, post_form, read
from tests.explore.factories import make_author, make_notes


def checked(page: Page, name: str) -> set[str]:
    return {
        element.attrs["value"]
        for element in page.all(
            lambda e: e.tag == "input" and e.attrs.get("name") == name and "checked" in e.attrs
        )
    }


def choices(page: Page, name: str) -> list[str]:
    return [e.attrs["value"] for e in page.all(lambda e: e.tag == "input" and e.attrs.get("name") == name)]


async def test_sign_up_leads_to_interests_then_the_tour_then_home(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    author = await make_author(db, "topic_maker")
    await make_notes(db, author, 2, category="pets", topics=("cattax",))
    response = await post_form(
        client, "/signup", {"username": "newcomer", "password": "a perfectly fine passphrase"}
    )
    assert location(response) == "/welcome"

    welcome = await client.get("/welcome")
    page = read(welcome)
    assert_strict_csp(welcome)
    assert "pets" in choices(page, "categories")
    assert "other" not in choices(page, "categories")
    topic_id = choices(page, "topics")[0]
    assert "#cattax" in welcome.text

    picked = await post_form(client, "/welcome", {"categories": ["pets", "food"], "topics": [topic_id]})
    assert location(picked) == "/welcome/tour"
    tour = read(await client.get("/welcome/tour"))
    assert len(tour.all(lambda e: "tour__card" in e.attrs.get("class", ""))) == 4
    assert location(await post_form(client, "/welcome/done")) == "/"

    interests = (await client.get("/api/v1/me/interests")).json()
    assert interests["categories"] == ["food", "pets"]
    assert [t["name"] for t in interests["topics"]] == ["cattax"]
    assert checked(read(await client.get("/welcome")), "categories") == {"food", "pets"}


async def test_onboarding_can_be_skipped(client: httpx.AsyncClient) -> None:
    await post_form(client, "/signup", {"username": "in_a_hurry", "password": "a perfectly fine passphrase"})
    page = read(await client.get("/welcome"))
    assert any(e.attrs.get("href") == "/welcome/tour" for e in page.all(lambda e: e.tag == "a"))
    assert location(await post_form(client, "/welcome/done")) == "/"
    assert (await client.get("/api/v1/me/interests")).json() == {"categories": [], "topics": []}


async def test_an_unknown_category_is_refused_on_the_page(client: httpx.AsyncClient) -> None:
    await post_form(client, "/signup", {"username": "tinkerer", "password": "a perfectly fine passphrase"})
    response = await post_form(client, "/welcome", {"categories": ["cars"]})
    page = read(response, 422)
    assert "Pick categories from the list." in page.get("categories-error").text()


async def test_the_tour_speaks_the_newcomers_language(client: httpx.AsyncClient) -> None:
    await post_form(
        client,
        "/signup",
        {"username": "xiaoming", "password": "a perfectly fine passphrase", "locale": "zh_Hans"},
    )
    tour = await client.get("/welcome/tour")
    zh = gettext_for("zh_Hans")
    assert zh("Translate anything") != "Translate anything"
    assert zh("Translate anything") in tour.text
    assert zh("Start exploring") in tour.text


async def test_welcome_pages_need_a_login(client: httpx.AsyncClient) -> None:
    for path in ("/welcome", "/welcome/tour", "/settings/feed"):
        response = await client.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login")


async def test_feed_settings_change_the_language_mix(client: httpx.AsyncClient) -> None:
    await post_form(
        client, "/signup", {"username": "globetrotter", "password": "a perfectly fine passphrase"}
    )
    page = read(await client.get("/settings/feed"))
    assert checked(page, "other_languages") == {"some"}
    assert page.all(
        lambda e: e.attrs.get("href") == "/settings/feed" and e.attrs.get("aria-current") == "page"
    )

    assert (
        location(await post_form(client, "/settings/feed", {"other_languages": "many"}))
        == "/settings/feed?saved=1"
    )
    assert checked(read(await client.get("/settings/feed?saved=1")), "other_languages") == {"many"}
    assert (await client.get("/api/v1/me/feed-preferences")).json() == {"other_languages": "many"}
    read(await post_form(client, "/settings/feed", {"other_languages": "all"}), 422)


async def test_the_explore_page_marks_its_feed_for_impressions(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    author = await make_author(db, "page_author")
    ids = await make_notes(db, author, 25, category="food")
    await post_form(client, "/signup", {"username": "reader", "password": "a perfectly fine passphrase"})

    response = await client.get("/explore")
    page = read(response)
    feed = page.all(lambda e: e.attrs.get("data-feed") == "explore")
    assert len(feed) == 1
    assert feed[0].attrs["data-feed-session"]
    assert "js/feed-events.js" in response.text
    links = [
        e.attrs["href"]
        for e in page.all(lambda e: e.tag == "a" and re.fullmatch(r"/notes/[0-9]+", e.attrs.get("href", "")))
    ]
    assert len(links) == 20
    more = page.get("load-more").walk()
    next_url = next(e.attrs["href"] for e in more if e.tag == "a")
    rest = await client.get(next_url, headers={"HX-Request": "true"})
    rest_links = {
        e.attrs["href"]
        for e in read(rest).all(
            lambda e: e.tag == "a" and re.fullmatch(r"/notes/[0-9]+", e.attrs.get("href", ""))
        )
    }
    assert rest_links | set(links) == {f"/notes/{i}" for i in ids}
    assert not rest_links & set(links)
