"""``potluck demo``: idempotent demo content so a fresh install has something to show."""

from __future__ import annotations

import asyncio

import typer

from potluck.accounts import service
from potluck.db.session import unit_of_work
from potluck.kit.errors import Conflict
from potluck.runtime import Runtime
from potluck.settings import load_settings

DEMO_PASSWORD = "potluck-demo"  # noqa: S105 - printed on purpose: demo accounts only
# username, display name, interface language, bio, location, languages spoken
DEMO_USERS = (
    ("demo", "Demo Host", "en", "Showing you around Potluck. Say hi in any language!", "Everywhere", ["en"]),
    (
        "xiaomei",
        "小美",
        "zh_Hans",
        "上海 | 咖啡和城市散步 ☕️\nCoffee and city walks. 欢迎来聊天！",
        "上海",
        ["zh", "en"],
    ),
    (
        "tiktok_refugee",
        "TikTok Refugee",
        "en",
        "Arrived January 2025. Learning Chinese one cat meme at a time 🐱",
        "Ohio",
        ["en"],
    ),
    ("chengdu_foodie", "成都吃货", "zh_Hans", "火锅、串串、兔头。带你吃遍成都 🌶️", "成都", ["zh"]),
)


def demo() -> None:
    """Create demo accounts (and, as features land, their notes). Safe to run again."""
    created = asyncio.run(_load())
    typer.echo(f"Demo content ready ({created} new accounts). Log in as demo / {DEMO_PASSWORD}")


async def _load() -> int:
    runtime = Runtime(load_settings())
    created = 0
    try:
        for username, display_name, locale, bio, location, languages in DEMO_USERS:
            try:
                async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
                    user = await service.create_user(
                        session,
                        username=username,
                        password=DEMO_PASSWORD,
                        display_name=display_name,
                        locale=locale,
                    )
                    await service.update_profile(
                        session, user_id=user.id, bio=bio, location=location, languages=languages
                    )
                created += 1
            except Conflict:
                continue  # already there: demo is idempotent
    finally:
        await runtime.stop()
    return created
