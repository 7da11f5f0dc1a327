"""Each note and comment says which language it is written in (issue #7): detected when
saved, again when a note's words change, shown on its page and in grids."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.notes.factories import post_note


async def test_a_note_says_its_language_and_again_after_an_edit(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="成都火锅推荐", body="毛肚很新鲜，锅底是牛油的，下次还来")
    assert note["language"] == "zh-Hans"
    assert (await bob.get(f"/api/v1/notes/{note['id']}")).json()["language"] == "zh-Hans"

    response = await alice.patch(
        f"/api/v1/notes/{note['id']}",
        json={"title": "Hotpot in Chengdu", "body": "The tripe was so fresh, and the broth is beef tallow"},
    )
    assert response.json()["language"] == "en"
    cards = (await alice.get("/api/v1/users/alice/notes")).json()["items"]
    assert [card["language"] for card in cards] == ["en"]
    response = await alice.patch(f"/api/v1/notes/{note['id']}", json={"category": "travel"})
    assert response.json()["language"] == "en"  # the words did not change


async def test_comments_say_their_language_and_an_emoji_only_one_is_undetermined(
    bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    said = {}
    for body in (
        "看起来好好吃！在哪里？",
        "This looks amazing, where is it?",
        "😍😍😍",
        "美味しそう！どこですか",
    ):
        response = await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": body})
        assert response.status_code == 201, response.text
        said[body] = response.json()["language"]
    assert list(said.values()) == ["zh-Hans", "en", "und", "ja"]
    page = (await bob.get(f"/api/v1/notes/{note['id']}/comments")).json()["items"]
    assert {item["body"]: item["language"] for item in page} == said
