"""The notes pages over HTTP: compose and edit, the note page, likes, collects, comments,
profile tabs, boards and home.

What a visitor notices: statuses and redirects, what a refused form keeps, that hostile
text shows as text, that hidden notes are missing, and the fragments htmx swaps in. Every
page is also read for what a strict Content-Security-Policy would refuse (``read``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.factories import log_in, make_user
from tests.accounts.test_pages import Page, location, member, post_form, read, second_client
from tests.notes.factories import ready_photo
from tests.notes.pages_support import (
    HTMX,
    card_links,
    fragment,
    hidden_media_ids,
    publish,
    selected,
    slides,
    tile_ids,
)

# --- compose ---------------------------------------------------------------------------------


async def test_anonymous_visitors_are_sent_to_log_in_before_composing(client: httpx.AsyncClient) -> None:
    for response in (await client.get("/notes/new"), await post_form(client, "/notes/new", {"title": "x"})):
        parts = urlsplit(location(response))
        assert parts.path == "/login"
        assert parse_qs(parts.query)["next"] == ["/notes/new"]


async def test_the_compose_page_has_every_field(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "composer")
    page = read(await client.get("/notes/new"))
    form = page.form("/notes/new")
    assert form.attrs["method"] == "post"
    names = {element.attrs.get("name") for element in form.walk() if element.attrs.get("name")}
    assert {"csrf_token", "type", "title", "body", "category", "visibility", "location", "action"} <= names
    picker = page.get("media-file")
    assert picker.attrs["type"] == "file"
    assert "multiple" in picker.attrs
    assert "name" not in picker.attrs, "files go up one by one through the API, not with the form"
    assert page.get("title-count").text() == "0/20"
    assert page.get("body-count").text() == "0/1000"
    visibility = {e.attrs["value"] for e in page.get("note-visibility").walk() if e.tag == "option"}
    assert visibility == {"public", "followers", "private"}
    assert selected(page, "note-category") == "other"
    buttons = {
        e.attrs["value"]: e.text()
        for e in form.walk()
        if e.tag == "button" and e.attrs.get("name") == "action"
    }
    assert buttons == {"draft": "Save draft", "publish": "Publish"}
    assert page.get("compose-form").attrs["data-max"] == "18"
    # A video note takes one video.
    video = read(await client.get("/notes/new?type=video"))
    assert "multiple" not in video.get("media-file").attrs
    assert video.get("compose-form").attrs["data-max"] == "1"
    assert video.get("compose-form").attrs["action"] == "/notes/new"


async def test_publish_from_the_form_keeps_the_photo_order(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "photographer")
    first, second, third = [await ready_photo(client, runtime) for _ in range(3)]
    note_id = await publish(
        client, runtime, title="Dali 大理", body="Three days by the lake", media_ids=[third, first, second]
    )
    page = read(await client.get(f"/notes/{note_id}"))
    assert slides(page) == [third, first, second]
    assert page.testid("note-title").text() == "Dali 大理"
    assert page.testid("note-body").text() == "Three days by the lake"
    assert page.testid("carousel-counter").text() == "1/3"
    images = page.all(
        lambda element: element.tag == "img" and "carousel__image" in element.attrs.get("class", "")
    )
    assert len(images) == 3
    assert all(image.attrs["width"].isdigit() and image.attrs["height"].isdigit() for image in images)
    assert page.find_testid("edited") is None


async def test_a_refused_form_comes_back_with_everything_typed_and_the_photos(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "hasty")
    photos = [await ready_photo(client, runtime) for _ in range(2)]
    data = {
        "title": "A title that is far too long for a note",
        "body": "Body <b>kept</b>\nover two lines",
        "category": "travel",
        "visibility": "private",
        "location": "Chengdu",
        "media_ids": list(reversed(photos)),
        "action": "publish",
    }
    page = read(await post_form(client, "/notes/new", data), 422)
    assert "Keep the title to 20 characters." in page.assert_error_next_to("note-title", "title")
    assert page.get("note-title").attrs["value"] == data["title"]
    assert page.get("note-body").text() == "Body <b>kept</b> over two lines"
    assert selected(page, "note-category") == "travel"
    assert selected(page, "note-visibility") == "private"
    assert page.get("note-location").attrs["value"] == "Chengdu"
    assert tile_ids(page) == list(reversed(photos))
    assert hidden_media_ids(page) == list(reversed(photos))
    assert page.get("title-count").text() == f"{len(data['title'])}/20"
    assert page.invalid_fields() == ["note-title"]


async def test_a_photo_note_needs_a_photo_and_says_so_by_the_photos(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "no_photos")
    response = await post_form(client, "/notes/new", {"title": "Words only", "action": "publish"})
    page = read(response, 422)
    assert page.get("media_ids-error").text() == "A photo note has 1 to 18 photos."
    assert page.get("note-title").attrs["value"] == "Words only"
    # Someone else's upload, or a garbled list, is refused without a crash.
    garbled = await post_form(
        client, "/notes/new", {"title": "x", "media_ids": ["12ab"], "action": "publish"}
    )
    assert "not valid" in read(garbled, 422).get("media_ids-error").text()


async def test_save_a_draft_then_find_it_on_my_drafts_tab_only(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "drafter")
    response = await post_form(client, "/notes/new", {"title": "Half an idea", "action": "draft"})
    assert location(response) == "/@drafter?tab=drafts"
    page = read(await client.get("/@drafter?tab=drafts"))
    assert page.testid("tab-drafts").attrs.get("aria-current") == "page"
    [link] = card_links(page)
    assert re.fullmatch(r"/notes/\d+/edit", link)
    assert "Draft" in page.testid("tab-panel-drafts").text()
    assert card_links(read(await client.get("/@drafter"))) == [], "drafts are not among the notes"

    async with second_client(app) as other:
        await make_user(db, username="curious")
        await log_in(other, "curious")
        theirs = read(await other.get("/@drafter?tab=drafts"))
        assert theirs.find_testid("tab-drafts") is None
        assert theirs.testid("tab-notes").attrs.get("aria-current") == "page"
        assert card_links(theirs) == []
        draft_id = link.split("/")[2]
        assert (await other.get(f"/notes/{draft_id}")).status_code == 404


async def test_a_draft_is_finished_and_published_from_the_edit_page(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "slow_writer")
    await post_form(client, "/notes/new", {"title": "Later", "body": "Some words", "action": "draft"})
    [edit_url] = card_links(read(await client.get("/@slow_writer?tab=drafts")))
    page = read(await client.get(edit_url))
    form = page.form(edit_url)
    buttons = {e.attrs["value"]: e.text() for e in form.walk() if e.attrs.get("name") == "action"}
    assert buttons == {"draft": "Save draft", "publish": "Publish"}
    assert page.get("note-body").text() == "Some words"
    note_url = edit_url.removesuffix("/edit")
    mine = read(await client.get(note_url))
    assert "This is a draft" in mine.root.text()

    photo = await ready_photo(client, runtime)
    published = await post_form(
        client, edit_url, {"title": "Now", "body": "Some words", "media_ids": [photo], "action": "publish"}
    )
    assert location(published) == note_url
    page = read(await client.get(note_url))
    assert "This is a draft" not in page.root.text()
    assert page.find_testid("edited") is None, "publishing a draft is not an edit"
    assert card_links(read(await client.get("/@slow_writer"))) == [note_url]


async def test_only_the_author_edits_and_an_edit_is_marked(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "writer")
    note_id = await publish(client, runtime, title="Before")
    page = read(await client.get(f"/notes/{note_id}/edit"))
    form = page.form(f"/notes/{note_id}/edit")
    assert page.get("note-title").attrs["value"] == "Before"
    assert len(tile_ids(page)) == 1
    assert {e.attrs["value"] for e in form.walk() if e.attrs.get("name") == "action"} == {"publish"}
    assert not page.all(lambda element: element.attrs.get("href") == "/notes/new?type=video")

    async with second_client(app) as other, second_client(app) as anonymous:
        await make_user(db, username="not_writer")
        await log_in(other, "not_writer")
        assert (await other.get(f"/notes/{note_id}/edit")).status_code == 403
        assert (await post_form(other, f"/notes/{note_id}/edit", {"title": "Mine"})).status_code == 403
        assert location(await anonymous.get(f"/notes/{note_id}/edit")).startswith("/login?next=")
        other_view = read(await other.get(f"/notes/{note_id}"))
        assert other_view.actions(rf"/notes/{note_id}/(edit|delete)") == []

    edited = await post_form(
        client,
        f"/notes/{note_id}/edit",
        {"title": "After", "body": "Now with words", "media_ids": tile_ids(page), "action": "publish"},
    )
    assert location(edited) == f"/notes/{note_id}"
    after = read(await client.get(f"/notes/{note_id}"))
    assert after.testid("note-title").text() == "After"
    assert after.testid("edited").text() == "Edited"


async def test_the_note_page_names_the_language_it_is_written_in_in_the_readers_language(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "writer")
    chinese = await publish(client, runtime, title="成都火锅推荐", body="毛肚很新鲜，锅底是牛油的")
    emoji = await publish(client, runtime, title="🍲🍲", body="")
    chip = read(await client.get(f"/notes/{chinese}")).testid("note-language")
    assert chip.text() == "Chinese (Simplified)"
    assert chip.attrs["lang"] == "zh-Hans"
    in_chinese = read(await client.get(f"/notes/{chinese}", headers={"Accept-Language": "zh-CN"}))
    assert in_chinese.testid("note-language").text() == "中文 (简体)"
    assert not read(await client.get(f"/notes/{emoji}")).all(
        lambda element: element.attrs.get("data-testid") == "note-language"
    )


async def test_the_author_deletes_after_confirming_and_lands_on_their_profile(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "tidy")
    note_id = await publish(client, runtime)
    page = read(await client.get(f"/notes/{note_id}"))
    form = page.form(f"/notes/{note_id}/delete")
    confirm = form.parent
    while confirm is not None and confirm.tag != "details":
        confirm = confirm.parent
    assert confirm is not None, "the delete button hides behind a confirmation"
    async with second_client(app) as other:
        await make_user(db, username="vandal")
        await log_in(other, "vandal")
        assert (await post_form(other, f"/notes/{note_id}/delete")).status_code == 403
    assert location(await post_form(client, f"/notes/{note_id}/delete")) == "/@tidy"
    assert (await client.get(f"/notes/{note_id}")).status_code == 404


async def test_hidden_notes_are_missing_for_everyone_else(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "secretive")
    only_me = await publish(client, runtime, visibility="private")
    followers = await publish(client, runtime, visibility="followers")
    mine = read(await client.get(f"/notes/{only_me}"))
    assert "Only you can see this note" in mine.root.text()
    async with second_client(app) as anonymous:
        for note_id in (only_me, followers):
            response = await anonymous.get(f"/notes/{note_id}")
            assert response.status_code == 404
            assert "We could not find that page" in response.text or "does not exist" in response.text
    for path in ("/notes/999999999", "/notes/not-a-number", "/notes/1e5"):
        assert (await client.get(path)).status_code == 404


async def test_hostile_text_shows_as_text_and_topics_and_mentions_link(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await make_user(db, username="friend_li")
    await member(client, db, "mischief")
    title = "<img src=x onerror=alert(1)>"
    body = "<script>alert('body')</script> #成都美食 hi @friend_li and @nobody_at_all"
    note_id = await publish(client, runtime, title=title[:20], body=body)
    response = await client.get(f"/notes/{note_id}")
    page = read(response)
    assert page.testid("note-title").text() == title[:20]
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text
    assert not page.all(lambda element: element.tag == "img" and element.attrs.get("src") == "x")
    links = {a.attrs["href"]: a.text() for a in page.testid("note-body").walk() if a.tag == "a"}
    assert links == {"/topics/%E6%88%90%E9%83%BD%E7%BE%8E%E9%A3%9F": "#成都美食", "/@friend_li": "@friend_li"}


# --- like and collect --------------------------------------------------------------------------


def pressed(page: Page, testid: str) -> bool:
    return page.testid(testid).attrs["aria-pressed"] == "true"


async def test_like_swaps_the_action_bar_and_works_without_javascript(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "author_a")
    note_id = await publish(client, runtime)
    async with second_client(app) as fan, second_client(app) as anonymous:
        await make_user(db, username="fan_b")
        await log_in(fan, "fan_b")
        page = read(await fan.get(f"/notes/{note_id}"))
        form = page.form(f"/notes/{note_id}/like")
        assert form.attrs["hx-target"] == "#note-actions"
        assert not pressed(page, "like-button")

        bar = fragment(await fan.post(f"/notes/{note_id}/like", data={"liked": "1"}, headers=HTMX))
        assert bar.get("note-actions")
        assert pressed(bar, "like-button")
        assert bar.testid("like-count").text() == "1"
        again = fragment(await fan.post(f"/notes/{note_id}/like", data={"liked": "0"}, headers=HTMX))
        assert not pressed(again, "like-button")
        assert again.testid("like-count").text() == "0"

        assert location(await post_form(fan, f"/notes/{note_id}/like", {"liked": "1"})) == (
            f"/notes/{note_id}#note-actions"
        )
        assert read(await fan.get(f"/notes/{note_id}")).testid("like-count").text() == "1"

        # Visitors are asked to log in (htmx gets a full-page redirect).
        assert (
            read(await anonymous.get(f"/notes/{note_id}"))
            .testid("like-button")
            .attrs["href"]
            .startswith("/login")
        )
        refused = await anonymous.post(f"/notes/{note_id}/like", data={"liked": "1"}, headers=HTMX)
        assert refused.status_code == 204
        assert refused.headers["hx-redirect"] == f"/login?next=/notes/{note_id}"


async def test_collect_into_the_default_board_or_another(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "collector")
    note_id = await publish(client, runtime)
    bar = fragment(await client.post(f"/notes/{note_id}/collect", data={"collected": "1"}, headers=HTMX))
    assert pressed(bar, "collect-button")
    assert bar.testid("collect-count").text() == "1"

    made = await post_form(client, "/boards/new", {"name": "Brunch", "next": f"/notes/{note_id}/collect"})
    assert location(made) == f"/notes/{note_id}/collect"
    picker = fragment(await client.get(f"/notes/{note_id}/collect", headers=HTMX))
    boards = {
        button.text(): button
        for button in picker.all(
            lambda element: (
                element.tag == "button" and "board-picker__board" in element.attrs.get("class", "")
            )
        )
    }
    assert list(boards) == ["Collected 1 note", "Brunch 0 notes"]
    assert boards["Collected 1 note"].attrs.get("aria-current") == "true"
    brunch_form = next(f for f in picker.all(lambda e: e.tag == "form") if "Brunch" in f.text())
    brunch_id = next(e.attrs["value"] for e in brunch_form.walk() if e.attrs.get("name") == "board_id")

    moved = fragment(
        await client.post(f"/notes/{note_id}/collect", data={"board_id": brunch_id}, headers=HTMX)
    )
    assert moved.testid("collect-count").text() == "1", "moving a collect does not count twice"
    board = read(await client.get(f"/boards/{brunch_id}"))
    assert card_links(board) == [f"/notes/{note_id}"]

    uncollected = fragment(
        await client.post(f"/notes/{note_id}/collect", data={"collected": "0"}, headers=HTMX)
    )
    assert not pressed(uncollected, "collect-button")
    assert card_links(read(await client.get(f"/boards/{brunch_id}"))) == []
