"""The Translate link on note pages: shown for notes and comments in another language
than the reader's, answering the translation in place (with "show original"), a moment
of "Translating…", or what went wrong; and the setting that translates at once."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.test_pages import Page, member, post_form, read
from tests.notes.pages_support import fragment, publish
from tests.translation.conftest import FakeEngine
from tests.translation.helpers import StagedJobs, use_engines


def hx_get(element_testid: str, page: Page) -> str:
    return page.testid(element_testid).attrs["hx-get"]


async def test_translate_a_note_in_place_and_show_the_original(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    await member(client, db, "reader")
    chinese = await publish(client, runtime, title="成都火锅推荐", body="毛肚很新鲜，<b>锅底</b>是牛油的")
    english = await publish(
        client, runtime, title="Hotpot in Chengdu", body="Way too much tripe, no regrets."
    )
    page = read(await client.get(f"/notes/{chinese}"))
    url = hx_get("translate-note", page)
    assert url == f"/notes/{chinese}/translation?target=en"
    assert page.testid("translate-note").text() == "Translate"
    assert read(await client.get(f"/notes/{english}")).find_testid("translate-note") is None
    pending = fragment(await client.get(url))
    assert pending.testid("translation-pending").text() == "Translating…"
    assert pending.testid("translation-pending").attrs["hx-trigger"] == "load delay:1s", (
        "asks again by itself"
    )
    await jobs.run(runtime)
    done = fragment(await client.get(url))
    box = done.testid("note-translation")
    assert box.attrs["lang"] == "en"
    assert "[en] 成都火锅推荐" in box.text()
    assert "[en] 毛肚很新鲜，<b>锅底</b>是牛油的" in box.text(), "markup in a note is text, escaped"
    assert "<b>" not in "".join(e.tag for e in done.all(lambda e: e.tag == "b"))
    assert "Translated from Chinese (Simplified) by Fake MT" in box.text()
    assert done.testid("show-original").text() == "Show original"
    # A Chinese reader sees no link on the Chinese note, and one on the English one.
    zh = {"Accept-Language": "zh-CN"}
    assert read(await client.get(f"/notes/{chinese}", headers=zh)).find_testid("translate-note") is None
    in_chinese = read(await client.get(f"/notes/{english}", headers=zh))
    assert hx_get("translate-note", in_chinese) == f"/notes/{english}/translation?target=zh-Hans"
    assert in_chinese.testid("translate-note").text() == "翻译"


async def test_comments_in_other_languages_have_a_translate_link(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    await member(client, db, "reader")
    note = await publish(client, runtime, title="Hotpot in Chengdu", body="Way too much tripe.")
    for body in ("太好看了吧！求地址🙏", "Where is this place?", "😍😍"):
        await client.post(f"/api/v1/notes/{note}/comments", json={"body": body})
    page = read(await client.get(f"/notes/{note}"))
    links = page.all(lambda e: e.attrs.get("data-testid") == "translate-comment")
    assert len(links) == 1, "only the Chinese comment: not the English one, not the emoji"
    url = links[0].attrs["hx-get"]
    fragment(await client.get(url))
    await jobs.run(runtime)
    done = fragment(await client.get(url))
    assert done.testid("comment-translation").text().startswith("[en] 太好看了吧！求地址🙏")


async def test_what_readers_are_told_when_it_cannot_be_done(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, jobs: StagedJobs
) -> None:
    await member(client, db, "reader")
    note = await publish(client, runtime, title="成都火锅推荐", body="毛肚很新鲜")
    use_engines(runtime)
    none = fragment(await client.get(f"/notes/{note}/translation?target=en"))
    assert "This site has no translation engine" in none.testid("translation-error").text()
    broken = FakeEngine(fail=True)
    use_engines(runtime, broken)
    fragment(await client.get(f"/notes/{note}/translation?target=en"))
    await jobs.run(runtime)
    failed = fragment(await client.get(f"/notes/{note}/translation?target=en"))
    assert "Translation unavailable, try again." in failed.testid("translation-error").text()
    assert failed.all(lambda e: e.tag == "button" and e.text() == "Try again")
    bad = fragment(await client.get(f"/notes/{note}/translation?target=tlh"))
    assert "cannot translate into tlh" in bad.testid("translation-error").text()


async def test_always_translate_shows_foreign_notes_translated(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    use_engines(runtime, FakeEngine())
    await member(client, db, "reader")
    chinese = await publish(client, runtime, title="成都火锅推荐", body="毛肚很新鲜")
    french = await publish(
        client, runtime, title="Un café à Paris", body="Le meilleur croissant de ma vie, vraiment."
    )
    settings = read(await client.get("/settings/profile"))
    assert settings.testid("auto-translate").attrs.get("checked") is None
    saved = await post_form(
        client,
        "/settings/profile",
        {"display_name": "Reader", "languages": ["fr"], "auto_translate": "1", "locale": ""},
    )
    assert saved.status_code in (303, 200), saved.text
    assert (
        read(await client.get("/settings/profile")).testid("auto-translate").attrs.get("checked") is not None
    )
    me = (await client.get("/api/v1/me")).json()
    assert me["auto_translate"] is True
    page = read(await client.get(f"/notes/{chinese}"))
    assert page.find_testid("translate-note") is None
    assert page.testid("auto-translate").attrs["hx-trigger"] == "load"
    assert page.testid("auto-translate").attrs["hx-get"] == f"/notes/{chinese}/translation?target=en"
    french_page = read(await client.get(f"/notes/{french}"))
    assert french_page.find_testid("auto-translate") is None, "French is among the reader's languages"
    assert french_page.find_testid("translate-note") is None
    off = await client.patch("/api/v1/me", json={"auto_translate": False})
    assert off.status_code == 200
    assert off.json()["auto_translate"] is False
    assert read(await client.get(f"/notes/{chinese}")).find_testid("translate-note") is not None
