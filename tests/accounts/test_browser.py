"""Logging in and out in a real browser, in English and in Chinese."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture(scope="module")
def member(live_server: LiveServer) -> tuple[str, str]:
    live_server.run("admin", "create", "browser_mei", "--password", "dumplings-4-all")
    return "browser_mei", "dumplings-4-all"


async def test_log_in_see_my_page_and_log_out(
    browser: Browser, live_server: LiveServer, member: tuple[str, str]
) -> None:
    username, password = member
    context = await browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = await context.new_page()
    try:
        await page.goto(f"{live_server.base_url}/login?next=/@{username}")
        await page.get_by_label("Name or email").fill(username.upper())
        await page.get_by_label("Password").fill(password)
        await page.get_by_role("button", name="Log in").click()
        await page.wait_for_url(f"**/@{username}")
        await expect(page.get_by_role("heading", name=username)).to_be_visible()
        # The "Me" tab now leads to my own page.
        await expect(page.locator(".tabbar [data-nav=me]")).to_have_attribute("href", f"/@{username}")

        await page.get_by_role("button", name="Log out").click()
        await page.wait_for_url(f"{live_server.base_url}/")
        await expect(page.locator(".tabbar [data-nav=me]")).to_have_attribute("href", "/login")
    finally:
        await context.close()


async def test_wrong_password_is_explained_in_the_visitors_language(
    browser: Browser, live_server: LiveServer, member: tuple[str, str]
) -> None:
    username, _ = member
    context = await browser.new_context(locale="zh-CN")
    page = await context.new_page()
    try:
        await page.goto(f"{live_server.base_url}/login")
        await page.locator("#login-name").fill(username)
        await page.locator("#login-password").fill("not my password")
        await page.locator("form.form button[type=submit]").click()
        alert = page.get_by_role("alert")
        await expect(alert).to_be_visible()
        assert "密码" in (await alert.inner_text())
        # What was typed stays; the password does not.
        await expect(page.locator("#login-name")).to_have_value(username)
        await expect(page.locator("#login-password")).to_have_value("")
    finally:
        await context.close()
