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
from tests.notes.factories import post_note, ready_photo

HTMX = {"HX-Request": "true"}


def note_id_of(response: httpx.Response) -> str:
    match = re.fullmatch(r"/notes/(\d+)", location(response))
    assert match, location(response)
    return match.group(1)


def slides(page: Page) -> list[str]:
    return [
        element.attrs["data-media-id"]
        for element in page.all(lambda element: element.attrs.get("data-testid") == "carousel-slide")
    ]


def tile_ids(page: Page) -> list[str]:
    return [
        element.attrs["data-media-id"]
        for element in page.all(lambda element: "media-tile" in element.attrs.get("class", "").split())
        if "data-media-id" in element.attrs
    ]


def hidden_media_ids(page: Page) -> list[str]:
    return [
        element.attrs["value"]
        for element in page.all(
            lambda element: element.tag == "input" and element.attrs.get("name") == "media_ids"
        )
    ]


def selected(page: Page, select_id: str) -> str:
    options = [
        element
        for element in page.get(select_id).walk()
        if element.tag == "option" and "selected" in element.attrs
    ]
    assert len(options) == 1
    return options[0].attrs["value"]


def card_links(page: Page) -> list[str]:
    return [
        element.attrs["href"]
        for element in page.all(
            lambda element: element.tag == "a" and "note-card__link" in element.attrs.get("class", "")
        )
    ]


def fragment(response: httpx.Response, status: int = 200) -> Page:
    """An htmx fragment: no page around it, nothing a strict CSP would refuse."""
    assert response.status_code == status, (response.status_code, response.text[:2000])
    assert "<html" not in response.text
    page = Page(response.text)
    assert page.inline_problems == []
    return page


async def publish(client: httpx.AsyncClient, runtime: Runtime, **fields: Any) -> str:
    photos = fields.pop("photos", 1)
    media_ids = fields.pop("media_ids", None) or [await ready_photo(client, runtime) for _ in range(photos)]
    data = {"title": "Hotpot night", "body": "", "category": "food", "visibility": "public", **fields}
    response = await post_form(client, "/notes/new", {**data, "media_ids": media_ids, "action": "publish"})
    return note_id_of(response)


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


# --- comments ----------------------------------------------------------------------------------


def comment_ids(page: Page, list_id: str) -> list[str]:
    return [
        child.attrs["id"].removeprefix("comment-")
        for child in page.get(list_id).children
        if child.tag == "li"
    ]


async def test_comment_reply_like_and_delete_with_htmx(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "host_c")
    note_id = await publish(client, runtime)
    async with second_client(app) as guest:
        await make_user(db, username="guest_d", display_name="Guest D")
        await log_in(guest, "guest_d")
        posted = await guest.post(
            f"/notes/{note_id}/comments", data={"body": "Looks <b>tasty</b>!"}, headers=HTMX
        )
        comment = fragment(posted)
        assert posted.headers["hx-retarget"] == "#comment-list"
        assert posted.headers["hx-reswap"] == "afterbegin"
        [item] = comment.all(lambda element: element.tag == "li")
        comment_id = item.attrs["id"].removeprefix("comment-")
        assert comment.testid("comment-body").text() == "Looks <b>tasty</b>!"
        assert "<b>tasty" not in posted.text
        oob = comment.all(lambda element: "hx-swap-oob" in element.attrs)
        assert [element.text() for element in oob] == ["1"]

        reply = await client.post(
            f"/notes/{note_id}/comments", data={"body": "Thank you!", "reply_to": comment_id}, headers=HTMX
        )
        assert reply.headers["hx-retarget"] == f"#replies-{comment_id}"
        assert reply.headers["hx-reswap"] == "beforeend"
        answer = fragment(reply)
        assert "Reply to Guest D" in answer.testid("comment-body").text()
        assert "Author" in answer.root.text()

        liked = fragment(await client.post(f"/comments/{comment_id}/like", data={"liked": "1"}, headers=HTMX))
        assert liked.testid("comment-like").attrs["aria-pressed"] == "true"

        page = read(await guest.get(f"/notes/{note_id}"))
        assert comment_ids(page, "comment-list") == [comment_id]
        assert len(comment_ids(page, f"replies-{comment_id}")) == 1
        assert [e.text() for e in page.all(lambda e: "data-comment-count" in e.attrs)] == ["2", "2"]

        # The guest deletes their comment (and the reply under it goes too).
        gone = await guest.post(f"/comments/{comment_id}/delete", data={"note_id": note_id}, headers=HTMX)
        assert [e.text() for e in fragment(gone).all(lambda e: "hx-swap-oob" in e.attrs)] == ["0"]
        assert comment_ids(read(await guest.get(f"/notes/{note_id}")), "comment-list") == []


