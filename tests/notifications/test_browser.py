"""The main journey in a real browser: someone likes my note, the badge shows it live, the
page groups it, and opening the page clears the badge."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.conftest import CSRFClient
from tests.notes.factories import jpeg_bytes
from tests.support.browser import csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "steamed bao buns"
LIVE_TIMEOUT = 15_000  # ms: bounds how long a broken stream hangs the test


@pytest.fixture(scope="module")
def people(live_server: LiveServer) -> dict[str, str]:
    names = {"author": "nina_cooks", "fan": "omar_likes", "other_fan": "pia_likes"}
    for username in names.values():
        live_server.run("admin", "create", username, "--password", PASSWORD)
    return names


async def api_client(live_server: LiveServer, username: str) -> httpx.AsyncClient:
    client = CSRFClient(base_url=live_server.base_url, timeout=30)
    await client.get("/login")
    response = await client.post("/api/v1/auth/login", json={"login": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return client


async def publish_note(author: httpx.AsyncClient, title: str) -> str:
    response = await author.post("/api/v1/media", files={"file": ("dish.jpg", jpeg_bytes(), "image/jpeg")})
    assert response.status_code == 201, response.text
    media_id = str(response.json()["id"])
    deadline = time.monotonic() + 30  # the live server's worker processes the upload
    while (await author.get(f"/api/v1/media/{media_id}")).json()["status"] == "processing":
        assert time.monotonic() < deadline, "the upload was never processed"
        await asyncio.sleep(0.1)
    response = await author.post(
        "/api/v1/notes", json={"type": "image", "title": title, "media_ids": [media_id]}
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.fixture
async def fans(live_server: LiveServer, people: dict[str, str]) -> AsyncIterator[list[httpx.AsyncClient]]:
    clients = [await api_client(live_server, people[name]) for name in ("fan", "other_fan")]
    yield clients
    for client in clients:
        await client.aclose()


async def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    await page.goto(f"{live_server.base_url}/login")
    await page.locator("#login-name").fill(username)
    await page.locator("#login-password").fill(PASSWORD)
    await page.locator("form.form button[type=submit]").click()
    await page.wait_for_url(f"{live_server.base_url}/")


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
async def test_a_like_lights_the_badge_and_the_page_groups_and_clears_it(
    browser: Browser,
    live_server: LiveServer,
    people: dict[str, str],
    fans: list[httpx.AsyncClient],
    phone: bool,
) -> None:
    author = await api_client(live_server, people["author"])
    title = "Bao at home" if phone else "Dumplings"
    note_id = await publish_note(author, title)
    await author.post("/api/v1/notifications/read", json={})  # start from zero
    context, page, watch = await open_page(browser, phone=phone)
    try:
        await log_in(page, live_server, people["author"])
        badge = page.locator("[data-notification-badge]:visible")
        await expect(page.locator("[data-notification-badge]").first).to_be_hidden()
        # The stream is open once the page has loaded the counts after "hello".
        await page.wait_for_function(
            "() => document.querySelector('[data-notification-badge]').hasAttribute('data-count')",
            timeout=LIVE_TIMEOUT,
        )

        response = await fans[0].post(f"/api/v1/notes/{note_id}/like")
        assert response.status_code == 200, response.text
        await expect(badge).to_have_text("1", timeout=LIVE_TIMEOUT)
        response = await fans[1].post(f"/api/v1/notes/{note_id}/like")
        assert response.status_code == 200, response.text
        await expect(badge).to_have_text("1", timeout=LIVE_TIMEOUT)  # the same group, still one line

        await badge.click()
        await page.wait_for_url(f"{live_server.base_url}/notifications")
        line = page.get_by_test_id("notification").filter(has_text="liked your note").first
        await expect(line.get_by_test_id("notification-text")).to_have_text(
            f"{people['other_fan']} and 1 other liked your note"
        )
        await expect(line.get_by_role("link", name=title)).to_have_attribute("href", f"/notes/{note_id}")
        # Opening the tab read it: the badge clears without a reload.
        await expect(page.locator("[data-notification-badge]").first).to_be_hidden(timeout=LIVE_TIMEOUT)
        await expect(page.locator("[data-notification-badge]").first).to_have_attribute("data-count", "0")
        assert (await author.get("/api/v1/notifications/unread-count")).json()["total"] == 0

        assert await csp_violations(page) == []
        assert watch.problems == []
    finally:
        await context.close()
        await author.aclose()
