"""Accounts in a real browser: sign up, log in, edit the profile and picture, tokens, log out.

In English and in Chinese, on a phone, and with nothing refused by the Content-Security-Policy.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, expect

from potluck.web.i18n import gettext_for
from tests.support.browser import PageWatch, csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "spring onion pancakes"
_names = itertools.count(1)


async def open_context(
    browser: Browser, *, locale: str = "en-US", phone: bool = True
) -> tuple[BrowserContext, Page, PageWatch]:
    return await open_page(browser, phone=phone, locale=locale)


async def assert_clean(page: Page, watch: PageWatch) -> None:
    """This page ran under the CSP untouched, and nothing has gone wrong so far."""
    violations = await csp_violations(page)
    assert violations == [], f"CSP violations on {page.url}: {violations}"
    assert watch.problems == []
    assert await page.evaluate("typeof window.htmx") == "object"
    assert await page.evaluate("document.querySelectorAll('style, [style]').length") == 0


def new_name(stem: str) -> str:
    return f"{stem}_{next(_names)}"


async def sign_up(page: Page, base_url: str, username: str) -> None:
    await page.goto(f"{base_url}/signup")
    await page.locator("#signup-username").fill(username)
    await page.locator("#signup-password").fill(PASSWORD)
    await page.locator("form.form button[type=submit]").click()
    await page.wait_for_url("**/welcome")  # onboarding (tests/explore); these tests go on from the profile
    await page.goto(f"{base_url}/settings/profile?welcome=1")


def small_png(directory: Path) -> Path:
    path = directory / "me.png"
    Image.new("RGB", (120, 90), (240, 120, 40)).save(path, "PNG")
    return path


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


async def test_sign_up_edit_profile_upload_a_picture_and_log_out(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    username = new_name("new_cook")
    context, page, watch = await open_context(browser)
    try:
        await page.goto(f"{live_server.base_url}/signup")
        await assert_clean(page, watch)
        await page.get_by_label("Username").fill(username)
        await page.get_by_label("Display name").fill("New Cook")
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign up").click()

        # Logged in, onboarding first (tests/explore); the profile settings welcome too.
        await page.wait_for_url("**/welcome")
        await page.goto(f"{live_server.base_url}/settings/profile?welcome=1")
        await expect(page.get_by_role("status")).to_contain_text("Welcome to Potluck")
        await expect(page.get_by_label("Display name")).to_have_value("New Cook")
        await assert_clean(page, watch)

        await page.get_by_label("Display name").fill("Mapo Tofu Fan")
        await page.get_by_label("Bio").fill("I cook Sichuan food at home.\nAsk me about peppercorns!")
        await page.get_by_label("Location").fill("Chengdu")
        await page.get_by_role("checkbox", name="Japanese").check()
        await page.get_by_role("button", name="Save profile").click()
        await page.wait_for_url("**/settings/profile?saved=1")
        await expect(page.get_by_role("status")).to_have_text("Saved.")
        await expect(page.get_by_label("Location")).to_have_value("Chengdu")
        await expect(page.get_by_role("checkbox", name="Japanese")).to_be_checked()
        await assert_clean(page, watch)

        # The picture goes up through htmx (multipart, CSRF header) and the page reloads.
        await expect(page.locator("#avatar-image")).to_have_count(0)
        await page.get_by_label("Choose a picture").set_input_files(small_png(tmp_path))
        await page.get_by_role("button", name="Upload picture").click()
        avatar = page.locator("#avatar-image")
        await expect(avatar).to_be_visible()
        src = await avatar.get_attribute("src")
        assert src
        assert src.startswith("/media/avatars/")
        await page.wait_for_function(
            "() => { const image = document.querySelector('#avatar-image'); "
            "return image && image.complete && image.naturalWidth === 400; }"
        )
        await assert_clean(page, watch)

        await page.get_by_role("link", name="See my profile").click()
        await page.wait_for_url(f"**/@{username}")
        await expect(page.get_by_role("heading", name="Mapo Tofu Fan")).to_be_visible()
        await expect(page.get_by_test_id("bio")).to_contain_text("Ask me about peppercorns!")
        await expect(page.get_by_test_id("location")).to_have_text("Chengdu")
        await expect(page.get_by_test_id("languages")).to_have_text("Japanese")
        picture = page.locator(f".profile-header img[src='{src}']")
        await expect(picture).to_be_visible()
        await page.wait_for_function(
            "src => { const image = document.querySelector(`.profile-header img[src='${src}']`); "
            "return image && image.complete && image.naturalWidth === 400; }",
            arg=src,
        )
        await assert_clean(page, watch)

        await page.get_by_role("button", name="Log out").click()
        await page.wait_for_url(f"{live_server.base_url}/")
        await expect(page.locator(".tabbar [data-nav=me]")).to_have_attribute("href", "/login")
        await page.goto(f"{live_server.base_url}/settings/profile")
        await page.wait_for_url("**/login?next=/settings/profile")
        assert watch.problems == []
    finally:
        await context.close()


async def test_a_taken_name_is_explained_under_the_field_in_chinese(
    browser: Browser, live_server: LiveServer
) -> None:
    taken = new_name("Dumpling")
    context, page, _ = await open_context(browser)
    try:
        await sign_up(page, live_server.base_url, taken)
    finally:
        await context.close()

    context, page, _ = await open_context(browser, locale="zh-CN")
    try:
        await page.goto(f"{live_server.base_url}/signup")
        await expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
        await page.locator("#signup-username").fill(taken.lower())
        await page.locator("#signup-display-name").fill("饺子")
        await page.locator("#signup-password").fill(PASSWORD)
        await page.locator("form.form button[type=submit]").click()

        username = page.locator("#signup-username")
        error = page.locator("#username-error")
        await expect(error).to_be_visible()
        # Exactly what the Chinese catalog says.
        await expect(error).to_have_text(gettext_for("zh_Hans")("This name is taken."))
        await expect(error).to_have_text(re.compile(r"[\u4e00-\u9fff]"))  # in Chinese
        await expect(username).to_have_attribute("aria-invalid", "true")
        await expect(username).to_have_attribute("aria-describedby", "username-error")
        # Under the username field, above the next one.
        field_box = await username.bounding_box()
        error_box = await error.bounding_box()
        next_box = await page.locator("#signup-display-name").bounding_box()
        assert field_box
        assert error_box
        assert next_box
        assert field_box["y"] + field_box["height"] <= error_box["y"] < next_box["y"]
        # What was typed stays; the password does not; only the username is marked.
        await expect(username).to_have_value(taken.lower())
        await expect(page.locator("#signup-display-name")).to_have_value("饺子")
        await expect(page.locator("#signup-password")).to_have_value("")
        await expect(page.locator("[aria-invalid=true]")).to_have_count(1)
        assert await csp_violations(page) == []
    finally:
        await context.close()


async def test_a_new_token_is_shown_once(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch = await open_context(browser)
    try:
        await sign_up(page, live_server.base_url, new_name("scripter"))
        await page.goto(f"{live_server.base_url}/settings/security")
        await assert_clean(page, watch)
        await expect(page.get_by_test_id("sessions")).to_contain_text("This device")
        await expect(page.get_by_test_id("activity")).to_contain_text("Account created")

        await page.get_by_label("Token name").fill("photo uploader")
        await page.get_by_role("button", name="Create token").click()
        shown = page.get_by_test_id("new-token")
        await expect(shown).to_be_visible()
        token = (await shown.inner_text()).strip()
        assert len(token) > 20
        await expect(page.get_by_test_id("tokens")).to_contain_text("photo uploader")
        await assert_clean(page, watch)

        # Coming back to the page: the token itself is gone for good, only its start remains.
        await page.goto(f"{live_server.base_url}/settings/security")
        await expect(page.get_by_test_id("tokens")).to_contain_text("photo uploader")
        await expect(page.get_by_test_id("new-token")).to_have_count(0)
        assert token not in await page.content()
        prefix = (await page.get_by_test_id("tokens").locator("code").inner_text()).rstrip("…")
        assert token.startswith(prefix)
        assert len(prefix) < len(token)
        await expect(page.get_by_test_id("activity")).to_contain_text("API token created")

        await page.get_by_test_id("tokens").get_by_role("button", name="Delete").click()
        await page.wait_for_url("**/settings/security?notice=token_deleted")
        await expect(page.get_by_test_id("tokens")).to_have_count(0)
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_account_pages_run_under_the_csp(browser: Browser, live_server: LiveServer) -> None:
    username = new_name("strict")
    context, page, watch = await open_context(browser, phone=False)
    try:
        await page.goto(f"{live_server.base_url}/signup", wait_until="networkidle")
        await assert_clean(page, watch)
        await sign_up(page, live_server.base_url, username)
        for path in ("/settings/profile", "/settings/security", f"/@{username}", "/login"):
            await page.goto(f"{live_server.base_url}{path}", wait_until="networkidle")
            await assert_clean(page, watch)
    finally:
        await context.close()


async def test_a_file_that_is_not_a_picture_is_explained_next_to_the_field(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    context, page, watch = await open_context(browser)
    try:
        await sign_up(page, live_server.base_url, new_name("not_a_photo"))
        not_a_picture = tmp_path / "holiday.png"
        not_a_picture.write_bytes(b"this is not a picture at all")
        await page.get_by_label("Choose a picture").set_input_files(not_a_picture)
        await page.get_by_role("button", name="Upload picture").click()
        error = page.locator("#file-error")
        await expect(error).to_be_visible()
        await expect(error).to_contain_text("not a picture we can read")
        await expect(page.locator("#avatar-file")).to_have_attribute("aria-invalid", "true")
        await expect(page.locator("#avatar-image")).to_have_count(0)
        assert await csp_violations(page) == []
        # Chromium logs the 422 itself; nothing else went wrong.
        assert all("status of 422" in problem for problem in watch.problems), watch.problems
    finally:
        await context.close()
