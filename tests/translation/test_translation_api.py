"""Translating notes and comments through the API: kept translations at once, others
made by a job, dropped when the words change; every bad input a clear answer."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.errors import Invalid
from potluck.kit.language import text_digest
from potluck.runtime import Runtime
from potluck.translation import repository
from potluck.translation.service import check_texts
from tests.notes.factories import post_note
from tests.translation.conftest import FakeEngine
from tests.translation.helpers import StagedJobs, use_engines

HOTPOT = {"title": "第一次带外国朋友吃火锅", "body": "他从不敢碰红锅到最后自己点了第二份毛肚，哈哈哈。"}


async def zh_note(client: httpx.AsyncClient, runtime: Runtime, **fields: Any) -> str:
    return str((await post_note(client, runtime, **{**HOTPOT, **fields}))["id"])


async def comment(client: httpx.AsyncClient, note_id: str, body: str) -> str:
    response = await client.post(f"/api/v1/notes/{note_id}/comments", json={"body": body})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_a_note_is_translated_by_a_job_then_kept(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    engine = FakeEngine()
    use_engines(runtime, engine)
    note_id = await zh_note(alice, runtime)
    first = await bob.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert first.status_code == 202, first.text
    assert first.headers["Retry-After"] == "1"
    assert first.json()["status"] == "pending"
    assert first.json()["source"] == "zh-Hans"
    # Asking again while it is being made does not queue it twice.
    assert (await bob.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})).status_code == 202
    assert len(jobs.payloads()) == 1
    assert await jobs.run(runtime) == 1
    done = await bob.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert done.status_code == 200, done.text
    assert done.json() == {
        "status": "done",
        "source": "zh-Hans",
        "target": "en",
        "engine": "fake",
        "engine_label": "Fake MT",
        "retry_after_ms": None,
        "note_id": note_id,
        "title": f"[en] {HOTPOT['title']}",
        "body": f"[en] {HOTPOT['body']}",
    }
    # Kept: another reader gets it at once, with no job and no engine call.
    logged_out = httpx.AsyncClient(transport=alice._transport, base_url="http://testserver")
    again = await logged_out.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert again.json()["title"] == f"[en] {HOTPOT['title']}"
    assert len(engine.calls) == 1
    assert jobs.payloads() == []


async def test_chinese_readers_of_traditional_or_simplified_ask_by_script(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    note_id = str(
        (await post_note(alice, runtime, title="Hotpot in Chengdu", body="We ordered way too much tripe."))[
            "id"
        ]
    )
    for target, expected in (("zh_Hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-CN", "zh-Hans")):
        response = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": target})
        assert response.status_code == 202
        assert response.json()["target"] == expected
    await jobs.run(runtime)
    done = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "zh-TW"})
    assert done.json()["title"] == "[zh-Hant] Hotpot in Chengdu"


async def test_editing_a_note_drops_its_old_translation(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    note_id = await zh_note(alice, runtime)
    await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    await jobs.run(runtime)
    assert (
        await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    ).status_code == 200
    edited = await alice.patch(f"/api/v1/notes/{note_id}", json={"body": "毛肚七上八下，鸭肠要烫十秒。"})
    assert edited.status_code == 200, edited.text
    forget = jobs.payloads("translation.forget")
    assert forget == [{"hashes": [text_digest(HOTPOT["body"])]}], "only the words that changed"
    await jobs.run(runtime)
    kept = await repository.kept(
        db, [text_digest(HOTPOT["body"]), text_digest(HOTPOT["title"])], source="zh-Hans", target="en"
    )
    assert list(kept) == [text_digest(HOTPOT["title"])]
    after = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert after.status_code == 202, "the new words are translated afresh"
    assert (jobs.payloads())[0]["texts"] == ["毛肚七上八下，鸭肠要烫十秒。"], (
        "the title's translation is still kept"
    )


async def test_no_engine_says_so_but_kept_translations_still_show(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    use_engines(runtime)
    note_id = await zh_note(alice, runtime)
    response = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert response.status_code == 503
    assert response.json()["error"]["reason"] == "no_translation_engine"
    assert "no translation engine" in response.json()["error"]["message"]
    for text, english in (
        (HOTPOT["title"], "Took my foreign friend for hotpot"),
        (HOTPOT["body"], "He ended up ordering seconds of tripe"),
    ):
        await repository.keep(
            db, [(text_digest(text), english)], source="zh-Hans", target="en", engine="human"
        )
    await db.commit()
    kept = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert kept.status_code == 200
    assert (kept.json()["title"], kept.json()["engine"]) == ("Took my foreign friend for hotpot", "human")


async def test_when_every_engine_fails_the_reader_is_told_to_try_again(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    broken = FakeEngine("broken", fail=True)
    use_engines(runtime, broken)
    note_id = await zh_note(alice, runtime)
    assert (
        await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    ).status_code == 202
    await jobs.run(runtime)
    failed = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert failed.status_code == 503
    assert failed.json()["error"] == {
        "code": "unavailable",
        "reason": "translation_unavailable",
        "message": "Translation unavailable, try again.",
    }
    broken.fail = False
    retry = await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    assert retry.status_code == 202, "trying again starts a new job"
    await jobs.run(runtime)
    assert (
        await alice.get(f"/api/v1/notes/{note_id}/translation", params={"target": "en"})
    ).status_code == 200


async def test_bad_requests_get_clear_answers(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine(pairs={("zh-Hans", "en"), ("en", "zh-Hans")}))
    note_id = await zh_note(alice, runtime)
    english = str(
        (await post_note(alice, runtime, title="Hotpot in Chengdu", body="Way too much tripe."))["id"]
    )
    private = await zh_note(alice, runtime, visibility="private")
    cases = [
        (f"/api/v1/notes/{note_id}/translation", {"target": "klingon"}, 422, "unsupported_language"),
        (f"/api/v1/notes/{note_id}/translation", {"target": "xx"}, 422, "unsupported_language"),
        (f"/api/v1/notes/{note_id}/translation", {"target": "ja"}, 422, "unsupported_pair"),
        (f"/api/v1/notes/{english}/translation", {"target": "en-GB"}, 422, "same_language"),
        (f"/api/v1/notes/{private}/translation", {"target": "en"}, 404, None),
        (f"/api/v1/notes/{note_id}/translation", {}, 422, None),
        (f"/api/v1/notes/{note_id}/translation", {"target": "e" * 36}, 422, None),
    ]
    for url, params, status, reason in cases:
        response = await bob.get(url, params=params)
        assert response.status_code == status, (url, params, response.text)
        assert response.json()["error"]["message"]
        if reason is not None:
            assert response.json()["error"]["reason"] == reason, (params, response.json())
    assert jobs.payloads() == []


async def test_comments_one_by_one_and_a_page_at_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, jobs: StagedJobs
) -> None:
    use_engines(runtime, FakeEngine())
    note_id = await zh_note(alice, runtime)
    zh = await comment(bob, note_id, "太好看了吧！求地址🙏")
    en = await comment(bob, note_id, "This is so cozy, where is it?")
    emoji = await comment(bob, note_id, "😍😍😍🔥")
    html = await comment(bob, note_id, "<script>alert('好吃')</script> 真的好吃")
    one = await alice.get(f"/api/v1/comments/{zh}/translation", params={"target": "en"})
    assert one.status_code == 202
    batch = await alice.get(
        "/api/v1/comments/translations", params={"ids": f"{zh},{en},{emoji},{html},999", "target": "en"}
    )
    assert batch.status_code == 202, batch.text
    items = {item["comment_id"]: item for item in batch.json()["items"]}
    assert set(items) == {zh, en, emoji, html}, "comments that do not exist are left out"
    assert items[zh]["status"] == items[html]["status"] == "pending"
    assert items[en]["error"]["reason"] == "same_language"
    assert items[emoji]["error"]["reason"] == "no_words"
    await jobs.run(runtime)
    done = await alice.get("/api/v1/comments/translations", params={"ids": f"{zh},{html}", "target": "en"})
    assert done.status_code == 200
    bodies = {item["comment_id"]: item["body"] for item in done.json()["items"]}
    assert bodies == {zh: "[en] 太好看了吧！求地址🙏", html: "[en] <script>alert('好吃')</script> 真的好吃"}
    single = await alice.get(f"/api/v1/comments/{zh}/translation", params={"target": "en"})
    assert (single.status_code, single.json()["body"]) == (200, "[en] 太好看了吧！求地址🙏")
    too_many = await alice.get(
        "/api/v1/comments/translations", params={"ids": ",".join(["1"] * 51), "target": "en"}
    )
    assert too_many.status_code == 422
    assert (
        await alice.get("/api/v1/comments/translations", params={"ids": "1,abc", "target": "en"})
    ).status_code in (400, 422)
    assert (await alice.get(f"/api/v1/comments/{emoji}/translation", params={"target": "en"})).json()[
        "error"
    ]["reason"] == "no_words"


def test_texts_past_ten_thousand_characters_are_refused() -> None:
    check_texts(["好" * 10_000], source="zh-Hans", target="en")
    with pytest.raises(Invalid) as refused:
        check_texts(["好" * 10_001], source="zh-Hans", target="en")
    assert refused.value.reason == "too_long"


async def test_logged_out_visitors_share_a_copy_that_an_edit_or_going_private_drops(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, jobs: StagedJobs
) -> None:
    engine = FakeEngine()
    use_engines(runtime, engine)
    note_id = await zh_note(alice, runtime)
    url = f"/api/v1/notes/{note_id}/translation"
    assert (await onlooker.get(url, params={"target": "en"})).status_code == 202, "pending is never shared"
    await jobs.run(runtime)
    first = await onlooker.get(url, params={"target": "en"})
    assert first.status_code == 200
    # Served from the shared copy: the kept row could go and the visitor would not notice.
    use_engines(runtime)
    again = await onlooker.get(url, params={"target": "en-US"})
    assert again.json() == first.json()
    assert (await alice.patch(f"/api/v1/notes/{note_id}", json={"visibility": "private"})).status_code == 200
    assert (await onlooker.get(url, params={"target": "en"})).status_code == 404, "at once, not in 10 s"


class DetectingEngine(FakeEngine):
    """A LibreTranslate-like engine that also says which language a text is in."""

    async def detect(self, text: str) -> str | None:
        return "en" if "ok" in text else None


async def test_a_text_too_short_to_tell_asks_an_engine_that_detects(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, jobs: StagedJobs
) -> None:
    use_engines(runtime, DetectingEngine())
    note_id = await zh_note(alice, runtime)
    short = await comment(bob, note_id, "ok ok")
    unknown = await comment(bob, note_id, "mm hm")
    response = await alice.get(f"/api/v1/comments/{short}/translation", params={"target": "zh-Hans"})
    assert response.status_code == 202, response.text
    assert response.json()["source"] == "en"
    batch = await alice.get(
        "/api/v1/comments/translations", params={"ids": f"{short},{unknown}", "target": "zh-Hans"}
    )
    items = {item["comment_id"]: item for item in batch.json()["items"]}
    assert items[short]["source"] == "en"
    assert items[unknown]["error"]["reason"] == "unknown_language"
    await jobs.run(runtime)
    done = await alice.get(f"/api/v1/comments/{short}/translation", params={"target": "zh-Hans"})
    assert done.json()["body"] == "[zh-Hans] ok ok"
