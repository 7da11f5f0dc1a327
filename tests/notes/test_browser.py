"""Notes in a real browser: compose with photos, read the note, like, comment, and never
run what someone typed.

Uploads go through the page's own JavaScript to the API and are processed by the live
server's embedded worker, as they would be on a laptop install.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Dialog, Locator, Page, expect

from tests.support.browser import PageWatch, csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "hand-pulled noodles"
PROCESSING_TIMEOUT = 30_000  # ms: the embedded worker turns uploads into pictures
_names = itertools.count(1)


def new_name(stem: str) -> str:
    return f"{stem}_{next(_names)}"


def photo(
    directory: Path, name: str, colour: tuple[int, int, int], size: tuple[int, int] = (300, 400)
) -> Path:
    path = directory / f"{name}.jpg"
    image = Image.new("RGB", size, colour)
    image.putpixel((0, 0), (next(_names) % 256, 0, 0))  # every file differs
    image.save(path, "JPEG", quality=90)
    return path


@pytest.fixture(scope="module")
def accounts(live_server: LiveServer) -> dict[str, str]:
    """Two members: one who posts, one who reads."""
    names = {"author": "lin_posts", "reader": "sam_reads"}
    for username in names.values():
        live_server.run("admin", "create", username, "--password", PASSWORD)
    return names


async def logged_in(
    browser: Browser, live_server: LiveServer, username: str, *, phone: bool = False
) -> tuple[BrowserContext, Page, PageWatch, list[str]]:
    """A browser logged in as ``username``, recording any dialog a page opens."""
    context, page, watch = await open_page(browser, phone=phone)
    dialogs: list[str] = []

    async def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        await dialog.dismiss()

    page.on("dialog", dismiss)
    await page.goto(f"{live_server.base_url}/login")
    await page.locator("#login-name").fill(username)
    await page.locator("#login-password").fill(PASSWORD)
    await page.locator("form.form button[type=submit]").click()
    await page.wait_for_url(f"{live_server.base_url}/")
    return context, page, watch, dialogs


async def assert_clean(page: Page, watch: PageWatch, *, allowed: str = "") -> None:
    """Nothing refused by the CSP, no script errors (except the logged ``allowed`` status)."""
    assert await csp_violations(page) == [], page.url
    problems = [problem for problem in watch.problems if not (allowed and f"status of {allowed}" in problem)]
    assert problems == [], problems
    assert await page.evaluate("typeof window.htmx") == "object"
    assert await page.evaluate("document.querySelectorAll('style').length") == 0


def tiles(page: Page) -> Locator:
    return page.locator("#media-tiles .media-tile")


async def tile_ids(page: Page) -> list[str]:
    ids: list[str] = await page.eval_on_selector_all(
        "#media-tiles .media-tile", "tiles => tiles.map(tile => tile.dataset.mediaId || '')"
    )
    return ids


async def tiles_in_order(page: Page, expected: list[str]) -> None:
    await page.wait_for_function(
        "expected => JSON.stringify([...document.querySelectorAll('#media-tiles .media-tile')]"
        ".map(tile => tile.dataset.mediaId)) === JSON.stringify(expected)",
        arg=expected,
        timeout=5000,
    )


async def wait_until_ready(page: Page, count: int) -> None:
    await expect(page.locator("#media-tiles .media-tile.is-ready")).to_have_count(
        count, timeout=PROCESSING_TIMEOUT
    )


async def shows_photo(page: Page, position: int) -> None:
    """The carousel's track comes to rest on photo ``position`` (from 0): what is seen."""
    await page.wait_for_function(
        "position => { const track = document.querySelector('[data-carousel-track]');"
        " const at = track.scrollLeft / track.clientWidth;"
        " return Math.abs(at - position) < 0.02; }",
        arg=position,
        timeout=5000,
    )