async def test_an_empty_comment_is_explained_and_nothing_is_lost(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    await member(client, db, "quiet")
    note_id = await publish(client, runtime)
    refused = await client.post(f"/notes/{note_id}/comments", data={"body": "   "}, headers=HTMX)
    assert refused.status_code == 422
    assert refused.headers["hx-retarget"] == "#comment-form-error"
    assert refused.text.strip() == "Write something first."
    # Without JavaScript the note page comes back with the message and what was typed.
    long = "x" * 501
    page = read(await post_form(client, f"/notes/{note_id}/comments", {"body": long}), 422)
    assert page.get("comment-form-error").text() == "Keep comments to 500 characters."
    assert page.get("comment-body").text() == long
    plain = await post_form(client, f"/notes/{note_id}/comments", {"body": "Hello"})
    assert re.fullmatch(rf"/notes/{note_id}#comment-\d+", location(plain))


async def comment_by_form(client: httpx.AsyncClient, note_id: str, body: str) -> str:
    response = await post_form(client, f"/notes/{note_id}/comments", {"body": body})
    return location(response).rsplit("-", 1)[1]


async def test_the_author_pins_a_comment_and_only_authors_delete(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "pinner")
    note_id = await publish(client, runtime)
    async with second_client(app) as first, second_client(app) as second:
        for other, name in ((first, "early_bird"), (second, "late_owl")):
            await make_user(db, username=name)
            await log_in(other, name)
        early = await comment_by_form(first, note_id, "First!")
        late = await comment_by_form(second, note_id, "Second")
        # Commenters see delete only on their own comment; the author on every one.
        theirs = read(await second.get(f"/notes/{note_id}"))
        assert theirs.actions(r"/comments/\d+/delete") == [f"/comments/{late}/delete"]
        assert theirs.actions(rf"/notes/{note_id}/pin") == []
        assert (await post_form(second, f"/comments/{early}/delete", {"note_id": note_id})).status_code == 403

    page = read(await client.get(f"/notes/{note_id}"))
    assert sorted(page.actions(r"/comments/\d+/delete")) == sorted(
        [f"/comments/{early}/delete", f"/comments/{late}/delete"]
    )
    assert comment_ids(page, "comment-list") == [late, early]
    assert (
        location(await post_form(client, f"/notes/{note_id}/pin", {"comment_id": early}))
        == f"/notes/{note_id}#comments"
    )
    pinned = read(await client.get(f"/notes/{note_id}"))
    assert comment_ids(pinned, "comment-pinned") == [early]
    assert comment_ids(pinned, "comment-list") == [late]
    assert "Pinned" in pinned.get(f"comment-{early}").text()


async def test_more_comments_and_more_replies_load_as_fragments(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "chatty")
    note = await post_note(client, runtime)
    note_id = note["id"]
    first = (await client.post(f"/api/v1/notes/{note_id}/comments", json={"body": "thread"})).json()["id"]
    for n in range(4):
        await client.post(f"/api/v1/notes/{note_id}/comments", json={"body": f"reply {n}", "reply_to": first})
    async with second_client(app) as other:  # comments are rate-limited per person
        await make_user(db, username="chatty_friend")
        await log_in(other, "chatty_friend")
        for n in range(20):
            commenter = client if n < 10 else other
            response = await commenter.post(
                f"/api/v1/notes/{note_id}/comments", json={"body": f"comment {n}"}
            )
            assert response.status_code == 201, response.text
    page = read(await client.get(f"/notes/{note_id}"))
    assert len(comment_ids(page, "comment-list")) == 20
    more = page.get("more-comments")
    [button] = [e for e in more.walk() if e.tag == "a"]
    rest = fragment(await client.get(button.attrs["hx-get"], headers=HTMX))
    items = rest.all(lambda element: element.tag == "li" and element.parent is rest.root)
    assert [item.attrs["id"] for item in items] == [f"comment-{first}"]
    assert len(rest.get(f"replies-{first}").children) == 2
    assert rest.get("more-comments").attrs["hx-swap-oob"] == "true"
    [more_replies] = [e for e in rest.get(f"more-replies-{first}").walk() if e.tag == "button"]
    assert more_replies.text() == "Show 2 more replies"
    replies = fragment(await client.get(more_replies.attrs["hx-get"], headers=HTMX))
    texts = [e.text() for e in replies.all(lambda e: e.attrs.get("data-testid") == "comment-body")]
    assert texts == ["Reply to chatty: reply 2", "Reply to chatty: reply 3"]
    # Without htmx, "More comments" is a link to the note page's next page of comments.
    second_page = read(await client.get(button.attrs["href"]))
    assert comment_ids(second_page, "comment-list") == [first]


# --- profile tabs, boards, home ----------------------------------------------------------------


async def test_profile_tabs_show_notes_boards_and_likes(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime, app: Any
) -> None:
    await member(client, db, "tabby")
    note_id = await publish(client, runtime, title="Cat tax")
    await client.post(f"/notes/{note_id}/like", data={"liked": "1"}, headers=HTMX)
    await client.post(f"/notes/{note_id}/collect", data={"collected": "1"}, headers=HTMX)
    await post_form(client, "/boards/new", {"name": "Secret recipes", "is_private": "1"})

    page = read(await client.get("/@tabby"))
    assert [
        tab.attrs["data-testid"]
        for tab in page.all(lambda e: "profile-tabs__tab" in e.attrs.get("class", ""))
    ] == [
        "tab-notes",
        "tab-collected",
        "tab-liked",
        "tab-drafts",
    ]
    [card] = page.all(lambda element: element.attrs.get("class") == "note-card")
    [image] = [
        element
        for element in card.walk()
        if element.tag == "img" and "/media/" in element.attrs.get("src", "")
    ]
    assert int(image.attrs["width"]) > 0
    assert int(image.attrs["height"]) > 0
    assert any("data-color" in element.attrs for element in card.walk())
    assert card_links(page) == [f"/notes/{note_id}"]
    assert "Cat tax" in card.text()

    liked = read(await client.get("/@tabby?tab=liked"))
    assert card_links(liked) == [f"/notes/{note_id}"]
    mine = read(await client.get("/@tabby?tab=collected"))
    names = [tile.text() for tile in mine.all(lambda e: e.attrs.get("data-testid") == "board-tile")]
    assert names == ["Collected 1 note", "Private board Secret recipes 0 notes"]
    assert mine.find_form("/boards/new") is not None

    async with second_client(app) as visitor:
        theirs = read(await visitor.get("/@tabby?tab=collected"))
        names = [tile.text() for tile in theirs.all(lambda e: e.attrs.get("data-testid") == "board-tile")]
        assert names == ["Collected 1 note"]
        assert theirs.find_form("/boards/new") is None
        # Tabs swap in place with htmx (the page's main content comes back, tabs included).
        swapped = await visitor.get("/@tabby?tab=liked", headers=HTMX)
        assert "<html" not in swapped.text
        assert 'id="profile-tabs"' in swapped.text


async def test_profile_grids_load_more_with_htmx(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "prolific")
    for n in range(21):
        await post_form(client, "/notes/new", {"title": f"Draft {n}", "action": "draft"})
    page = read(await client.get("/@prolific?tab=drafts"))
    assert len(card_links(page)) == 20
    [more] = [e for e in page.get("load-more").walk() if e.tag == "a"]
    assert more.attrs["hx-target"] == "#card-grid"
    rest = fragment(await client.get(more.attrs["hx-get"], headers=HTMX))
    [last] = rest.all(lambda e: e.attrs.get("class") == "note-card")
    assert "Draft 0" in last.text()
    assert [e for e in rest.get("load-more").walk() if e.tag == "a"] == []


async def test_board_owner_renames_hides_and_deletes_a_board(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "boarder")
    board_url = location(await post_form(client, "/boards/new", {"name": "Trips"}))
    board_id = board_url.rsplit("/", 1)[1]
    page = read(await client.get(board_url))
    assert page.get("board-name").text() == "Trips"
    assert page.find_form(f"/boards/{board_id}/delete") is not None

    refused = read(await post_form(client, f"/boards/{board_id}/edit", {"name": "x" * 21}), 422)
    refused.assert_error_next_to("board-name-field", "name")
    assert refused.get("board-name-field").attrs["value"] == "x" * 21

    renamed = await post_form(client, f"/boards/{board_id}/edit", {"name": "Trips 2026", "is_private": "1"})
    assert location(renamed) == board_url
    page = read(await client.get(board_url))
    assert page.get("board-name").text() == "Trips 2026"
    assert page.find_testid("private-badge") is not None
    async with second_client(app) as visitor:
        assert (await visitor.get(board_url)).status_code == 404

    # The default board stays.
    collected = read(await client.get("/@boarder?tab=collected"))
    default_url = next(
        tile.attrs["href"]
        for tile in collected.all(lambda e: e.attrs.get("data-testid") == "board-tile")
        if "Collected" in tile.text()
    )
    assert read(await client.get(default_url)).find_form(f"{default_url}/delete") is None
    assert location(await post_form(client, f"/boards/{board_id}/delete")) == "/@boarder?tab=collected"
    assert (await client.get(board_url)).status_code == 404


async def test_home_shows_the_newest_public_notes_once_there_are_any(
    client: httpx.AsyncClient, db: AsyncSession, runtime: Runtime
) -> None:
    home = read(await client.get("/"))
    assert "First hotpot in Chengdu" in home.root.text(), "example cards before anyone posts"
    await member(client, db, "first_poster")
    public = await publish(client, runtime, title="Real hotpot", category="food")
    await publish(client, runtime, title="Only mine", visibility="private")
    home = read(await client.get("/"))
    assert card_links(home) == [f"/notes/{public}"]
    assert "First hotpot in Chengdu" not in home.root.text()
    assert card_links(read(await client.get("/?category=food"))) == [f"/notes/{public}"]
    empty = read(await client.get("/?category=pets"))
    assert card_links(empty) == []
    assert "No notes in this category yet" in empty.root.text()
