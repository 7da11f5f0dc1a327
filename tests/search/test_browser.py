"""Searching in a real browser: type in the top bar on the home page, the suggestions
appear under the box (arrow keys and Escape work, leaving the box closes them), pick one,
land on the results with the matched words marked, and switch to the Users tab.

Screenshots (phone and desktop, light and dark) land in var/screenshots/search-*.png.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, expect

from tests.notes.test_browser import PASSWORD, assert_clean, logged_in
from tests.support.browser import open_page
from tests.support.live import LiveServer
from tests.topics.test_browser import post_tagged_note

pytestmark = [pytest.mark.browser, pytest.mark.live]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
INDEXING_TIMEOUT = 30.0  # seconds: the live server's embedded worker indexes new notes


async def wait_until_found(live_server: LiveServer, query: str) -> None:
    """The note is searchable once the server's worker has run its indexing job."""
    deadline = time.monotonic() + INDEXING_TIMEOUT
    async with httpx.AsyncClient(base_url=live_server.base_url) as api:
        while time.monotonic() < deadline:
            response = await api.get("/api/v1/search", params={"q": query})
            if response.status_code == 200 and response.json()["notes"]:
                return
            await asyncio.sleep(0.5)
    raise AssertionError(f"no note found for {query!r} after {INDEXING_TIMEOUT} s")


_prepared: dict[str, str] = {}


@pytest.fixture
async def cat_note(live_server: LiveServer) -> str:
    """Two people (cat_person, tiktok_cats) and cat_person's note "Cat tax paid" with
    #TikTokRefugee, indexed: made once for the module's server, whichever test comes first."""
    if live_server.base_url not in _prepared:
        for username in ("cat_person", "tiktok_cats"):
            live_server.run("admin", "create", username, "--password", PASSWORD)
        note_id = await post_tagged_note(live_server, "cat_person")
        await wait_until_found(live_server, "cat")
        _prepared[live_server.base_url] = note_id
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return _prepared[live_server.base_url]


async def test_type_pick_a_suggestion_see_marked_results_and_switch_to_users(
    browser: Browser, live_server: LiveServer, cat_note: str
) -> None:
    note_id = cat_note
    context, page, watch = await open_page(browser, phone=False, http_errors=True)
    try:
        base = live_server.base_url
        await page.goto(base + "/", wait_until="networkidle")
        box = page.locator("#site-search")
        listed = page.locator("#search-suggestions [data-testid=suggestion]")

        # Typing shows the list under the box: the query first, then topics and people.
        await box.click()
        await box.press_sequentially("tik", delay=40)
        await expect(listed.first).to_have_text("Search for “tik”")
        await expect(page.locator('#search-suggestions a[href="/topics/TikTokRefugee"]')).to_be_visible()
        await expect(page.locator('#search-suggestions a[href="/@tiktok_cats"]')).to_be_visible()
        await page.screenshot(path=SCREENSHOTS / "search-suggestions-desktop.png")

        # Escape closes it and leaves the focus in the box; typing opens it again.
        await box.press("Escape")
        await expect(page.locator("#search-suggestions")).to_be_hidden()
        assert await page.evaluate("document.activeElement.id") == "site-search"
        assert await box.input_value() == "tik"
        await box.press_sequentially("to", delay=40)
        await expect(listed.first).to_have_text("Search for “tikto”")

        # Leaving the box closes it.
        await page.locator("main").click(position={"x": 5, "y": 5})
        await expect(page.locator("#search-suggestions")).to_be_hidden()

        # The arrow keys walk the list; Enter on a suggestion follows it.
        await box.fill("")
        await box.press_sequentially("cat", delay=40)
        await expect(listed.first).to_have_text("Search for “cat”")
        await box.press("ArrowDown")
        assert await page.evaluate("document.activeElement.textContent.trim()") == "Search for “cat”"
        await page.keyboard.press("Enter")
        await page.wait_for_url(base + "/search?q=cat")

        # The results: the grid with the matched word marked, the query kept in the box.
        await expect(page).to_have_title("Search: cat · Potluck")
        card = page.locator(f'.note-card[data-note-id="{note_id}"]')
        await expect(card).to_be_visible()
        await expect(card.locator(".note-card__title mark")).to_have_text("Cat")
        await expect(page.locator("#site-search")).to_have_value("cat")
        await expect(page.get_by_test_id("search-tab-notes")).to_have_attribute("aria-current", "page")
        await expect(page.locator("#search-suggestions")).to_be_hidden()
        await page.screenshot(path=SCREENSHOTS / "search-results-desktop.png")

        # The Users tab swaps in place and its address is pushed.
        await page.get_by_test_id("search-tab-users").click()
        await page.wait_for_url(base + "/search?q=cat&type=users")
        await expect(page.get_by_test_id("search-tab-users")).to_have_attribute("aria-current", "page")
        person = page.get_by_test_id("search-person").filter(has_text="@cat_person")
        await expect(person).to_be_visible()
        await expect(person.get_by_test_id("follow-button")).to_have_attribute(
            "href", "/login?next=/search%3Fq%3Dcat%26type%3Dusers"
        )
        await page.screenshot(path=SCREENSHOTS / "search-users-desktop.png")

        # Sorting and filtering swap the results too, keeping the query.
        await page.get_by_test_id("search-tab-notes").click()
        await expect(page.get_by_test_id("search-tab-notes")).to_have_attribute("aria-current", "page")
        await page.get_by_test_id("filters-toggle").click()
        await page.locator("#filter-within").select_option("week")
        await page.wait_for_url(base + "/search?q=cat&category=&note_type=&within=week")
        await expect(card).to_be_visible()
        await page.get_by_test_id("sort-newest").click()
        await page.wait_for_url(base + "/search?q=cat&within=week&sort=newest")
        await expect(page.get_by_test_id("sort-newest")).to_have_attribute("aria-current", "true")
        await assert_clean(page, watch)
    finally:
        await context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.usefixtures("cat_note")
