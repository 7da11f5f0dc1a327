"""People and topics search, suggestions as you type, each person's history and trending
searches, through the API."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.notes.factories import client_of
from tests.search.helpers import posted, search
from tests.social.factories import act, assert_error, follow


async def usernames(client: httpx.AsyncClient, q: str) -> list[str]:
    return [person["username"] for person in (await search(client, q, type="users"))["users"]]


async def suggestions(client: httpx.AsyncClient, q: str) -> list[tuple[str, str]]:
    response = await client.get("/api/v1/search/suggest", params={"q": q})
    assert response.status_code == 200, response.text
    return [(item["kind"], item["text"]) for item in response.json()["items"]]


async def history(client: httpx.AsyncClient) -> list[str]:
    response = await client.get("/api/v1/search/history")
    assert response.status_code == 200, response.text
    return [item["query"] for item in response.json()["items"]]


async def test_people_by_username_start_or_display_name_blocked_and_suspended_left_out(
    app: Any, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="chef_li", display_name="Li the Chef")
    await make_user(db, username="lisa", display_name="Lisa M")
    await make_user(db, username="hidden_li", display_name="Nobody")
    await make_user(db, username="gone_li", display_name="Li Gone")
    await db.execute(update(User).where(User.username == "lisa").values(follower_count=10))
    await db.execute(update(User).where(User.username == "gone_li").values(is_suspended=True))
    await db.commit()

    assert await usernames(onlooker, "lisa") == ["lisa"]
    assert await usernames(onlooker, "@Chef_Li") == ["chef_li"]
    assert await usernames(onlooker, "li") == ["lisa", "chef_li"]  # most followed first
    assert await usernames(onlooker, "the chef") == ["chef_li"]

    await follow(bob, "lisa")
    people = (await search(bob, "lisa", type="users"))["users"]
    assert people[0]["followed_by_me"] is True
    assert people[0]["url"] == "/@lisa"

    async with client_of(app, "lisa") as lisa:
        await act(lisa, "POST", "bob/block")
    assert await usernames(bob, "lisa") == []
    assert await usernames(onlooker, "lisa") == ["lisa"]


async def test_topics_by_name_busiest_first(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "One", "#成都美食 #成都旅行")
    await posted(alice, runtime, "Two", "#成都美食")
    topics = (await search(onlooker, "成都", type="topics"))["topics"]
    assert [(t["name"], t["notes"]) for t in topics] == [("成都美食", 2), ("成都旅行", 1)]
    assert topics[0]["url"] == "/topics/%E6%88%90%E9%83%BD%E7%BE%8E%E9%A3%9F"
    assert (await search(onlooker, "#成都旅行", type="topics"))["topics"][0]["name"] == "成都旅行"


async def test_history_is_kept_newest_first_once_per_query_and_can_be_cleared(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    for query in ("hotpot", "dumplings", "HOTPOT", "火鍋"):
        await search(alice, query)
    assert await history(alice) == ["火鍋", "HOTPOT", "dumplings"]
    assert await history(bob) == []

    response = await alice.delete("/api/v1/search/history", params={"q": "hotpot"})
    assert response.json() == {"removed": 1}
    assert await history(alice) == ["火鍋", "dumplings"]
    assert (await alice.delete("/api/v1/search/history", params={"q": "\x00"})).json() == {"removed": 0}
    assert (await alice.delete("/api/v1/search/history")).json() == {"removed": 2}
    assert await history(alice) == []

    for n in range(25):
        await search(alice, f"query {n}")
    assert len(await history(alice)) == 20


async def test_history_is_only_for_people_logged_in(onlooker: httpx.AsyncClient) -> None:
    assert_error(await onlooker.get("/api/v1/search/history"), 401, "not_authenticated")
    assert_error(await onlooker.delete("/api/v1/search/history"), 401, "not_authenticated")


async def test_trending_searches_count_people_once_a_day_and_only_searches_that_found_something(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Hotpot", "spicy hotpot")
    await posted(alice, runtime, "Dumplings", "dumplings")
    for client in (alice, bob, carol):
        await search(client, "hotpot")
    for _ in range(5):
        await search(alice, "dumplings")  # one person, however often
    await search(bob, "Dumplings")
    await search(alice, "xqzvwk")
    await search(bob, "xqzvwk")  # found nothing

    response = await alice.get("/api/v1/search/trending")
    assert response.status_code == 200
    trends = [(item["query"], item["searchers"]) for item in response.json()["items"]]
    assert trends == [("hotpot", 3), ("Dumplings", 2)]


async def test_suggestions_offer_popular_searches_topics_and_people_as_you_type(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await make_user(db, username="hotpot_king", display_name="Hotpot King")
    await posted(alice, runtime, "Hotpot", "#hotpotnight spicy hotpot broth")
    for client in (alice, bob):
        await search(client, "hotpot broth")

    found = await suggestions(onlooker, "hot")
    assert ("query", "hotpot broth") in found
    assert ("topic", "hotpotnight") in found
    assert ("person", "hotpot_king") in found
    assert found.index(("query", "hotpot broth")) < found.index(("topic", "hotpotnight"))
    assert await suggestions(onlooker, "") == []
    assert await suggestions(onlooker, "zzzz") == []
    response = await onlooker.get("/api/v1/search/suggest", params={"q": '"*\\ OR'})
    assert response.status_code == 200


async def test_suggestions_are_shared_for_half_a_minute_leaving_out_whoever_blocks_are_between(
    app: Any,
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await make_user(db, username="mochi_maker", display_name="Mochi Maker")
    await db.commit()
    await posted(alice, runtime, "Mochi", "#mochimonday")
    async with client_of(app, "mochi_maker") as maker:
        assert ("topic", "mochimonday") in await suggestions(onlooker, "moc")
        await posted(alice, runtime, "More mochi", "#mochilove")
        # Everyone gets the copy kept for "moc", signed in or not; another prefix is afresh.
        assert ("topic", "mochilove") not in await suggestions(onlooker, "moc")
        assert ("topic", "mochilove") not in await suggestions(alice, "moc")
        assert ("topic", "mochilove") in await suggestions(onlooker, "moch")

        await act(maker, "POST", "bob/block")
        assert ("person", "mochi_maker") in await suggestions(onlooker, "moc")
        assert ("person", "mochi_maker") in await suggestions(alice, "moc")
        assert ("person", "mochi_maker") not in await suggestions(bob, "moc")  # at once