async def test_compose_reorder_publish_then_browse_like_and_comment(
    browser: Browser, live_server: LiveServer, accounts: dict[str, str], tmp_path: Path
) -> None:
    base = live_server.base_url
    context, page, watch, dialogs = await logged_in(browser, live_server, accounts["author"])
    try:
        await page.goto(f"{base}/notes/new")
        await expect(page.locator("[data-nav=compose]").first).to_have_attribute("aria-current", "page")
        files = [
            photo(tmp_path, "red", (220, 40, 40)),
            photo(tmp_path, "green", (40, 170, 80)),
            photo(tmp_path, "blue", (40, 80, 210), (400, 300)),
        ]
        await page.locator("#media-file").set_input_files(files)
        # Three previews at once, from the files themselves, while they upload.
        await expect(tiles(page)).to_have_count(3)
        sources = await page.eval_on_selector_all(".media-tile__image", "images => images.map(i => i.src)")
        assert all(src.startswith(("blob:", "http")) for src in sources), sources
        await expect(page.locator("[data-media-count]")).to_have_text("3/18")
        await wait_until_ready(page, 3)
        red, green, blue = await tile_ids(page)
        assert all(re.fullmatch(r"\d+", media_id) for media_id in (red, green, blue))

        # Reorder with the keyboard-friendly buttons: red moves after green.
        await tiles(page).nth(0).get_by_role("button", name="Move later").click()
        assert await tile_ids(page) == [green, red, blue]
        await expect(tiles(page).nth(1).get_by_role("button", name="Move later")).to_be_focused()
        # ... and by dragging: blue goes first.
        await (
            tiles(page)
            .nth(2)
            .locator(".media-tile__frame")
            .drag_to(tiles(page).nth(0).locator(".media-tile__frame"))
        )
        await tiles_in_order(page, [blue, green, red])
        # Remove green.
        await tiles(page).nth(1).get_by_role("button", name="Remove").click()
        await expect(tiles(page)).to_have_count(2)
        assert await tile_ids(page) == [blue, red]

        await page.get_by_label("Title").fill("Red and blue")
        await expect(page.locator("#title-count")).to_have_text("12/20")
        await page.get_by_label("Text").fill("Two colours I love #colours")
        await page.get_by_label("Category").select_option("home")
        await assert_clean(page, watch)
        await page.get_by_role("button", name="Publish").click()
        await page.wait_for_url(re.compile(r".*/notes/\d+$"))

        # The carousel shows the photos in the chosen order, sized before they load.
        slides = page.get_by_test_id("carousel-slide")
        await expect(slides).to_have_count(2)
        assert [await slide.get_attribute("data-media-id") for slide in await slides.all()] == [blue, red]
        await page.wait_for_function(
            "() => [...document.querySelectorAll('.carousel__image')]"
            ".every(image => image.complete && image.naturalWidth > 0)"
        )
        counter = page.get_by_test_id("carousel-counter")
        await expect(counter).to_have_text("1/2")
        await shows_photo(page, 0)
        # Arrow keys turn the photos ...
        await page.locator("body").press("ArrowRight")
        await expect(counter).to_have_text("2/2")
        await shows_photo(page, 1)
        await page.keyboard.press("ArrowLeft")
        await expect(counter).to_have_text("1/2")
        await shows_photo(page, 0)
        # ... and so does a swipe (a sideways scroll that snaps to the next photo).
        await page.locator("[data-carousel-track]").hover()
        await page.mouse.wheel(450, 0)
        await expect(counter).to_have_text("2/2")
        await shows_photo(page, 1)
        await page.get_by_role("button", name="Previous photo").click()
        await expect(counter).to_have_text("1/2")

        await expect(page.get_by_test_id("note-title")).to_have_text("Red and blue")
        await expect(page.get_by_test_id("note-body").get_by_role("link", name="#colours")).to_have_attribute(
            "href", "/topics/colours"
        )
        await assert_clean(page, watch)
    finally:
        await context.close()

    # Someone else likes it, comments, and gets a reply.
    note_url = page.url
    context, page, watch, dialogs = await logged_in(browser, live_server, accounts["reader"], phone=True)
    try:
        await page.goto(note_url)
        like = page.get_by_test_id("like-button")
        await expect(like).to_have_attribute("aria-pressed", "false")
        await like.click()
        await expect(page.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "true")
        await expect(page.get_by_test_id("like-count")).to_have_text("1")
        await page.get_by_test_id("like-button").click()
        await expect(page.get_by_test_id("like-button")).to_have_attribute("aria-pressed", "false")
        await expect(page.get_by_test_id("like-count")).to_have_text("0")
        await page.get_by_test_id("like-button").click()
        await expect(page.get_by_test_id("like-count")).to_have_text("1")

        # Swiping works on a phone too.
        await page.locator("[data-carousel-track]").evaluate("t => t.scrollBy({left: t.clientWidth * 0.7})")
        await expect(page.get_by_test_id("carousel-counter")).to_have_text("2/2")

        box = page.get_by_label("Your comment")
        await box.fill("Love the blue one 💙")
        await box.press("Enter")
        comment = page.locator("#comment-list > .comment").first
        await expect(comment.get_by_test_id("comment-body")).to_have_text("Love the blue one 💙")
        await expect(box).to_have_value("")
        await expect(page.locator("[data-comment-count]").first).to_have_text("1")

        await comment.get_by_role("link", name="Reply").click()
        await expect(page.locator("[data-replying]")).to_be_visible()
        await box.fill("Me too!")
        await page.get_by_role("button", name="Send").click()
        reply = comment.locator(".comment__replies > .comment")
        await expect(reply.get_by_test_id("comment-body")).to_have_text(re.compile(r"Reply to .+: Me too!"))
        await expect(page.locator("[data-replying]")).to_be_hidden()
        await expect(page.locator("[data-comment-count]").first).to_have_text("2")

        # Both survive a reload (they were saved, not only drawn).
        await page.reload()
        await expect(page.locator("#comment-list > .comment")).to_have_count(1)
        await expect(page.locator(".comment__replies > .comment")).to_have_count(1)
        await assert_clean(page, watch)
        assert dialogs == []
    finally:
        await context.close()


