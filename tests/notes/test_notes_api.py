"""Writing, publishing, editing, reading and deleting notes through the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.boards.models import Collect
from potluck.comments.models import Comment, CommentLike
from potluck.media import tasks as media_tasks
from potluck.media.models import Media
from potluck.notes.models import Hashtag, NoteHashtag, NoteLike, NoteMention, NoteView
from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.notes.factories import (
    client_of,
    job_context,
    jpeg_with_gps,
    media_dir,
    post_note,
    ready_photo,
    upload,
    without_exif,
)

# An MP4's first box: enough for the upload to be taken as a video (never processed here).
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200


async def create(client: httpx.AsyncClient, **fields: Any) -> httpx.Response:
    body = {"type": "image", "title": "Dumplings", "body": "", "media_ids": [], **fields}
    return await client.post("/api/v1/notes", json=body)


async def uploaded_ids(client: httpx.AsyncClient, count: int) -> list[str]:
    """Uploads still processing (a note may take them; they show once ready)."""
    ids = []
    for _ in range(count):
        response = await upload(client)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids


def assert_invalid(response: httpx.Response, field: str, reason: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert (error["field"], error["reason"]) == (field, reason), error
    assert error["message"]


async def card_ids(client: httpx.AsyncClient, username: str, **params: Any) -> list[str]:
    response = await client.get(f"/api/v1/users/{username}/notes", params=params)
    assert response.status_code == 200, response.text
    return [card["id"] for card in response.json()["items"]]


async def profile(client: httpx.AsyncClient, username: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/users/{username}")
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- photos ------------------------------------------------------------------------------------


async def test_photos_keep_their_order_and_the_first_is_the_cover(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    photos = [await ready_photo(alice, runtime) for _ in range(3)]
    photos = [photos[2], photos[0], photos[1]]
    note = await post_note(alice, runtime, media_ids=photos)

    assert [media["id"] for media in note["media"]] == photos
    assert all(media["status"] == "ready" for media in note["media"])
    cards = (await alice.get("/api/v1/users/alice/notes")).json()["items"]
    assert [card["id"] for card in cards] == [note["id"]]
    assert cards[0]["cover"]["id"] == photos[0]
    assert cards[0]["cover"]["variants"]["grid"]["url"].startswith("/media/")


async def test_a_photo_note_has_at_most_eighteen_photos(alice: httpx.AsyncClient) -> None:
    photos = await uploaded_ids(alice, 19)
    assert_invalid(await create(alice, media_ids=photos), "media_ids", "photo_count")
    response = await create(alice, media_ids=photos[:18])
    assert response.status_code == 201, response.text
    assert len(response.json()["media"]) == 18


async def test_a_published_note_needs_a_photo(alice: httpx.AsyncClient) -> None:
    assert_invalid(await create(alice), "media_ids", "photo_count")


async def test_other_peoples_and_unknown_uploads_cannot_be_used(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    (bobs_photo,) = await uploaded_ids(bob, 1)
    assert_invalid(await create(alice, media_ids=[bobs_photo]), "media_ids", "unknown_media")
    assert_invalid(await create(alice, media_ids=["987654321"]), "media_ids", "unknown_media")


async def test_a_photo_already_in_another_note_cannot_be_used_again(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    photo = await ready_photo(alice, runtime)
    await post_note(alice, runtime, media_ids=[photo])
    assert_invalid(await create(alice, media_ids=[photo]), "media_ids", "media_in_use")


async def test_a_video_cannot_go_on_a_photo_note(alice: httpx.AsyncClient) -> None:
    video = await upload(alice, MP4_HEAD, filename="clip.mp4", content_type="video/mp4")
    assert video.status_code == 201, video.text
    assert video.json()["kind"] == "video"
    assert_invalid(await create(alice, media_ids=[video.json()["id"]]), "media_ids", "wrong_kind")


# --- drafts ------------------------------------------------------------------------------------


async def test_a_draft_without_photos_is_kept_and_shown_only_to_its_author(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient
) -> None:
    response = await create(alice, title="Half an idea", draft=True)
    assert response.status_code == 201, response.text
    draft = response.json()
    assert draft["draft"] is True
    assert draft["published_at"] is None

    assert (await bob.get(f"/api/v1/notes/{draft['id']}")).status_code == 404
    assert await card_ids(bob, "alice") == []
    assert await card_ids(bob, "alice", drafts="true") == []
    assert await card_ids(alice, "alice") == [], "drafts are not among published notes"
    assert await card_ids(alice, "alice", drafts="true") == [draft["id"]]
    assert (await alice.get(f"/api/v1/notes/{draft['id']}")).json()["draft"] is True
    assert (await profile(alice, "alice"))["note_count"] == 0


async def test_publishing_a_draft_shows_it_to_everyone(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    draft = (await create(alice, title="Soon", draft=True)).json()
    assert_invalid(
        await alice.patch(f"/api/v1/notes/{draft['id']}", json={"draft": False}), "media_ids", "photo_count"
    )

    photo = await ready_photo(alice, runtime)
    response = await alice.patch(f"/api/v1/notes/{draft['id']}", json={"draft": False, "media_ids": [photo]})
    assert response.status_code == 200, response.text
    assert response.json()["draft"] is False
    assert response.json()["published_at"] is not None
    assert response.json()["edited_at"] is None, "publishing is not editing"

    assert (await bob.get(f"/api/v1/notes/{draft['id']}")).status_code == 200
    assert await card_ids(bob, "alice") == [draft["id"]]
    assert await card_ids(alice, "alice", drafts="true") == []
    assert (await profile(bob, "alice"))["note_count"] == 1


async def test_a_published_note_cannot_become_a_draft_again(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime)
    assert_invalid(
        await alice.patch(f"/api/v1/notes/{note['id']}", json={"draft": True}), "draft", "published"
    )


# --- words -------------------------------------------------------------------------------------


async def test_titles_are_at_most_twenty_characters_in_any_script(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    for title in ("a" * 20, "成" * 20):
        photo = await ready_photo(alice, runtime)
        response = await create(alice, title=title, media_ids=[photo])
        assert response.status_code == 201, response.text
        assert response.json()["title"] == title
    photo = await ready_photo(alice, runtime)
    for title in ("a" * 21, "成" * 21):
        response = await create(alice, title=title, media_ids=[photo])
        assert_invalid(response, "title", "too_long")
        assert "20" in response.json()["error"]["message"]


async def test_the_text_is_at_most_a_thousand_characters(alice: httpx.AsyncClient, runtime: Runtime) -> None:
    photo = await ready_photo(alice, runtime)
    assert_invalid(await create(alice, body="字" * 1001, media_ids=[photo]), "body", "too_long")
    response = await create(alice, body="字" * 1000, media_ids=[photo])
    assert response.status_code == 201, response.text


async def test_every_mistake_is_reported_at_once(alice: httpx.AsyncClient) -> None:
    response = await create(alice, title="t" * 21, body="b" * 1001, location="l" * 61, media_ids=[])
    assert response.status_code == 422
    errors = response.json()["error"]["errors"]
    assert {(error["field"], error["reason"]) for error in errors} == {
        ("title", "too_long"),
        ("body", "too_long"),
        ("location", "too_long"),
        ("media_ids", "photo_count"),
    }
    assert all(error["message"] for error in errors)


async def test_a_title_too_long_is_not_reported_as_missing(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    photo = await ready_photo(alice, runtime)
    response = await create(alice, title="t" * 21, media_ids=[photo])
    assert_invalid(response, "title", "too_long")
    assert "errors" not in response.json()["error"], "one mistake, reported once"

    note = await post_note(alice, runtime, title="Fine", body="")
    response = await alice.patch(f"/api/v1/notes/{note['id']}", json={"title": "t" * 21})
    assert_invalid(response, "title", "too_long")
    assert "errors" not in response.json()["error"]
    assert_invalid(await alice.patch(f"/api/v1/notes/{note['id']}", json={"title": ""}), "title", "empty")


async def test_an_unknown_category_is_refused(alice: httpx.AsyncClient, runtime: Runtime) -> None:
    photo = await ready_photo(alice, runtime)
    response = await create(alice, category="crypto", media_ids=[photo])
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "category"
    response = await create(alice, category="food", media_ids=[photo])
    assert response.status_code == 201
    assert response.json()["category"] == "food"


async def test_topics_and_mentions_are_read_from_the_words(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    note = await post_note(
        alice,
        runtime,
        title="#TikTokRefugee here",
        body="今天去吃了#成都美食#真香 #tiktokrefugee #2024 C# @bob @nobody_here",
    )
    assert note["hashtags"] == ["TikTokRefugee", "成都美食"]
    assert [person["username"] for person in note["mentions"]] == ["bob"]

    counts = dict((await db.execute(select(Hashtag.key, Hashtag.note_count))).all())
    assert counts == {"tiktokrefugee": 1, "成都美食": 1}


async def test_hostile_html_comes_back_as_the_text_typed(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    title = "<b>hi</b>"
    body = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'
    note = await post_note(alice, runtime, title=title, body=body)
    assert (note["title"], note["body"]) == (title, body)
    seen = (await bob.get(f"/api/v1/notes/{note['id']}")).json()
    assert (seen["title"], seen["body"]) == (title, body)


# --- editing -----------------------------------------------------------------------------------


async def test_only_the_author_edits_a_note(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, title="Mine")
    response = await bob.patch(f"/api/v1/notes/{note['id']}", json={"title": "Yours"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert (await bob.get(f"/api/v1/notes/{note['id']}")).json()["title"] == "Mine"


async def test_changing_the_words_marks_a_note_edited_but_visibility_does_not(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime, body="first #words")
    url = f"/api/v1/notes/{note['id']}"

    response = await alice.patch(url, json={"visibility": "private", "category": "food"})
    assert response.status_code == 200, response.text
    assert response.json()["edited_at"] is None

    response = await alice.patch(url, json={"body": "second #thoughts"})
    assert response.status_code == 200, response.text
    assert response.json()["edited_at"] is not None
    assert response.json()["hashtags"] == ["thoughts"]
    assert response.json()["visibility"] == "private", "fields left out stay as they were"


async def test_editing_topics_moves_topic_counts(
    alice: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    note = await post_note(alice, runtime, body="#hotpot #noodles")
    await alice.patch(f"/api/v1/notes/{note['id']}", json={"body": "#noodles #tea"})
    counts = dict((await db.execute(select(Hashtag.key, Hashtag.note_count))).all())
    assert counts == {"hotpot": 0, "noodles": 1, "tea": 1}


# --- who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", ["private", "followers"])
async def test_notes_not_public_are_hidden_from_others(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, visibility: str
) -> None:
    note = await post_note(alice, runtime, visibility=visibility)
    response = await bob.get(f"/api/v1/notes/{note['id']}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert await card_ids(bob, "alice") == []
    assert (await bob.post(f"/api/v1/notes/{note['id']}/like")).status_code == 404

    mine = await alice.get(f"/api/v1/notes/{note['id']}")
    assert mine.status_code == 200
    assert mine.json()["visibility"] == visibility
    assert await card_ids(alice, "alice") == [note["id"]]


async def test_a_suspended_authors_notes_are_hidden(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, app: Any
) -> None:
    note = await post_note(alice, runtime)
    await make_user(db, username="the_admin", is_admin=True)
    async with client_of(app, "the_admin") as moderator:
        response = await moderator.post("/api/v1/admin/users/alice/suspend", json={"reason": "spam"})
        assert response.status_code == 200, response.text
    assert (await bob.get(f"/api/v1/notes/{note['id']}")).status_code == 404
    assert (await bob.post(f"/api/v1/notes/{note['id']}/comments", json={"body": "hi"})).status_code == 404


async def test_a_persons_notes_page_through_each_exactly_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    written = [(await post_note(alice, runtime, title=f"Note {n}"))["id"] for n in range(5)]
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await bob.get("/api/v1/users/alice/notes", params=params)).json()
        seen += [card["id"] for card in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(written)), "newest first, each once"


# --- deleting ----------------------------------------------------------------------------------


async def test_only_the_author_deletes_a_note(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    note = await post_note(alice, runtime)
    response = await bob.delete(f"/api/v1/notes/{note['id']}")
    assert response.status_code == 403
    assert (await bob.get(f"/api/v1/notes/{note['id']}")).status_code == 200


async def test_a_deleted_note_is_gone_everywhere_with_its_files(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    note = await post_note(alice, runtime, photos=2)
    media_ids = [media["id"] for media in note["media"]]
    files = [
        media_dir(runtime) / Path(variant["url"]).relative_to("/media")
        for media in note["media"]
        for variant in media["variants"].values()
    ]
    assert all(file.is_file() for file in files)
    await bob.post(f"/api/v1/notes/{note['id']}/like")
    board_id = (await bob.post(f"/api/v1/notes/{note['id']}/collect")).json()["board_id"]

    assert (await alice.delete(f"/api/v1/notes/{note['id']}")).status_code == 204

    for client in (alice, bob):
        assert (await client.get(f"/api/v1/notes/{note['id']}")).status_code == 404
        assert await card_ids(client, "alice") == []
        assert (await client.get("/api/v1/users/bob/liked")).json()["items"] == []
        board = (await client.get(f"/api/v1/boards/{board_id}")).json()
        assert board["notes"]["items"] == []
        assert board["board"]["note_count"] == 0
    assert (await alice.delete(f"/api/v1/notes/{note['id']}")).status_code == 404

    await media_tasks.delete_media(job_context(runtime, "media.delete"), media_ids=media_ids)
    rows = await db.execute(select(Media.id).where(Media.id.in_([int(i) for i in media_ids])))
    assert rows.all() == []
    assert not any(file.exists() for file in files)


async def test_deleting_a_note_keeps_another_notes_photo_that_differs_only_in_metadata(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    # The same picture, once straight from the camera and once with its location removed:
    # different uploads whose processed files are the same bytes.
    with_location = jpeg_with_gps()
    doomed = await post_note(alice, runtime, media_ids=[await ready_photo(alice, runtime, with_location)])
    kept = await post_note(
        bob, runtime, media_ids=[await ready_photo(bob, runtime, without_exif(with_location))]
    )

    assert (await alice.delete(f"/api/v1/notes/{doomed['id']}")).status_code == 204
    media_ids = [media["id"] for media in doomed["media"]]
    await media_tasks.delete_media(job_context(runtime, "media.delete"), media_ids=media_ids)

    for variant in kept["media"][0]["variants"].values():
        assert (await alice.get(variant["url"])).status_code == 200, "bob's photo is still there"


async def test_deleting_a_note_leaves_nothing_behind_and_fixes_counts(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    kept = await post_note(alice, runtime, body="#hotpot stays")
    note = await post_note(alice, runtime, body="#hotpot #gone @bob", photos=2)
    url = f"/api/v1/notes/{note['id']}"
    for client in (alice, bob):
        assert (await client.post(f"{url}/like")).status_code == 200
        assert (await client.post(f"{url}/collect")).status_code == 200
    await bob.post(f"/api/v1/notes/{kept['id']}/like")
    await bob.post(f"{url}/views")
    top = (await bob.post(f"{url}/comments", json={"body": "Looks great"})).json()
    await alice.post(f"{url}/comments", json={"body": "Thanks!", "reply_to": top["id"]})
    await alice.post(f"/api/v1/comments/{top['id']}/like")
    assert (await profile(bob, "alice"))["likes_received_count"] == 5
    assert (await profile(bob, "alice"))["note_count"] == 2

    assert (await alice.delete(url)).status_code == 204

    note_id = int(note["id"])
    for model, column in (
        (NoteLike, NoteLike.note_id),
        (Collect, Collect.note_id),
        (Comment, Comment.note_id),
        (NoteHashtag, NoteHashtag.note_id),
        (NoteMention, NoteMention.note_id),
        (NoteView, NoteView.note_id),
        (Media, Media.note_id),
    ):
        left = await db.scalar(select(func.count()).select_from(model).where(column == note_id))
        assert left == 0, model.__tablename__
    assert await db.scalar(select(func.count()).select_from(CommentLike)) == 0
    assert await db.scalar(select(func.count()).select_from(Comment)) == 0

    after = await profile(bob, "alice")
    assert (after["note_count"], after["likes_received_count"]) == (1, 1)
    counts = dict((await db.execute(select(Hashtag.key, Hashtag.note_count))).all())
    assert counts == {"hotpot": 1, "gone": 0}
    assert (await bob.get(f"/api/v1/notes/{kept['id']}")).json()["counts"]["likes"] == 1
