"""Nearby in a real browser that shares its position: "Use my location" on the compose
form fills (and clears) the rounded position, and the Nearby page shows the notes around."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.notes.test_browser import PASSWORD
from tests.support.browser import csp_violations, open_page
from tests.support.live import LiveServer
from tests.support.live_api import api_as, post_photo_note

pytestmark = [pytest.mark.browser, pytest.mark.live]

# What the browser says (a phone's precision); only 0.01 degree of it may be used.
CHENGDU = {"latitude": 30.658612, "longitude": 104.064834}


async def post_placed_note(live_server: LiveServer, username: str, title: str, latitude: float) -> str:
    async with api_as(live_server, username, PASSWORD) as api:
        return await post_photo_note(api, title=title, latitude=latitude, longitude=104.06)


async def test_use_my_location_then_take_it_off_again(browser: Browser, live_server: LiveServer) -> None:
    live_server.run("admin", "create", "placed_author", "--password", PASSWORD)
    context, page, watch = await open_page(
        browser, phone=True, geolocation=CHENGDU, permissions=["geolocation"]
    )
    try:
        await page.goto(f"{live_server.base_url}/login")
        await page.locator("#login-name").fill("placed_author")
        await page.locator("#login-password").fill(PASSWORD)
        await page.locator("form.form button[type=submit]").click()
        await page.wait_for_url(f"{live_server.base_url}/")

        await page.goto(f"{live_server.base_url}/notes/new")
        keep = page.get_by_test_id("position-keep")
        await expect(keep).to_be_hidden()
        await page.get_by_test_id("position-use").click()
        await expect(keep).to_be_checked()
        assert await page.locator("[data-position-lat]").input_value() == "30.66"
        assert await page.locator("[data-position-lon]").input_value() == "104.06"
        await expect(page.get_by_test_id("position-use")).to_be_hidden()

        await keep.uncheck()
        assert await page.locator("[data-position-lat]").input_value() == ""
        await expect(page.get_by_test_id("position-use")).to_be_visible()
        assert await csp_violations(page) == []
        assert watch.problems == []
    finally:
        await context.close()


async def test_the_nearby_page_shows_notes_around_with_distances(
    browser: Browser, live_server: LiveServer
) -> None:
    live_server.run("admin", "create", "nearby_author", "--password", PASSWORD)
    close = await post_placed_note(live_server, "nearby_author", "Round the corner", 30.66)
    further = await post_placed_note(live_server, "nearby_author", "Across town", 30.71)

    context, page, watch = await open_page(
        browser, phone=True, geolocation=CHENGDU, permissions=["geolocation"]
    )
    try:
        await page.goto(f"{live_server.base_url}/nearby")
        await page.get_by_test_id("nearby-locate").click()
        cards = page.locator("#nearby-cards .note-card__link")
        await expect(cards).to_have_count(2)
        assert [await card.get_attribute("href") for card in await cards.all()] == [
            f"/notes/{close}",
            f"/notes/{further}",
        ]
        await expect(page.get_by_test_id("card-distance")).to_have_text(["< 1 km", "6 km"])
        assert await csp_violations(page) == []
        assert watch.problems == []
    finally:
        await context.close()
