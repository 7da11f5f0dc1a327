"""The newcomer's journey in a real browser, in Chinese on a phone: sign up, pick
interests, take the tour, land home; then Explore logs what was seen and opened."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from playwright.async_api import Browser, expect
from sqlalchemy import func, select

from potluck.db.engine import Database
from potluck.explore.models import FeedEvent, InterestCategory
from potluck.web.i18n import gettext_for
from tests.explore.factories import make_author, make_notes
from tests.support.browser import csp_violations, open_page
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "steamed buns at dawn"
_names = itertools.count(1)


async def _events(database: Database, kind: str) -> int:
    async with database.session() as session:
        return int(await session.scalar(select(func.count()).where(FeedEvent.kind == kind)) or 0)


async def _eventually(database: Database, kind: str) -> int:
    for _ in range(100):
        if found := await _events(database, kind):
            return found
        await asyncio.sleep(0.1)
    return 0


async def test_sign_up_pick_interests_tour_then_explore_logs_impressions_and_clicks(
    browser: Browser, live_server: LiveServer
) -> None:
    database = Database(live_server.database_url)
    try:
        async with database.session(writing=True) as session:
            author = await make_author(session, f"cat_person_{next(_names)}")
            await make_notes(session, author, 6, category="pets", topics=("cattax",))
        zh = gettext_for("zh_Hans")
        username = f"xiaomei_{next(_names)}"
        context, page, watch = await open_page(browser, phone=True, locale="zh-CN")
        try:
            await page.goto(f"{live_server.base_url}/signup")
            await page.locator("#signup-username").fill(username)
            await page.locator("#signup-password").fill(PASSWORD)
            await page.locator("form.form button[type=submit]").click()

            await page.wait_for_url("**/welcome")
            await expect(page.get_by_role("heading", level=1)).to_have_text(zh("What do you love?"))
            await page.locator("label.pick", has_text=zh("Pets")).click()
            await page.locator("label.pick", has_text="#cattax").click()
            await expect(page.get_by_label(zh("Pets"))).to_be_checked()
            await page.get_by_role("button", name=zh("Continue")).click()

            await page.wait_for_url("**/welcome/tour")
            await expect(page.locator(".tour__card")).to_have_count(4)
            await expect(page.get_by_role("heading", name=zh("Translate anything"))).to_be_visible()
            await page.get_by_role("button", name=zh("Start exploring")).click()
            await page.wait_for_url(f"{live_server.base_url}/")
            assert await csp_violations(page) == []

            await page.goto(f"{live_server.base_url}/explore")
            cards = page.locator("[data-feed='explore'] .note-card")
            await expect(cards).to_have_count(6)
            assert await _eventually(database, "impression") >= 1
            await cards.first.locator("a.note-card__link").click()
            await page.wait_for_url("**/notes/*")
            assert await _eventually(database, "click") == 1
            assert await csp_violations(page) == []
            assert watch.problems == []
        finally:
            await context.close()
        async with database.session() as session:
            picked = (await session.execute(select(InterestCategory.category))).scalars().all()
        assert picked == ["pets"]
    finally:
        await database.dispose()
