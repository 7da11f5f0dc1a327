"""Home's grid in a real browser: the next page loads by scrolling, a like from a card
sticks, and a note opens over the grid with its own URL and closes with the back button,
Escape or its close button, leaving the grid where it was.

Screenshots land in var/screenshots/ for people to look at.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Locator, Page, expect

from tests.conftest import CSRFClient
from tests.notes.factories import jpeg_bytes
from tests.support.browser import PageWatch, csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "steamed buns and tea"
GRID_NOTES = 24  # more than a page (20)
PROCESSING_TIMEOUT = 30.0  # s: the live server's worker turns uploads into pictures


@asynccontextmanager
async def api_client(live_server: LiveServer, username: str) -> AsyncIterator[httpx.AsyncClient]:
    async with CSRFClient(base_url=live_server.base_url, timeout=30) as client:
        await client.get("/login")
        response = await client.post("/api/v1/auth/login", json={"login": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        yield client


async def ready_photos(client: httpx.AsyncClient, count: int, size: tuple[int, int]) -> list[str]:
    """Upload ``count`` photos and wait until the live server has processed them."""
    ids = []
    for _ in range(count):
        response = await client.post(
            "/api/v1/media", files={"file": ("photo.jpg", jpeg_bytes(*size), "image/jpeg")}
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    deadline = asyncio.get_running_loop().time() + PROCESSING_TIMEOUT
    for media_id in ids:
        while (await client.get(f"/api/v1/media/{media_id}")).json()["status"] != "ready":
            assert asyncio.get_running_loop().time() < deadline, f"media {media_id} not processed"
            await asyncio.sleep(0.2)
    return ids


@pytest.fixture(scope="module")
async def grid(live_server: LiveServer) -> dict[str, str]:
    """Two people post a grid's worth of notes (the newest with two photos); a third, who
    follows both, reads them on the Following tab."""
    names = {"first": "grid_poster_a", "second": "grid_poster_b", "reader": "grid_reader"}
    for username in names.values():
        live_server.run("admin", "create", username, "--password", PASSWORD)
    shapes = [(300, 400), (400, 300), (300, 300), (200, 500)]
    async with (
        api_client(live_server, names["first"]) as first,
        api_client(live_server, names["second"]) as second,
    ):
        for index in range(GRID_NOTES):
            client = first if index % 2 else second
            photos = await ready_photos(client, 2 if index == GRID_NOTES - 1 else 1, shapes[index % 4])
            body = {"type": "image", "title": f"Grid note {index}", "body": "Hello", "media_ids": photos}
            response = await client.post("/api/v1/notes", json=body)
            assert response.status_code == 201, response.text
    # The reader follows both: their Following tab is the grid, newest first (Explore ranks).
    async with api_client(live_server, names["reader"]) as reader:
        for poster in (names["first"], names["second"]):
            assert (await reader.post(f"/api/v1/users/{poster}/follow")).status_code == 200
    return names


async def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    await page.goto(f"{live_server.base_url}/login")
    await page.locator("#login-name").fill(username)
    await page.locator("#login-password").fill(PASSWORD)
    await page.locator("form.form button[type=submit]").click()
    await page.wait_for_url(f"{live_server.base_url}/")


async def assert_clean(page: Page, watch: PageWatch) -> None:
    assert await csp_violations(page) == []
    assert watch.problems == []
    assert await page.evaluate("document.querySelectorAll('style').length") == 0


async def card_boxes(page: Page) -> dict[str, tuple[int, int]]:
    """Where each card is on the page, by note ID."""
    boxes: dict[str, tuple[int, int]] = await page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.note-card')].map(card => {"
        " const box = card.getBoundingClientRect();"
        " return [card.dataset.noteId, [Math.round(box.left), Math.round(box.top + window.scrollY)]]; }))"
    )
    return boxes


def cards(page: Page) -> Locator:
    return page.locator("#card-grid .note-card")


async def browse(browser: Browser, *, phone: bool) -> tuple[BrowserContext, Page, PageWatch]:
    return await open_page(browser, phone=phone, device_scale_factor=2 if phone else 1)


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
async def test_scrolling_down_loads_the_next_page_without_moving_the_first(
    browser: Browser, live_server: LiveServer, grid: dict[str, str], phone: bool
) -> None:
    context, page, watch = await browse(browser, phone=phone)
    try:
        await log_in(page, live_server, grid["reader"])
        await page.goto(f"{live_server.base_url}/?tab=following", wait_until="networkidle")
        await expect(cards(page)).to_have_count(20)
        columns = page.locator("#card-grid > .note-grid__column")
        await expect(columns).to_have_count(2 if phone else 4)
        # Covers: a blurhash painted on each placeholder canvas, the picture over it.
        painted = await page.evaluate(
            "[...document.querySelectorAll('.note-card__blur')].filter(canvas =>"
            " !canvas.hasAttribute('data-blurhash') &&"
            " canvas.getContext('2d').getImageData(0, 0, 1, 1).data[3] === 255).length"
        )
        assert painted == 20
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SCREENSHOTS / f"grid-{'phone' if phone else 'desktop'}.png")

        before = await card_boxes(page)
        await page.mouse.wheel(0, 20_000)  # no click: scrolling is enough
        await expect(cards(page)).not_to_have_count(20)
        assert await cards(page).count() >= GRID_NOTES
        after = await card_boxes(page)
        assert {note: after[note] for note in before} == before, "the cards seen stay where they were"
        assert await page.get_by_test_id("load-more").count() == 0  # the last page
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_like_from_a_card_and_it_stays(
    browser: Browser, live_server: LiveServer, grid: dict[str, str]
) -> None:
    context, page, watch = await browse(browser, phone=True)
    try:
        await page.goto(f"{live_server.base_url}/", wait_until="networkidle")
        # Logged out, the heart leads to log in and back.
        first = cards(page).first
        await first.get_by_test_id("card-like").click()
        await page.wait_for_url(re.compile(r".*/login\?next=.*"))
        await log_in(page, live_server, grid["reader"])
        await page.goto(f"{live_server.base_url}/?tab=following", wait_until="networkidle")

        # Not the newest two notes: the overlay test opens the newest and likes it itself.
        first = cards(page).nth(2)
        note_id = await first.get_attribute("data-note-id")
        like = first.get_by_test_id("card-like")
        count = first.get_by_test_id("card-like-count")
        await expect(like).to_have_attribute("aria-pressed", "false")
        start = int(await count.inner_text())
        await like.click()
        await expect(first.get_by_test_id("card-like")).to_have_attribute("aria-pressed", "true")
        await expect(first.get_by_test_id("card-like-count")).to_have_text(str(start + 1))

        await page.reload(wait_until="networkidle")
        again = page.locator(f'.note-card[data-note-id="{note_id}"]')
        await expect(again.get_by_test_id("card-like")).to_have_attribute("aria-pressed", "true")
        await expect(again.get_by_test_id("card-like-count")).to_have_text(str(start + 1))

        # Two clicks at once (a double click) count once.
        second = cards(page).nth(3)
        second_id = await second.get_attribute("data-note-id")
        second_start = int(await second.get_by_test_id("card-like-count").inner_text())
        await second.get_by_test_id("card-like").evaluate("button => { button.click(); button.click(); }")
        await expect(second.get_by_test_id("card-like")).to_have_attribute("aria-pressed", "true")
        await page.reload(wait_until="networkidle")
        reloaded = page.locator(f'.note-card[data-note-id="{second_id}"]')
        await expect(reloaded.get_by_test_id("card-like-count")).to_have_text(str(second_start + 1))
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_a_note_opens_over_the_grid_and_back_closes_it(
    browser: Browser, live_server: LiveServer, grid: dict[str, str]
) -> None:
    context, page, watch = await browse(browser, phone=False)
    home = f"{live_server.base_url}/?tab=following"
    try:
        await log_in(page, live_server, grid["reader"])
        await page.goto(home, wait_until="networkidle")
        overlay = page.get_by_test_id("note-overlay")
        # The newest note (two photos) is first; open it, with the page scrolled a little.
        await page.evaluate("window.scrollTo(0, 120)")
        first = cards(page).first
        note_id = await first.get_attribute("data-note-id")
        scrolled = await page.evaluate("window.scrollY")
        assert scrolled == 120
        await first.locator("a[data-note-link]").click()
        await expect(page).to_have_url(f"{live_server.base_url}/notes/{note_id}")
        await expect(overlay).to_be_visible()
        await expect(overlay.get_by_test_id("note-title")).to_have_text("Grid note 23")
        assert await page.title() == "Grid note 23 · Potluck"
        # The carousel and the action bar work inside it (htmx processed the content).
        await expect(overlay.get_by_test_id("carousel-counter")).to_have_text("1/2")
        await overlay.locator("[data-carousel-next]").click()
        await expect(overlay.get_by_test_id("carousel-counter")).to_have_text("2/2")
        await overlay.get_by_test_id("like-button").click()
        await expect(overlay.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
        # Focus stays in the dialog, going round its controls: the page behind it is inert.
        for _ in range(30):
            await page.keyboard.press("Tab")
            assert await page.evaluate(
                "document.getElementById('note-overlay').contains(document.activeElement)"
            )
        await page.keyboard.press("Shift+Tab")
        assert await page.evaluate("document.getElementById('note-overlay').contains(document.activeElement)")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SCREENSHOTS / "note-overlay-desktop.png")

        await page.go_back()
        await expect(page).to_have_url(home)
        await expect(overlay).to_be_hidden()
        assert await page.evaluate("window.scrollY") == scrolled
        assert await page.evaluate("document.activeElement.closest('.note-card').dataset.noteId") == note_id
        # The like made in the note shows on its card.
        await expect(first.get_by_test_id("card-like")).to_have_attribute("aria-pressed", "true")
        # Forward opens the note again; back closes it again.
        await page.go_forward()
        await expect(page).to_have_url(f"{live_server.base_url}/notes/{note_id}")
        await expect(overlay.get_by_test_id("note-title")).to_have_text("Grid note 23")
        await page.go_back()
        await expect(overlay).to_be_hidden()
        await expect(page).to_have_url(home)

        # Escape, and the close button, close it too, and leave the note's URL.
        await first.locator("a[data-note-link]").click()
        await expect(overlay.get_by_test_id("note-title")).to_be_visible()
        await page.keyboard.press("Escape")
        await expect(overlay).to_be_hidden()
        await expect(page).to_have_url(home)
        await cards(page).nth(1).locator("a[data-note-link]").click()
        await expect(page).to_have_url(re.compile(r".*/notes/\d+$"))
        await overlay.get_by_test_id("overlay-close").click()
        await expect(overlay).to_be_hidden()
        await expect(page).to_have_url(home)
        assert await page.evaluate("window.scrollY") == scrolled

        # The note's own URL is the full page.
        await page.goto(f"{live_server.base_url}/notes/{note_id}", wait_until="networkidle")
        await expect(page.locator("main [data-note-page]")).to_be_visible()
        assert await page.get_by_test_id("note-overlay").count() == 0
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_a_note_over_the_grid_on_a_phone(
    browser: Browser, live_server: LiveServer, grid: dict[str, str]
) -> None:
    context, page, watch = await browse(browser, phone=True)
    home = f"{live_server.base_url}/"
    try:
        await page.goto(home, wait_until="networkidle")
        await cards(page).first.locator("a[data-note-link]").click()
        overlay = page.get_by_test_id("note-overlay")
        await expect(overlay.get_by_test_id("note-title")).to_be_visible()
        await expect(overlay.get_by_test_id("overlay-close")).to_be_visible()
        await page.screenshot(path=SCREENSHOTS / "note-overlay-phone.png")
        await page.go_back()
        await expect(overlay).to_be_hidden()
        await expect(page).to_have_url(home)
        await assert_clean(page, watch)
    finally:
        await context.close()
