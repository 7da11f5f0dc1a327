"""The topic journey in a real browser: open a note, tap its hashtag, land on the topic
page, follow it (htmx swaps the button), and find it under the topics you follow."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.notes.test_browser import PASSWORD, assert_clean, logged_in
from tests.support.live import LiveServer
from tests.support.live_api import api_as, post_photo_note

pytestmark = [pytest.mark.browser, pytest.mark.live]


async def post_tagged_note(live_server: LiveServer, username: str) -> str:
    """A note by ``username`` with a topic, posted through the live server's API."""
    async with api_as(live_server, username, PASSWORD) as api:
        return await post_photo_note(
            api, title="Cat tax paid", body="Here is my cat, as promised #TikTokRefugee"
        )


async def test_tap_a_hashtag_land_on_its_topic_and_follow_it(
    browser: Browser, live_server: LiveServer
) -> None:
    for username in ("topic_author", "topic_reader"):
        live_server.run("admin", "create", username, "--password", PASSWORD)
    note_id = await post_tagged_note(live_server, "topic_author")

    context, page, watch, _dialogs = await logged_in(browser, live_server, "topic_reader", phone=True)
    try:
        await page.goto(f"{live_server.base_url}/notes/{note_id}")
        await page.get_by_test_id("note-body").get_by_role("link", name="#TikTokRefugee").click()
        await page.wait_for_url(f"{live_server.base_url}/topics/TikTokRefugee")
        await expect(page.get_by_test_id("topic-name")).to_have_text("#TikTokRefugee")
        await expect(page.locator(f'.note-card__link[href="/notes/{note_id}"]')).to_be_visible()
        await expect(page.get_by_test_id("tab-hot")).to_have_attribute("aria-current", "page")

        follow = page.get_by_test_id("topic-follow")
        await expect(follow).to_have_text("Follow")
        await follow.click()
        await expect(page.get_by_test_id("topic-follow")).to_have_text("Following")
        await expect(page.get_by_test_id("topic-followers")).to_have_text("1 follower")
        assert page.url == f"{live_server.base_url}/topics/TikTokRefugee"  # swapped in place

        await page.get_by_test_id("tab-new").click()
        await expect(page.get_by_test_id("tab-new")).to_have_attribute("aria-current", "page")
        await expect(page.locator(f'.note-card__link[href="/notes/{note_id}"]')).to_be_visible()

        await page.goto(f"{live_server.base_url}/topics")
        await expect(page.get_by_test_id("followed-topic")).to_have_text(["#TikTokRefugee"])
        await assert_clean(page, watch)
    finally:
        await context.close()
