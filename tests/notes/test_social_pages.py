"""Pages of comments, profile tabs, boards and home."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.factories import log_in, make_user
from tests.accounts.test_pages import Page, location, member, post_form, read, second_client
from tests.notes.factories import post_note
from tests.notes.pages_support import HTMX, card_links, fragment, publish

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