async def test_a_file_that_is_not_a_photo_is_refused_on_its_own_tile(
    browser: Browser, live_server: LiveServer, accounts: dict[str, str], tmp_path: Path
) -> None:
    context, page, watch, _ = await logged_in(browser, live_server, accounts["author"], phone=True)
    try:
        await page.goto(f"{live_server.base_url}/notes/new")
        fake = tmp_path / "holiday.jpg"
        fake.write_text("these are words, not a photo")
        await page.locator("#media-file").set_input_files(
            [photo(tmp_path, "first", (250, 200, 60)), fake, photo(tmp_path, "third", (90, 60, 160))]
        )
        await expect(tiles(page)).to_have_count(3)
        refused = tiles(page).nth(1)
        await expect(refused).to_have_class(re.compile(r"\bis-failed\b"))
        await expect(refused.get_by_role("alert")).to_contain_text(
            "This file is not a photo or video we can use"
        )
        await wait_until_ready(page, 2)
        # The refused file is not sent with the note; the others are.
        sent = await page.eval_on_selector_all(
            '#compose-form input[name="media_ids"]', "inputs => inputs.map(i => i.value)"
        )
        assert len(sent) == 2
        await refused.get_by_role("button", name="Remove").click()
        await expect(tiles(page)).to_have_count(2)
        await page.get_by_label("Title").fill("Still posting")
        await page.get_by_role("button", name="Publish").click()
        await page.wait_for_url(re.compile(r".*/notes/\d+$"))
        await expect(page.get_by_test_id("carousel-slide")).to_have_count(2)
        # Chromium logs the 415 itself; nothing else went wrong.
        await assert_clean(page, watch, allowed="415")
    finally:
        await context.close()


