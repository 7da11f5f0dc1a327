"""In a real browser: tap Translate under a Chinese note, read it in English in place,
flip back with Show original; and the home page in Arabic (right to left) and Chinese.

The live server has two translation models with random weights installed (English <->
Chinese, built as the other translation tests build them), so the real job, engine and
page run; what they write is Chinese-looking nonsense, which is all a browser test needs.
Screenshots land in var/screenshots/i18n-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from potluck.settings import normalise_database_url
from potluck.translation import packages, random_model
from tests.conftest import TEST_DATABASE_URL
from tests.notes.test_browser import PASSWORD, assert_clean, logged_in
from tests.support.browser import open_page
from tests.support.live import LiveServer, start_live_server
from tests.support.live_api import api_as, post_photo_note

pytestmark = [pytest.mark.browser, pytest.mark.live]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
JOB_TIMEOUT = 30_000  # ms: the server's worker makes the translation


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, live_redis_url: str
) -> Iterator[LiveServer]:
    """A live server (and worker) with local models installed before it starts."""
    directory = tmp_path_factory.mktemp("live-translation")
    models = directory / "var" / "translation-models"
    packages.install(
        random_model.build_argos_package(directory / "en_zh.argosmodel", "en", "zh-Hans"), models
    )
    packages.install(random_model.build_opus_folder(directory / "opus-mt-zh-en", "zh-Hans", "en"), models)
    server = start_live_server(
        directory,
        postgres_base_url=normalise_database_url(TEST_DATABASE_URL) if TEST_DATABASE_URL else "",
        redis_url=live_redis_url,
        name=f"potluck_live_tr_{worker_id}",
        worker=bool(live_redis_url),
    )
    try:
        yield server
    finally:
        server.stop()


async def post_chinese_note(live_server: LiveServer, username: str) -> str:
    """A Chinese note with a Chinese comment under it."""
    async with api_as(live_server, username, PASSWORD) as api:
        body = "他从不敢碰红锅，到最后自己点了第二份毛肚。\n太好笑了！"
        note_id = await post_photo_note(api, title="第一次带外国朋友吃火锅", body=body)
        comment = await api.post(
            f"/api/v1/notes/{note_id}/comments", json={"body": "欢迎新朋友！下次带你吃串串"}
        )
        assert comment.status_code == 201, comment.text
        return note_id


async def test_translate_a_note_in_place_and_show_the_original(
    browser: Browser, live_server: LiveServer
) -> None:
    for username in ("chengdu_writer", "ohio_reader"):
        live_server.run("admin", "create", username, "--password", PASSWORD)
    note_id = await post_chinese_note(live_server, "chengdu_writer")
    context, page, watch, _dialogs = await logged_in(browser, live_server, "ohio_reader")
    try:
        await page.goto(f"{live_server.base_url}/notes/{note_id}")
        original = page.locator(".translatable__original").first
        await expect(original).to_contain_text("第一次带外国朋友吃火锅")
        await page.get_by_test_id("translate-note").click()
        translation = page.get_by_test_id("note-translation")
        await expect(translation).to_be_visible(timeout=JOB_TIMEOUT)
        await expect(translation).to_contain_text("Translated from Chinese (Simplified) by")
        await expect(original).to_be_hidden()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "i18n-translated-note.png"))
        toggle = page.get_by_test_id("show-original")
        await toggle.click()
        await expect(original).to_be_visible()
        await expect(page.locator(".translation__body")).to_be_hidden()
        await expect(toggle).to_have_text("Show translation")
        await toggle.click()
        await expect(original).to_be_hidden()
        await expect(toggle).to_have_text("Show original")
        # A comment too: its Translate link goes once it is translated.
        translate_comment = page.get_by_test_id("translate-comment")
        await translate_comment.click()
        await expect(page.get_by_test_id("comment-translation")).to_be_visible(timeout=JOB_TIMEOUT)
        await expect(page.get_by_test_id("comment-translation")).to_contain_text(
            "Translated from Chinese (Simplified)"
        )
        await expect(page.get_by_test_id("comment-body")).to_be_hidden()
        await expect(translate_comment).to_be_hidden()
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_the_home_page_in_arabic_is_laid_out_right_to_left(
    browser: Browser, live_server: LiveServer
) -> None:
    context, page, watch = await open_page(browser, phone=False)
    try:
        await context.add_cookies([{"name": "potluck_locale", "value": "ar", "url": live_server.base_url}])
        await page.goto(f"{live_server.base_url}/")
        html = page.locator("html")
        await expect(html).to_have_attribute("dir", "rtl")
        await expect(html).to_have_attribute("lang", "ar")
        direction = await page.evaluate("getComputedStyle(document.body).direction")
        assert direction == "rtl"
        sidebar = await page.locator(".sidebar").bounding_box()
        viewport = page.viewport_size
        assert sidebar is not None
        assert viewport is not None
        assert sidebar["x"] > viewport["width"] / 2, "the sidebar sits on the right in Arabic"
        title = await page.title()
        assert "Potluck" in title
        assert any("\u0600" <= c <= "\u06ff" for c in title), "the title is written in Arabic"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "i18n-home-ar.png"))
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_the_home_page_in_chinese(browser: Browser, live_server: LiveServer) -> None:
    context, page, watch = await open_page(browser, phone=False, locale="zh-CN")
    try:
        await page.goto(f"{live_server.base_url}/")
        html = page.locator("html")
        await expect(html).to_have_attribute("lang", "zh-Hans")
        await expect(html).to_have_attribute("dir", "ltr")
        await expect(page.locator(".sidebar")).to_contain_text("首页")
        sidebar = await page.locator(".sidebar").bounding_box()
        assert sidebar is not None
        assert sidebar["x"] < 100, "left to right: the sidebar on the left"
        await page.screenshot(path=str(SCREENSHOTS / "i18n-home-zh.png"))
        await assert_clean(page, watch)
    finally:
        await context.close()


async def test_choosing_a_language_in_the_footer_switches_the_page(
    browser: Browser, live_server: LiveServer
) -> None:
    context, page, watch = await open_page(browser, phone=False)
    try:
        await page.goto(f"{live_server.base_url}/?tab=nearby")
        await page.get_by_test_id("language-picker").select_option("ar")
        await expect(page.locator("html")).to_have_attribute("dir", "rtl")
        await expect(page.locator("html")).to_have_attribute("lang", "ar")
        assert page.url.endswith("/?tab=nearby"), "back on the page it was on"
        await page.get_by_test_id("language-picker").select_option("zh_Hant")
        await expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
        await expect(page.locator(".sidebar")).to_contain_text("首頁")
        await assert_clean(page, watch)
    finally:
        await context.close()
