"""Grids of note cards: home's tabs paged by cursor (the infinite scroll's fragments), cards
that keep their cover's shape over a blurhash, and the like button on every card. (Home's
ranked Explore is tested in tests/explore/test_home.py.)"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.runtime import Runtime
from potluck.web import home_feeds
from potluck.web.home_feeds import FeedPage, FeedQuery
from tests.accounts.test_pages import Element, Page, location, post_form, read, second_client
from tests.notes.factories import jpeg_bytes, post_note, ready_photo
from tests.notes.pages_support import HTMX, card_links, fragment
from tests.social.factories import act


def cards(page: Page) -> list[Element]:
    return page.all(
        lambda element: element.tag == "article" and "note-card" in element.attrs.get("class", "")
    )


def more_link(page: Page) -> Element | None:
    links = [element for element in page.get("load-more").walk() if element.tag == "a"]
    return links[0] if links else None


async def post_notes(client: httpx.AsyncClient, runtime: Runtime, count: int, **fields: Any) -> list[str]:
    """Publish ``count`` notes; their IDs, newest first (as grids show them)."""
    ids = [(await post_note(client, runtime, title=f"Note {n}", **fields))["id"] for n in range(count)]
    return [f"/notes/{note_id}" for note_id in reversed(ids)]


@pytest.fixture(autouse=True)
def chronological_explore(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the grid, not the ranking: Explore's tab shows the newest
    public notes (``home_feeds.latest_public``), so which cards come is plain to see."""
    monkeypatch.setitem(home_feeds.FEED_SOURCES, "explore", home_feeds.latest_public)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(home_feeds, "PAGE_SIZE", 2)
    return 2


async def test_explore_pages_by_cursor_and_the_next_page_is_a_fragment(
    alice: httpx.AsyncClient, runtime: Runtime, small_pages: int
) -> None:
    newest_first = await post_notes(alice, runtime, 5, category="food")
    home = read(await alice.get("/"))
    assert card_links(home) == newest_first[:2]
    more = more_link(home)
    assert more is not None
    # The "Load more" link loads by itself when it scrolls into view, and still on a click.
    assert more.attrs["hx-trigger"] == "click, intersect once"
    assert more.attrs["hx-sync"] == "this:drop"  # a click while it loads asks for nothing twice
    assert more.attrs["hx-target"] == "#card-grid"
    assert more.attrs["hx-swap"] == "beforeend"
    assert more.attrs["href"] == more.attrs["hx-get"]
    assert home.get("card-grid").attrs["class"] == "note-grid"

    second = fragment(await alice.get(more.attrs["hx-get"], headers=HTMX))
    assert card_links(second) == newest_first[2:4]
    # A like without JavaScript comes back to the grid, not to its second page alone.
    back = second.all(lambda element: element.attrs.get("name") == "next")[0]
    assert back.attrs["value"] == "/"
    assert second.get("load-more").attrs["hx-swap-oob"] == "true"
    third_link = more_link(second)
    assert third_link is not None
    third = fragment(await alice.get(third_link.attrs["hx-get"], headers=HTMX))
    assert card_links(third) == newest_first[4:]
    assert more_link(third) is None

    # Without JavaScript the link is a page of its own.
    page_two = read(await alice.get(more.attrs["href"]))
    assert page_two.by_id("main") is not None
    assert card_links(page_two) == newest_first[2:4]


async def test_the_next_page_keeps_the_category(
    alice: httpx.AsyncClient, runtime: Runtime, small_pages: int
) -> None:
    pets = await post_notes(alice, runtime, 3, category="pets")
    await post_notes(alice, runtime, 2, category="food")
    first = read(await alice.get("/?category=pets"))
    assert card_links(first) == pets[:2]
    more = more_link(first)
    assert more is not None
    assert more.attrs["hx-get"].startswith("/?category=pets&cursor=")
    rest = fragment(await alice.get(more.attrs["hx-get"], headers=HTMX))
    assert card_links(rest) == pets[2:]
    assert {element.attrs["value"] for element in rest.all(lambda e: e.attrs.get("name") == "next")} == {
        "/?category=pets"
    }


