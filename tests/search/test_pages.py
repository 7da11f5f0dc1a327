"""Search pages: the landing (recent searches, trending searches, popular topics), the
Notes / Users / Topics tabs with marked words, filters, sort and "Load more", the
no-results and "did you mean" states, refusals as readable pages, and the suggestions
under the top bar's box."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.kit.time import utcnow
from potluck.notes.models import Note
from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.accounts.test_pages import Element, Page, location, post_form, read, second_client, tight_app
from tests.notes.pages_support import card_links, fragment
from tests.search.helpers import index, posted, refresh_vocabulary
from tests.social.factories import follow

HTMX = {"HX-Request": "true"}


def with_testid(page: Page, name: str) -> list[Element]:
    return page.all(lambda element: element.attrs.get("data-testid") == name)


def hrefs(page: Page, name: str) -> list[str]:
    return [element.attrs["href"] for element in with_testid(page, name)]


def marks(element: Element) -> list[str]:
    return [child.text() for child in element.walk() if child.tag == "mark"]


def card_titles(page: Page) -> list[Element]:
    return page.all(lambda element: "note-card__title" in element.attrs.get("class", "").split())


async def search_page(client: httpx.AsyncClient, status: int = 200, **params: str) -> Page:
    return read(await client.get("/search", params=params), status)


# --- the landing -----------------------------------------------------------------------------


async def test_a_visitor_lands_on_trending_searches_and_popular_topics(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Hotpot night", "Spicy broth #hotpot")
    await search_page(alice, q="hotpot")
    await search_page(bob, q="Hotpot")  # two people: a trend

    page = await search_page(onlooker)
    assert page.testid("search-landing")
    assert hrefs(page, "trending-search") == ["/search?q=Hotpot"]
    assert hrefs(page, "popular-topic") == ["/topics/hotpot"]
    assert page.find_testid("search-history") is None
    assert page.get("site-search").attrs["value"] == ""
    # An empty or blank query is the landing too, never a refusal.
    assert (await search_page(onlooker, q="   ")).testid("search-landing")
    assert (await search_page(onlooker, q="\u200b\x00")).testid("search-landing")


async def test_recent_searches_are_links_that_can_be_forgotten_one_by_one_or_all_at_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    for query in ("dumplings", "hotpot", "火锅"):
        await search_page(alice, q=query)
    page = await search_page(alice)
    assert [e.text() for e in with_testid(page, "history-search")] == ["火锅", "hotpot", "dumplings"]
    assert hrefs(page, "history-search")[0] == "/search?q=%E7%81%AB%E9%94%85"
    assert page.form("/search/history/clear")
    assert (await search_page(bob)).testid("history-empty").text() == "Your searches will show here."

    # Without JavaScript: a form post, back to the landing.
    assert location(await post_form(alice, "/search/history/forget", {"q": "hotpot"})) == "/search"
    page = await search_page(alice)
    assert [e.text() for e in with_testid(page, "history-search")] == ["火锅", "dumplings"]

    # With htmx: the section comes back without the search.
    token = alice.cookies["potluck_csrf"]
    swapped = fragment(
        await alice.post(
            "/search/history/forget", data={"q": "火锅"}, headers={**HTMX, "X-CSRF-Token": token}
        )
    )
    assert [e.text() for e in with_testid(swapped, "history-search")] == ["dumplings"]
    assert swapped.get("search-history")

    # Clearing needs the form's CSRF token.
    refused = await alice.post("/search/history/clear", data={}, headers={"X-CSRF-Token": ""})
    assert refused.status_code == 403
    assert location(await post_form(alice, "/search/history/clear")) == "/search"
    page = await search_page(alice)
    assert with_testid(page, "history-search") == []
    assert page.find_form("/search/history/clear") is None


async def test_forgetting_searches_needs_a_login(onlooker: httpx.AsyncClient) -> None:
    response = await post_form(onlooker, "/search/history/clear")
    assert location(response).startswith("/login?next=")


# --- results ---------------------------------------------------------------------------------


async def test_notes_users_and_topics_tabs_keep_the_query(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    body = "We walked along the river for an hour before dinner. " * 2 + "The hotpot broth was perfect."
    note_id = await posted(alice, runtime, "Chengdu hotpot guide", body + " #HotpotLovers")
    await make_user(db, username="hotpot_li", display_name="Li Hotpot")
    await db.execute(update(User).where(User.username == "hotpot_li").values(follower_count=1200))
    await db.commit()

    page = await search_page(onlooker, q="hotpot")
    assert page.all(lambda e: e.tag == "title")[0].text() == "Search: hotpot · Potluck"
    assert page.get("site-search").attrs["value"] == "hotpot"  # the top bar keeps the query
    assert page.testid("search-tab-notes").attrs.get("aria-current") == "page"
    assert page.testid("search-tab-users").attrs["href"] == "/search?q=hotpot&type=users"
    assert page.testid("search-tab-topics").attrs["hx-push-url"] == "true"
    assert card_links(page) == [f"/notes/{note_id}"]
    assert [marks(title) for title in card_titles(page)] == [["hotpot"]]
    snippet = page.testid("card-snippet")
    assert marks(snippet) == ["hotpot"]
    assert snippet.text().startswith("…")

    people = await search_page(onlooker, q="hotpot", type="users")
    assert people.testid("search-tab-users").attrs.get("aria-current") == "page"
    assert people.testid("person-name").text() == "Li Hotpot"
    assert people.testid("person-username").text() == "@hotpot_li"
    assert people.testid("person-counts").text() == "1.2K followers · 0 notes"
    follow = people.testid("follow-button")
    assert follow.tag == "a"  # a visitor is asked to log in first
    assert follow.attrs["href"] == "/login?next=/search%3Fq%3Dhotpot%26type%3Dusers"

    topics = await search_page(onlooker, q="hotpot", type="topics")
    links = with_testid(topics, "search-topic")
    assert [(link.attrs["href"], link.text()) for link in links] == [
        ("/topics/HotpotLovers", "# #HotpotLovers 1 note")
    ]

    # A tab swapped in with htmx: the results only, the address pushed.
    swapped = fragment(await onlooker.get("/search", params={"q": "hotpot", "type": "topics"}, headers=HTMX))
    assert swapped.get("search-results")
    assert hrefs(swapped, "search-topic") == ["/topics/HotpotLovers"]


async def test_the_users_tab_has_follow_buttons_for_others(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    page = await search_page(bob, q="alice", type="users")
    assert page.form("/@alice/follow")
    assert page.testid("follow-button").text() == "Follow"
    own = await search_page(alice, q="alice", type="users")
    assert own.testid("person-username").text() == "@alice"
    assert own.find_testid("follow-button") is None

    await follow(bob, "alice")
    page = await search_page(bob, q="alice", type="users")
    assert page.testid("follow-button").text() == "Following"


async def test_hostile_titles_and_text_are_shown_as_text_with_marks_around_words(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    note_id = await posted(alice, runtime, "Harmless", "<script>alert('body')</script> onerror")
    # Longer than a title may be when posted, so written straight into the note (as an
    # older version or an import might have left it).
    await db.execute(update(Note).where(Note.id == int(note_id)).values(title="<img src=x onerror=alert(1)>"))
    await db.commit()
    await index(runtime, note_id)

    response = await onlooker.get("/search", params={"q": "onerror"})
    page = read(response)  # no inline handler or script got through
    assert "<img src=x" not in response.text
    assert "<script>alert" not in response.text
    assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in response.text
    assert [marks(title) for title in card_titles(page)] == [["onerror"]]
    assert page.testid("card-snippet").text() == "<script>alert('body')</script> onerror"

    # The query itself is text wherever the page shows it.
    hostile = '"><script>alert(1)</script>'
    response = await onlooker.get("/search", params={"q": hostile})
    read(response)
    assert "<script>alert(1)" not in response.text


async def test_filters_and_sort_keep_the_query(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    old = await posted(alice, runtime, "Bagel old", "bagel bagel bagel bagel", category="food")
    liked = await posted(alice, runtime, "Bagel liked", "bagel", category="travel")
    newest = await posted(alice, runtime, "Bagel newest", "bagel", category="food")
    await db.execute(
        update(Note).where(Note.id == int(old)).values(published_at=utcnow() - timedelta(days=20))
    )
    await db.execute(update(Note).where(Note.id == int(liked)).values(like_count=50))
    await db.commit()
    for note_id in (old, liked):
        await index(runtime, note_id)

    page = await search_page(onlooker, q="bagel", sort="most_liked")
    assert card_links(page)[0] == f"/notes/{liked}"
    assert page.testid("sort-most_liked").attrs.get("aria-current") == "true"
    assert page.testid("sort-newest").attrs["href"] == "/search?q=bagel&sort=newest"
    form = page.testid("search-filters")
    assert form.attrs["action"] == "/search"
    hidden = {e.attrs["name"]: e.attrs["value"] for e in form.walk() if e.attrs.get("type") == "hidden"}
    assert hidden == {"q": "bagel", "sort": "most_liked"}

    page = await search_page(onlooker, q="bagel", sort="newest")
    assert card_links(page)[0] == f"/notes/{newest}"

    page = await search_page(onlooker, q="bagel", category="travel", note_type="", within="")
    assert card_links(page) == [f"/notes/{liked}"]
    selected = [e.attrs["value"] for e in page.get("filter-category").walk() if "selected" in e.attrs]
    assert selected == ["travel"]
    assert page.testid("clear-filters").attrs["href"] == "/search?q=bagel"

    page = await search_page(onlooker, q="bagel", within="week", sort="newest")
    assert f"/notes/{old}" not in card_links(page)
    assert page.testid("sort-relevance").attrs["href"] == "/search?q=bagel&within=week"

    # Filtered down to nothing: say so, and offer the search without filters.
    page = await search_page(onlooker, q="bagel", category="pets")
    assert page.testid("search-without-filters").attrs["href"] == "/search?q=bagel"


async def test_load_more_appends_the_next_cards(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    ids = [await posted(alice, runtime, f"Bun {number}", "steamed buns") for number in range(22)]
    page = await search_page(onlooker, q="buns", sort="newest")
    assert card_links(page) == [f"/notes/{note_id}" for note_id in reversed(ids[2:])]
    link = next(element for element in page.get("load-more").walk() if element.tag == "a")
    assert link.attrs["href"] == "/search?q=buns&sort=newest&cursor=20"
    assert link.attrs["hx-target"] == "#card-grid"

    rest = fragment(await onlooker.get(link.attrs["href"], headers=HTMX))
    assert card_links(rest) == [f"/notes/{ids[1]}", f"/notes/{ids[0]}"]
    assert not [element for element in rest.get("load-more").walk() if element.tag == "a"]
    # Without JavaScript the same link is a whole page of the next cards.
    assert card_links(await search_page(onlooker, q="buns", sort="newest", cursor="20")) == [
        f"/notes/{ids[1]}",
        f"/notes/{ids[0]}",
    ]


async def test_nothing_found_suggests_what_to_try_and_popular_topics(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Tea time", "#oolong")
    page = await search_page(onlooker, q="xqzvwk")
    empty = page.testid("search-empty")
    assert "No notes found for “xqzvwk”" in empty.text()
    assert "Check the spelling." in empty.text()
    assert "Try Chinese or pinyin" in empty.text()
    assert hrefs(page, "popular-topic") == ["/topics/oolong"]
    assert card_links(page) == []

    people = await search_page(onlooker, q="xqzvwk", type="users")
    assert "No one found for “xqzvwk”" in people.testid("search-empty").text()


async def test_a_misspelt_query_shows_its_correction(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Dumplings at home", "Homemade dumplings, easy recipe")
    await posted(alice, runtime, "More dumplings", "Steamed dumplings with vinegar")
    await refresh_vocabulary(runtime)

    page = await search_page(onlooker, q="dumplngs")
    banner = page.testid("search-correction")
    assert banner.text() == (
        "Showing results for dumplings. Nothing matched “dumplngs”. Search instead for “dumplngs”"
    )
    assert [child.text() for child in banner.walk() if child.tag == "strong"] == ["dumplings"]
    assert len(card_links(page)) == 2
    assert page.get("site-search").attrs["value"] == "dumplngs"
    assert (await search_page(onlooker, q="dumplings")).find_testid("search-correction") is None

    instead = page.testid("search-exact").attrs["href"]
    assert instead == "/search?q=dumplngs&exact=1"
    exact = await onlooker.get(instead)
    assert exact.status_code == 200
    assert "search-correction" not in exact.text
    assert "dumplngs" in exact.text


async def test_notes_with_only_some_of_the_words_are_said_to_be_so(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "Kyoto in autumn", "Temples and maple leaves")
    page = await search_page(onlooker, q="kyoto ramen")
    assert page.testid("search-some-words")
    assert len(card_links(page)) == 1
    assert (await search_page(onlooker, q="kyoto")).find_testid("search-some-words") is None


# --- refusals --------------------------------------------------------------------------------


async def test_bad_input_is_the_page_with_a_readable_reason(onlooker: httpx.AsyncClient) -> None:
    page = await search_page(onlooker, 422, q="x" * 101)
    assert page.testid("search-error-message").text() == "Keep searches to 100 characters."
    assert page.testid("search-tab-notes")  # the tabs and the box are still there
    assert page.get("site-search").attrs["value"] == "x" * 101

    page = await search_page(onlooker, 422, q="tea", category="cars")
    assert page.testid("search-error-message").text().startswith("Choose one of: food, travel")
    assert page.testid("search-filters")  # to choose again
    assert (await search_page(onlooker, 422, q="tea", sort="cheapest")).testid("search-error")
    assert (await search_page(onlooker, 422, q="tea", within="decade")).testid("search-error")
    page = await search_page(onlooker, 422, q="tea", cursor="abc")
    assert (
        page.testid("search-error-message").text() == "This page link is not valid. Start the search again."
    )
    assert (await search_page(onlooker, 422, q="x" * 101, type="users")).testid("search-error")


async def test_forgetting_a_search_without_one_is_refused(alice: httpx.AsyncClient) -> None:
    response = await post_form(alice, "/search/history/forget", {"q": ""})
    assert response.status_code == 422


@pytest.mark.usefixtures("within_one_minute", "_flushed_redis")
async def test_searching_too_fast_is_a_readable_page(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    async with (
        tight_app(tmp_path, database_url, redis_url, rate_limit_search="2/minute") as app,
        second_client(app) as visitor,
    ):
        await search_page(visitor, q="tea")
        await search_page(visitor, q="tea", type="users")
        response = await visitor.get("/search", params={"q": "tea"})
        page = read(response, 429)
        assert int(response.headers["retry-after"]) >= 1
        assert page.testid("search-error").text().startswith("Slow down a little")
        assert (
            page.testid("search-error-message").text() == "You are searching very fast. Please wait a moment."
        )

        # A next page refused by the infinite scroll says so where "Load more" was.
        more = await visitor.get("/search", params={"q": "tea", "cursor": "20"}, headers=HTMX)
        refused = fragment(more, 429)
        assert refused.get("load-more").attrs["hx-swap-oob"] == "true"
        assert (
            refused.testid("load-more-refused").text() == "You are searching very fast. Please wait a moment."
        )


# --- suggestions -----------------------------------------------------------------------------


async def test_suggestions_as_you_type(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    onlooker: httpx.AsyncClient,
    runtime: Runtime,
    db: AsyncSession,
) -> None:
    await posted(alice, runtime, "Hotpot recipes", "Spicy #hotpot")
    await make_user(db, username="hotpot_fan", display_name="Hotpot Fan")
    await search_page(alice, q="hotpot recipes")
    await search_page(bob, q="Hotpot recipes")

    empty = await onlooker.get("/search/suggest", params={"q": "  "}, headers=HTMX)
    assert empty.status_code == 200
    assert empty.text == ""  # not even whitespace: the list closes

    found = fragment(await onlooker.get("/search/suggest", params={"q": "hot"}, headers=HTMX))
    items = [
        (element.attrs.get("data-kind"), element.attrs["href"])
        for element in with_testid(found, "suggestion")
    ]
    assert items == [
        (None, "/search?q=hot"),
        ("query", "/search?q=Hotpot+recipes"),
        ("topic", "/topics/hotpot"),
        ("person", "/@hotpot_fan"),
    ]
    assert with_testid(found, "suggestion")[0].text() == "Search for “hot”"
    assert "Hotpot Fan @hotpot_fan" in with_testid(found, "suggestion")[3].text()

    hostile = fragment(await onlooker.get("/search/suggest", params={"q": "<b>x</b>"}, headers=HTMX))
    assert with_testid(hostile, "suggestion")[0].text() == "Search for “<b>x</b>”"


async def test_the_top_bar_asks_for_suggestions(onlooker: httpx.AsyncClient) -> None:
    page = read(await onlooker.get("/"))
    box = page.get("site-search")
    assert box.attrs["hx-get"] == "/search/suggest"
    assert box.attrs["hx-target"] == "#search-suggestions"
    assert page.get("search-suggestions").children == []
    scripts = [e.attrs["src"] for e in page.all(lambda e: e.tag == "script")]
    assert any(src.startswith("/static/js/search.js?v=") for src in scripts)


async def test_the_search_pages_speak_chinese(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient, runtime: Runtime
) -> None:
    await posted(alice, runtime, "成都火锅推荐", "毛肚很新鲜 #成都美食")
    chinese = {"Accept-Language": "zh-CN"}
    landing = read(await onlooker.get("/search", headers=chinese))
    assert "热门搜索" in landing.testid("search-landing").text()

    page = read(await onlooker.get("/search", params={"q": "火锅"}, headers=chinese))
    assert page.all(lambda e: e.tag == "title")[0].text() == "搜索：火锅 · Potluck"
    assert page.testid("search-tab-users").text() == "用户"
    assert [marks(title) for title in card_titles(page)] == [["火锅"]]
    refused = read(await onlooker.get("/search", params={"q": "火" * 101}, headers=chinese), 422)
    assert refused.testid("search-error-message").text() == "搜索内容不能超过 100 个字符。"
