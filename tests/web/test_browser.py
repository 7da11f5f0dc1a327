"""The shell in a real browser: phone and desktop layouts, and nothing the CSP blocks.

Screenshots land in var/screenshots/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page

from tests.support.browser import PageWatch, csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


async def open_shell(
    browser: Browser, *, phone: bool, locale: str = "en-US"
) -> tuple[BrowserContext, Page, PageWatch]:
    """A page of the shell: any 4xx/5xx response (a missing asset) counts as a problem."""
    return await open_page(
        browser, phone=phone, locale=locale, http_errors=True, device_scale_factor=2 if phone else 1
    )


async def assert_clean(page: Page, watch: PageWatch) -> None:
    violations = await csp_violations(page)
    assert violations == [], f"CSP violations: {violations}"
    assert watch.problems == []
    # htmx loaded from our vendor copy and obeyed the meta config (no injected <style>).
    assert await page.evaluate("typeof window.htmx") == "object"
    assert await page.evaluate("window.htmx.config.includeIndicatorStyles") is False
    assert await page.evaluate("document.querySelectorAll('style').length") == 0


async def test_home_on_a_phone(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch = await open_shell(browser, phone=True)
    try:
        await page.goto(live_server.base_url + "/", wait_until="networkidle")
        assert await page.locator("nav.tabbar").is_visible()
        assert not await page.locator("nav.sidebar").is_visible()
        assert await page.locator("nav.tabbar [aria-current=page]").inner_text() == "Home"
        assert await page.locator(".tabbar__post-button").is_visible()
        assert await page.locator("#site-search").is_visible()
        assert await page.locator(".note-card").count() >= 10
        # Two masonry columns on a phone.
        lefts = {
            round(box["x"])
            for box in await page.locator(".note-card").evaluate_all(
                "cards => cards.map(card => card.getBoundingClientRect().toJSON())"
            )
        }
        assert len(lefts) == 2
        await assert_clean(page, watch)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SCREENSHOTS / "home-phone.png")
        await page.screenshot(path=SCREENSHOTS / "home-phone-full.png", full_page=True)

        # The bottom bar really navigates, and marks where we are.
        await page.locator("nav.tabbar a[href='/shop']").click()
        await page.wait_for_url("**/shop")
        assert await page.locator("nav.tabbar [aria-current=page]").inner_text() == "Shop"
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_home_on_a_desktop(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch = await open_shell(browser, phone=False)
    try:
        await page.goto(live_server.base_url + "/", wait_until="networkidle")
        assert await page.locator("nav.sidebar").is_visible()
        assert not await page.locator("nav.tabbar").is_visible()
        assert await page.locator("nav.sidebar .logo").is_visible()
        assert await page.locator("nav.sidebar [aria-current=page]").inner_text() == "Home"
        assert await page.locator("#site-search").is_visible()
        await assert_clean(page, watch)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SCREENSHOTS / "home-desktop.png")

        # "/" jumps to the search box (js/app.js).
        await page.keyboard.press("/")
        assert await page.evaluate("document.activeElement.id") == "site-search"
    finally:
        await context.close()


async def test_home_in_chinese_on_a_phone(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch = await open_shell(browser, phone=True, locale="zh-CN")
    try:
        await page.goto(live_server.base_url + "/", wait_until="networkidle")
        assert await page.locator("html").get_attribute("lang") == "zh-Hans"
        assert await page.locator("nav.tabbar [aria-current=page]").inner_text() == "首页"
        await assert_clean(page, watch)
        await page.screenshot(path=SCREENSHOTS / "home-phone-zh.png")
    finally:
        await context.close()
