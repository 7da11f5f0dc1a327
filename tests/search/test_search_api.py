"""Searching notes through the API: found seconds after posting (once the indexing job
ran), in Chinese, Traditional, pinyin and English; gone when deleted or made private;
only what the reader may read; filters, sorts, pages, highlights, corrections."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.errors import Invalid
from potluck.kit.time import utcnow
from potluck.kit.viewer import ANONYMOUS
from potluck.notes.models import Note
from potluck.runtime import Runtime
from potluck.search import service
from tests.search.helpers import index, posted, refresh_vocabulary, search, titles
from tests.search.test_engines import OPERATORS
from tests.social.factories import act, assert_error, follow


async def test_a_posted_note_is_found_by_its_words_in_every_way_people_type_them(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "成都火锅推荐", "毛肚很新鲜，锅底是牛油的 #成都美食")
    await posted(alice, runtime, "Sunscreen review", "Three sunscreens for oily skin, tested all summer ☀️")
    await posted(alice, runtime, "Kyoto café", "A quiet café near the river")

    for query in ("火锅", "成都火锅", "成都 火锅 推荐", "火鍋", "huoguo", "#成都美食", "牛油"):
        assert await titles(onlooker, query) == ["成都火锅推荐"], query
    for query in ("sunscreens", "SUNSCREEN oily", "oily skin", "☀️"):
        assert await titles(onlooker, query) == ["Sunscreen review"], query
    assert await titles(onlooker, "cafe") == ["Kyoto café"]
    assert await titles(onlooker, "北京烤鸭") == []


async def test_what_is_not_yet_indexed_is_not_found_and_edits_are_found_by_their_new_words(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note_id = await posted(alice, runtime, "Dumplings", "Pork and chive dumplings")
    assert await titles(bob, "chive") == ["Dumplings"]
    response = await alice.patch(f"/api/v1/notes/{note_id}", json={"body": "Mushroom buns"})
    assert response.status_code == 200, response.text
    assert await titles(bob, "mushroom") == []  # the job has not run yet
    await index(runtime, note_id)
    assert await titles(bob, "mushroom") == ["Dumplings"]
    assert await titles(bob, "chive") == []


async def test_logged_out_visitors_share_a_copy_of_each_page_for_a_few_seconds(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Dumplings", "Pork and chive dumplings")
    assert await titles(onlooker, "dumplings") == ["Dumplings"]
    await posted(alice, runtime, "More dumplings", "Shrimp dumplings")
    assert await titles(onlooker, "dumplings") == ["Dumplings"]  # the copy kept for everyone
    assert sorted(await titles(bob, "dumplings")) == ["Dumplings", "More dumplings"]  # signed in: at once
    assert len(await titles(onlooker, "dumplings", limit=10)) == 2  # another page: afresh
    assert len(await titles(onlooker, "Dumplings")) == 2  # typed otherwise (and shown back so)
    runtime.settings.anonymous_cache_seconds = 0
    assert len(await titles(onlooker, "dumplings")) == 2


async def test_deleted_private_and_draft_notes_are_not_found(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    deleted = await posted(alice, runtime, "Noodles one")
    made_private = await posted(alice, runtime, "Noodles two")
    await posted(alice, runtime, "Noodles three", draft=True)
    await posted(alice, runtime, "Noodles four", visibility="private")

    assert (await alice.delete(f"/api/v1/notes/{deleted}")).status_code == 204
    response = await alice.patch(f"/api/v1/notes/{made_private}", json={"visibility": "private"})
    assert response.status_code == 200, response.text
    # Hidden at once, before the job takes it out of the index:
    assert await titles(onlooker, "noodles") == []
    await index(runtime, made_private)
    assert await titles(onlooker, "noodles") == []
    assert await titles(alice, "noodles") == []  # the index holds no private notes at all


async def test_followers_only_notes_blocks_and_suspended_authors(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await posted(alice, runtime, "Matcha latte", "for friends", visibility="followers")
    await posted(alice, runtime, "Matcha cake")
    await follow(bob, "alice")

    assert sorted(await titles(bob, "matcha")) == ["Matcha cake", "Matcha latte"]
    assert await titles(onlooker, "matcha") == ["Matcha cake"]
    assert await titles(carol, "matcha") == ["Matcha cake"]

    await act(carol, "POST", "alice/block")
    assert await titles(carol, "matcha") == []
    await act(alice, "POST", "bob/block")  # the blocked one does not find the blocker either
    assert await titles(bob, "matcha") == []


async def test_results_highlight_what_matched_with_a_snippet_around_it(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    body = "We walked for an hour along the river before dinner. " * 3 + "The hotpot broth was perfect."
    await posted(alice, runtime, "Chengdu Hotpot", body)

    hit = (await search(onlooker, "hotpot"))["notes"][0]
    title = hit["title"]
    assert [title["text"][a:b] for a, b in title["highlights"]] == ["Hotpot"]
    snippet = hit["snippet"]
    assert len(snippet["text"]) <= 125
    assert snippet["text"].startswith("…")  # the match is far into the text: shown with what precedes it
    assert [snippet["text"][a:b] for a, b in snippet["highlights"]] == ["hotpot"]

    hit = (await search(onlooker, "huoguo"))["notes"]
    assert hit == []  # an English note is not found by pinyin


async def test_filters_sorts_and_pages(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    ids = [await posted(alice, runtime, f"Bagel {n}", "bagel " * (n + 1)) for n in range(5)]
    video = await posted(alice, runtime, "Bagel video", "bagel", category="food")
    await db.execute(
        update(Note).where(Note.id == int(ids[0])).values(published_at=utcnow() - timedelta(days=20))
    )
    await db.execute(update(Note).where(Note.id == int(ids[1])).values(like_count=50, category="travel"))
    await db.commit()
    for note_id in (*ids, video):
        await index(runtime, note_id)

    assert (await titles(onlooker, "bagel"))[0] == "Bagel 4"  # the word most often (and the title)
    assert (await titles(onlooker, "bagel", sort="most_liked"))[0] == "Bagel 1"
    assert (await titles(onlooker, "bagel", sort="newest"))[0] == "Bagel video"
    assert "Bagel 0" not in await titles(onlooker, "bagel", within="week")
    assert await titles(onlooker, "bagel", category="travel") == ["Bagel 1"]

    first = await search(onlooker, "bagel", limit=4)
    second = await search(onlooker, "bagel", limit=4, cursor=first["next_cursor"])
    assert len(first["notes"]) == 4
    assert len(second["notes"]) == 2
    assert second["next_cursor"] is None
    seen = [hit["note"]["id"] for hit in first["notes"] + second["notes"]]
    assert sorted(seen) == sorted([*ids, video])


async def test_a_misspelt_query_that_finds_nothing_shows_its_correction(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Dumplings at home", "Homemade dumplings, easy recipe")
    await posted(alice, runtime, "More dumplings", "Steamed dumplings with vinegar")
    await refresh_vocabulary(runtime)

    results = await search(onlooker, "dumplngs")
    assert results["corrected_from"] == "dumplngs"
    assert results["query"] == "dumplings"
    assert len(results["notes"]) == 2
    assert (await search(onlooker, "dumplings"))["corrected_from"] is None
    assert (await search(onlooker, "xqzvwk"))["notes"] == []


async def test_bad_queries_get_a_clear_422_and_hostile_ones_are_plain_text(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Quotes", 'He said "NEAR" OR not')
    assert_error(await onlooker.get("/api/v1/search", params={"q": ""}), 422, "invalid", "empty")
    assert_error(await onlooker.get("/api/v1/search", params={"q": "   "}), 422, "invalid", "empty")
    assert_error(await onlooker.get("/api/v1/search", params={"q": "x" * 1000}), 422, "invalid", "too_long")
    assert_error(
        await onlooker.get("/api/v1/search", params={"q": "a", "cursor": "abc"}),
        422,
        "invalid",
        "invalid_cursor",
    )
    assert_error(
        await onlooker.get("/api/v1/search", params={"q": "a", "category": "cars"}),
        422,
        "invalid",
        "invalid_choice",
    )
    for hostile in ('"NEAR', "near OR", '\\" * (', "NOT", "*", '火锅 AND "', "<script>alert(1)</script>"):
        response = await onlooker.get("/api/v1/search", params={"q": hostile})
        assert response.status_code == 200, (hostile, response.text)
    assert await titles(onlooker, '"NEAR"') == ["Quotes"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.one_of(
        st.text(max_size=1000),
        st.lists(st.sampled_from(OPERATORS), max_size=30).map(" ".join),
        st.lists(st.sampled_from([*OPERATORS, "", " "]), max_size=60).map("".join),
    )
)
async def test_any_query_gets_results_or_a_clear_422_never_an_error(
    runtime: Runtime, db: AsyncSession, query: str
) -> None:
    await runtime.rate_limiter.reset()
    for kind in (service.search_notes, service.search_people, service.search_topics):
        assert await outcome(kind(db, query=query, viewer=ANONYMOUS)) in {"found", "empty", "too_long"}
    await service.suggest(db, query=query, viewer=ANONYMOUS)


async def outcome(search: Awaitable[object]) -> str:
    """ "found" when the search answered (with or without results), else why it was refused."""
    try:
        await search
    except Invalid as error:
        return str(error.reason)
    return "found"


async def test_notes_with_some_of_the_words_follow_those_with_all_when_they_are_few(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Spicy noodles", "Chongqing noodles, very spicy")
    await posted(alice, runtime, "Noodles", "Plain noodles with egg")
    await posted(alice, runtime, "Spicy wings", "Buffalo wings")
    await posted(alice, runtime, "Gardening", "Tomatoes")

    results = await search(onlooker, "spicy noodles")
    assert [hit["note"]["title"] for hit in results["notes"]][:1] == ["Spicy noodles"]
    assert results["partial_from"] == 1
    assert sorted(hit["note"]["title"] for hit in results["notes"][1:]) == ["Noodles", "Spicy wings"]

    first = await search(onlooker, "spicy noodles", limit=2)
    assert first["partial_from"] == 1
    second = await search(onlooker, "spicy noodles", limit=2, cursor=first["next_cursor"])
    assert second["partial_from"] == 0
    titles_seen = [hit["note"]["title"] for hit in first["notes"] + second["notes"]]
    assert sorted(titles_seen) == ["Noodles", "Spicy noodles", "Spicy wings"]  # each once
    assert second["next_cursor"] is None

    newest = await search(onlooker, "spicy noodles", sort="newest")
    assert [hit["note"]["title"] for hit in newest["notes"]] == ["Spicy noodles"]  # no partial ones
    assert newest["partial_from"] is None


async def test_words_that_say_what_kind_of_note_is_wanted_are_not_required(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "大理三日游", "洱海骑行，古城很美")
    await posted(alice, runtime, "Kyoto in autumn", "Temples and maple leaves")
    assert await titles(onlooker, "大理攻略") == ["大理三日游"]
    assert await titles(onlooker, "kyoto travel tips") == ["Kyoto in autumn"]  # some of the words
    assert await titles(onlooker, "best kyoto tips") == ["Kyoto in autumn"]


async def test_exact_searches_what_was_typed_without_correcting_it(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Dumplings", "dumplings")
    await posted(alice, runtime, "More dumplings", "dumplings")
    await refresh_vocabulary(runtime)
    assert (await search(onlooker, "dumplngs"))["corrected_from"] == "dumplngs"
    exact = await search(onlooker, "dumplngs", exact="true")
    assert exact["corrected_from"] is None
    assert exact["notes"] == []