@pytest.mark.parametrize("cursor", ["nope", "123", "123-", "-5", "1-2-3", "9" * 30 + "-1"])
async def test_a_broken_cursor_is_a_clear_error(client: httpx.AsyncClient, cursor: str) -> None:
    response = await client.get("/", params={"cursor": cursor})
    assert response.status_code == 422
    assert "This page link is not valid." in response.text


async def test_explore_hides_people_the_reader_blocks(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    [note] = await post_notes(alice, runtime, 1)
    assert card_links(read(await bob.get("/"))) == [note]
    await act(bob, "POST", "alice/block")
    assert card_links(read(await bob.get("/"))) == []


async def test_cards_keep_their_cover_shape_within_3_4_and_4_3_over_a_blurhash(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    shapes = {"tall": (100, 300), "wide": (300, 100), "square-ish": (120, 100)}
    ids = {}
    for name, size in shapes.items():
        photo = await ready_photo(alice, runtime, jpeg_bytes(*size))
        ids[name] = (await post_note(alice, runtime, title=name, media_ids=[photo]))["id"]
    home = read(await alice.get("/"))
    by_id = {card.attrs["data-note-id"]: card for card in cards(home)}
    assert set(by_id) == {str(note_id) for note_id in ids.values()}
    expected_heights = {"tall": "43", "wide": "24", "square-ish": "27"}  # 32 wide: 4:3, 3:4, own
    for name, note_id in ids.items():
        card = by_id[str(note_id)]
        [canvas] = [element for element in card.walk() if element.tag == "canvas"]
        assert (canvas.attrs["width"], canvas.attrs["height"]) == ("32", expected_heights[name]), name
        assert len(canvas.attrs["data-blurhash"]) >= 6
        [cover] = [
            element
            for element in card.walk()
            if element.tag == "img" and "avatar" not in element.attrs.get("class", "")
        ]
        assert cover.attrs["loading"] == "lazy"
        assert int(cover.attrs["width"]) > 0
        assert int(cover.attrs["height"]) > 0
        link = next(element for element in card.walk() if "note-card__link" in element.attrs.get("class", ""))
        assert "data-note-link" in link.attrs  # opens over the grid with JavaScript


def like_form(page: Page, note_id: str) -> Element:
    return page.get(f"card-like-{note_id}")


def like_state(form: Element) -> tuple[str, str, str]:
    """(aria-pressed, the count shown, the value the next click sends)."""
    button = next(element for element in form.walk() if element.tag == "button")
    count = next(element for element in form.walk() if element.attrs.get("data-testid") == "card-like-count")
    liked = next(element for element in form.walk() if element.attrs.get("name") == "liked")
    return button.attrs["aria-pressed"], count.text(), liked.attrs["value"]


async def test_like_from_a_card_in_place_and_twice_counts_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    note_id = note["id"]
    form = like_form(read(await bob.get("/")), note_id)
    assert form.attrs["action"] == f"/notes/{note_id}/like"
    assert form.attrs["hx-target"] == "this"
    assert form.attrs["hx-sync"] == "this:drop"
    assert like_state(form) == ("false", "0", "1")
    fields = {
        element.attrs["name"]: element.attrs.get("value", "")
        for element in form.walk()
        if element.tag == "input"
    }
    assert fields["view"] == "card"
    assert fields["next"] == "/"
    assert fields["csrf_token"]

    liked = fragment(await bob.post(f"/notes/{note_id}/like", data=fields, headers=HTMX))
    assert like_state(like_form(liked, note_id)) == ("true", "1", "0")
    # A second click that sent "like" again (a double click) changes nothing.
    again = fragment(await bob.post(f"/notes/{note_id}/like", data=fields, headers=HTMX))
    assert like_state(like_form(again, note_id)) == ("true", "1", "0")
    # Reloaded, the card remembers; the note says so too.
    assert like_state(like_form(read(await bob.get("/")), note_id)) == ("true", "1", "0")
    assert (await bob.get(f"/api/v1/notes/{note_id}")).json()["counts"]["likes"] == 1

    unliked = fragment(await bob.post(f"/notes/{note_id}/like", data={**fields, "liked": "0"}, headers=HTMX))
    assert like_state(like_form(unliked, note_id)) == ("false", "0", "1")


async def test_a_card_like_without_javascript_comes_back_to_the_grid(
    bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    note_id = note["id"]
    back = await post_form(
        bob, f"/notes/{note_id}/like", {"liked": "1", "view": "card", "next": "/?category=other"}
    )
    assert location(back) == "/?category=other"
    assert like_state(like_form(read(await bob.get("/?category=other")), note_id))[0] == "true"
    # Only addresses on this site.
    elsewhere = await post_form(
        bob, f"/notes/{note_id}/like", {"liked": "1", "view": "card", "next": "https://evil.example/"}
    )
    assert location(elsewhere) == f"/notes/{note_id}"


async def test_logged_out_visitors_log_in_to_like_and_come_back(
    client: httpx.AsyncClient, alice: httpx.AsyncClient, note: dict[str, Any], app: Any
) -> None:
    note_id = note["id"]
    async with second_client(app) as visitor:
        home = read(await visitor.get("/?category=other"))
        [link] = [
            element
            for element in cards(home)[0].walk()
            if element.attrs.get("data-testid") == "card-like" and element.tag == "a"
        ]
        assert link.attrs["href"] == "/login?next=/%3Fcategory%3Dother"
        assert home.find_form(f"/notes/{note_id}/like") is None
        # A post anyway (a session that ran out): to log in, then back to the grid.
        posted = await post_form(visitor, f"/notes/{note_id}/like", {"view": "card", "next": "/?tab=explore"})
        assert location(posted) == "/login?next=/%3Ftab%3Dexplore"
        swapped = await visitor.post(
            f"/notes/{note_id}/like",
            data={"view": "card", "next": "/", "csrf_token": visitor.cookies["potluck_csrf"]},
            headers=HTMX,
        )
        assert swapped.headers["hx-redirect"] == "/login?next=/"


async def test_drafts_and_example_cards_have_no_like_button(client: httpx.AsyncClient) -> None:
    home = read(await client.get("/"))
    assert len(cards(home)) >= 10  # the example cards
    assert home.all(lambda element: element.attrs.get("data-testid") == "card-like") == []
    assert home.all(lambda element: "data-note-id" in element.attrs) == []


async def test_a_tab_shows_what_its_source_gives_and_pages_with_its_cursor(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plug-in point: a tab's source decides the cards and the cursors."""
    await post_notes(alice, runtime, 3)
    asked: list[FeedQuery] = []

    async def oldest_first(query: FeedQuery) -> FeedPage:
        asked.append(query)
        everything = await notes.latest_public_cards(query.session, viewer=query.viewer, limit=10)
        everything.reverse()
        start = int(query.cursor or 0)
        return everything[start : start + 2], (str(start + 2) if start + 2 < len(everything) else None)

    monkeypatch.setitem(home_feeds.FEED_SOURCES, "following", oldest_first)
    page = read(await alice.get("/?tab=following"))
    assert [card.text().split()[:2] for card in cards(page)] == [["Note", "0"], ["Note", "1"]]
    assert "panel--empty" not in str(page.root.text())
    more = more_link(page)
    assert more is not None
    assert more.attrs["hx-get"] == "/?tab=following&cursor=2"
    rest = fragment(await alice.get(more.attrs["hx-get"], headers=HTMX))
    assert [card.text().split()[:2] for card in cards(rest)] == [["Note", "2"]]
    assert [query.cursor for query in asked] == [None, "2"]
    assert isinstance(asked[0].viewer, Viewer)
    assert asked[0].viewer.id is not None


async def test_every_grid_page_brings_the_grid_script_and_the_overlay(
    alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    def is_grid_script(element: Element) -> bool:
        return element.tag == "script" and element.attrs.get("src", "").startswith("/static/js/grid.js?v=")

    for path in ("/", "/@alice"):
        page = read(await alice.get(path))
        [grid_script] = page.all(is_grid_script)
        assert grid_script.attrs["type"] == "module"
        assert page.get("note-overlay").tag == "dialog", path
    assert card_links(read(await alice.get("/@alice"))) == [f"/notes/{note['id']}"]