async def test_hostile_text_shows_as_text_and_never_runs(
    browser: Browser, live_server: LiveServer, accounts: dict[str, str], tmp_path: Path
) -> None:
    title = "<svg onload=alert()>"
    body = "<script>alert('body')</script>\n<img src=x onerror=alert(1)>"
    comment = '<img src=x onerror="alert(2)"><script>alert(3)</script>'
    context, page, watch, dialogs = await logged_in(browser, live_server, accounts["author"])
    try:
        await page.goto(f"{live_server.base_url}/notes/new")
        await page.locator("#media-file").set_input_files([photo(tmp_path, "plain", (200, 200, 200))])
        await wait_until_ready(page, 1)
        await page.get_by_label("Title").fill(title)
        await page.get_by_label("Text").fill(body)
        await page.get_by_role("button", name="Publish").click()
        await page.wait_for_url(re.compile(r".*/notes/\d+$"))
        await page.get_by_label("Your comment").fill(comment)
        await page.get_by_role("button", name="Send").click()
        await expect(page.get_by_test_id("comment-body").first).to_have_text(comment)

        for _ in range(2):  # as sent by htmx, then as the page draws it
            await expect(page.get_by_test_id("note-title")).to_have_text(title)
            await expect(page.get_by_test_id("note-body")).to_contain_text("<script>alert('body')</script>")
            await expect(page.get_by_test_id("note-body")).to_contain_text("<img src=x onerror=alert(1)>")
            assert await page.locator("main script, main svg[onload], main img[src=x]").count() == 0
            await page.reload()
        await expect(page.get_by_test_id("comment-body").first).to_have_text(comment)
        # Also where the note appears as a card (the same card macro as every grid; home's
        # Explore leaves out one's own notes).
        await page.goto(f"{live_server.base_url}/@{accounts['author']}")
        await expect(page.locator(".note-card", has_text=title).first).to_be_visible()
        assert dialogs == []
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_profile_tabs_boards_and_drafts(
    browser: Browser, live_server: LiveServer, accounts: dict[str, str], tmp_path: Path
) -> None:
    context, page, watch, _ = await logged_in(browser, live_server, accounts["author"])
    base = live_server.base_url
    try:
        await page.goto(f"{base}/notes/new")
        await page.locator("#media-file").set_input_files(
            [photo(tmp_path, "wide", (240, 140, 60), (480, 270))]
        )
        await wait_until_ready(page, 1)
        await page.get_by_label("Title").fill("Golden hour")
        await page.get_by_role("button", name="Publish").click()
        await page.wait_for_url(re.compile(r".*/notes/\d+$"))

        await page.goto(f"{base}/notes/new")
        await page.get_by_label("Title").fill("Just an idea")
        await page.get_by_role("button", name="Save draft").click()
        await page.wait_for_url(f"**/@{accounts['author']}?tab=drafts")
        draft = page.locator(".note-card", has_text="Just an idea")
        await expect(draft).to_contain_text("Draft")

        # Notes: cards with their pictures, in a masonry grid.
        await page.get_by_test_id("tab-notes").click()
        await expect(page).to_have_url(f"{base}/@{accounts['author']}")
        await expect(page.get_by_test_id("tab-notes")).to_have_attribute("aria-current", "page")
        cover = page.locator(".note-card", has_text="Golden hour").locator("img[width]")
        await expect(cover).to_be_visible()
        assert await cover.evaluate("image => image.complete && image.naturalWidth > 0")
        # Collected: make a private board.
        await page.get_by_test_id("tab-collected").click()
        await page.get_by_label("Name of the new board").fill("Someday")
        await page.get_by_label("Private").check()
        await page.get_by_role("button", name="New board").click()
        await page.wait_for_url(f"**/@{accounts['author']}?tab=collected")
        await expect(page.get_by_test_id("board-tile").filter(has_text="Someday")).to_contain_text(
            "Private board"
        )
        await page.get_by_test_id("board-tile").filter(has_text="Someday").click()
        await expect(page.get_by_role("heading", name="Someday")).to_be_visible()
        await expect(page.get_by_test_id("private-badge")).to_be_visible()
        await assert_clean(page, watch)
    finally:
        await context.close()