async def test_the_search_pages_on_a_phone(browser: Browser, live_server: LiveServer, scheme: str) -> None:
    context, page, watch = await open_page(browser, phone=True, http_errors=True, color_scheme=scheme)
    try:
        base = live_server.base_url
        await page.goto(base + "/search", wait_until="networkidle")
        await expect(page.get_by_test_id("search-landing")).to_be_visible()
        box = page.locator("#site-search")
        await box.click()
        await box.press_sequentially("cat", delay=40)
        await expect(page.locator("#search-suggestions [data-testid=suggestion]").first).to_be_visible()
        # The list fits the screen.
        width = await page.evaluate("document.documentElement.clientWidth")
        frame = await page.locator("#search-suggestions").bounding_box()
        assert frame is not None
        assert frame["x"] >= 0
        assert frame["x"] + frame["width"] <= width
        await page.screenshot(path=SCREENSHOTS / f"search-suggestions-phone-{scheme}.png")
        await box.press("Enter")
        await page.wait_for_url(base + "/search?q=cat")
        await expect(page.locator(".note-card__title mark").first).to_be_visible()
        await page.screenshot(path=SCREENSHOTS / f"search-results-phone-{scheme}.png")
        await page.get_by_test_id("filters-toggle").click()
        await expect(page.locator("#filter-category")).to_be_visible()
        await page.screenshot(path=SCREENSHOTS / f"search-filters-phone-{scheme}.png")
        await page.goto(base + "/search?q=xqzvwk", wait_until="networkidle")
        await expect(page.get_by_test_id("search-empty")).to_be_visible()
        await page.screenshot(path=SCREENSHOTS / f"search-empty-phone-{scheme}.png")
        await assert_clean(page, watch)
    finally:
        await context.close()


@pytest.mark.usefixtures("cat_note")
async def test_recent_searches_are_forgotten_in_place(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch, _dialogs = await logged_in(browser, live_server, "tiktok_cats", phone=True)
    try:
        base = live_server.base_url
        for query in ("cat", "tiktok", "火锅"):
            await page.goto(f"{base}/search?q={query}")
        await page.goto(base + "/search", wait_until="networkidle")
        history = page.get_by_test_id("history-search")
        await expect(history).to_have_text(["火锅", "tiktok", "cat"])
        await page.screenshot(path=SCREENSHOTS / "search-landing-phone.png")

        await page.get_by_test_id("history-forget").nth(1).click()  # the × of "tiktok"
        await expect(history).to_have_text(["火锅", "cat"])
        assert page.url == base + "/search"  # swapped in place
        await page.get_by_test_id("history-clear").click()
        await expect(page.get_by_test_id("history-empty")).to_be_visible()
        await page.reload()
        await expect(page.get_by_test_id("history-empty")).to_be_visible()
        await assert_clean(page, watch)
    finally:
        await context.close()
