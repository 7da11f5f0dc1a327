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
DEMO_USERS = (
    ("demo", "Demo Host", "en"),
    ("xiaomei", "小美", "zh_Hans"),
    ("tiktok_refugee", "TikTok Refugee", "en"),
    ("chengdu_foodie", "成都吃货", "zh_Hans"),
)


def demo() -> None:
    """Create demo accounts (and, as features land, their notes). Safe to run again."""
    created = asyncio.run(_load())
    typer.echo(f"Demo content ready ({created} new accounts). Log in as demo / {DEMO_PASSWORD}")


async def _load() -> int:
    runtime = Runtime(load_settings())
    created = 0
    try:
        for username, display_name, locale in DEMO_USERS:
            try:
                async with unit_of_work(runtime.database.sessionmaker) as session:
                    await service.create_user(
                        session,
                        username=username,
                        password=DEMO_PASSWORD,
                        display_name=display_name,
                        locale=locale,
                    )
                created += 1
            except Conflict:
                continue  # already there: demo is idempotent
    finally:
        await runtime.stop()
    return created
