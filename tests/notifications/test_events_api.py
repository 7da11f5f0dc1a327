"""Comments, replies, mentions and follow requests: one line per event, told to the right
people, never about their own actions and never across a block."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.notes.factories import post_note
from tests.notifications.helpers import comment, like, notifications, texts, unread
from tests.social.factories import act, follow, make_private


async def test_a_comment_tells_the_author_with_its_words(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    first = await comment(bob, note["id"], "Which   restaurant\nis this?")
    second = await comment(bob, note["id"], "Never mind, found it")
    items = await notifications(alice, kind="comments_mentions")
    assert [item["text"] for item in items] == ["bob commented on your note"] * 2
    assert [item["comment"] for item in items] == [
        {"id": second, "snippet": "Never mind, found it"},
        {"id": first, "snippet": "Which restaurant is this?"},
    ]
    assert items[0]["note"]["title"] == "Hotpot night"
    assert items[0]["group"] == "comments_mentions"
    assert items[0]["url"] == f"/notes/{note['id']}#comment-{second}"


async def test_a_reply_tells_the_person_answered_and_the_author_once(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    thread = await comment(bob, note["id"], "So spicy!")
    await comment(alice, note["id"], "Thanks @bob", reply_to=thread)
    assert await texts(bob) == ["alice replied to your comment"], "a reply that mentions tells once"

    await comment(carol, note["id"], "Agreed @alice @bob", reply_to=thread)
    assert await texts(bob) == ["carol replied to your comment", "alice replied to your comment"]
    assert await texts(alice) == ["carol commented on your note", "bob commented on your note"]


async def test_mentions_in_a_comment_tell_the_people_named(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await comment(bob, note["id"], "@carol you have to try this, and @nobody_here too")
    [item] = await notifications(carol)
    assert item["kind"] == "comment_mention"
    assert item["text"] == "bob mentioned you in a comment"
    assert item["comment"]["snippet"].startswith("@carol you have to try this")
    assert item["note"]["id"] == note["id"]


async def test_mentions_in_a_note_tell_people_once_when_it_is_published(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    draft = await post_note(alice, runtime, title="Dinner", body="With @bob", draft=True)
    assert await notifications(bob) == [], "drafts tell nobody"

    response = await alice.patch(f"/api/v1/notes/{draft['id']}", json={"draft": False})
    assert response.status_code == 200, response.text
    [item] = await notifications(bob)
    assert (item["kind"], item["text"]) == ("note_mention", "alice mentioned you in a note")
    assert item["note"]["title"] == "Dinner"

    response = await alice.patch(f"/api/v1/notes/{draft['id']}", json={"body": "With @bob and @carol"})
    assert response.status_code == 200, response.text
    assert await texts(bob) == ["alice mentioned you in a note"], "an edit does not tell again"
    assert await texts(carol) == ["alice mentioned you in a note"], "the newly mentioned hear of it"


async def test_only_people_who_may_read_a_note_hear_of_their_mention(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    await follow(bob, "alice")
    await post_note(alice, runtime, title="Just me", body="@bob @carol", visibility="private")
    await post_note(alice, runtime, title="Friends", body="@bob @carol", visibility="followers")
    assert await texts(bob, kind="comments_mentions") == ["alice mentioned you in a note"]
    assert await notifications(carol) == []


async def test_nobody_is_told_about_their_own_comments(
    alice: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    thread = await comment(alice, note["id"], "Recipe below, @alice")
    await comment(alice, note["id"], "Step one", reply_to=thread)
    response = await alice.post(f"/api/v1/comments/{thread}/like")
    assert response.status_code == 200, response.text
    assert await notifications(alice) == []


async def test_follow_requests_wait_in_the_follows_tab_and_approval_tells_the_requester(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient
) -> None:
    await make_private(alice)
    await follow(bob, "alice")
    await follow(carol, "alice")
    [item] = await notifications(alice, kind="follows")
    assert (item["kind"], item["text"]) == ("follow_request", "carol and 1 other asked to follow you")
    assert item["url"] == "/follow-requests"

    await act(carol, "DELETE", "alice/follow")  # withdrawn
    assert await texts(alice) == ["bob asked to follow you"]

    response = await alice.post("/api/v1/follow-requests", json={"username": "bob", "decision": "approve"})
    assert response.status_code == 200, response.text
    assert await texts(bob) == ["alice accepted your follow request"]
    assert await texts(alice) == ["bob started following you"], "the request is answered"


async def test_a_declined_request_leaves_quietly(alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> None:
    await make_private(alice)
    await follow(bob, "alice")
    response = await alice.post("/api/v1/follow-requests", json={"username": "bob", "decision": "decline"})
    assert response.status_code == 200, response.text
    assert await notifications(alice) == []
    assert await notifications(bob) == []


async def test_a_block_takes_each_out_of_the_others_notifications(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await like(carol, note["id"])
    await comment(bob, note["id"], "First!")
    await follow(bob, "alice")
    assert (await unread(alice))["total"] == 3

    await act(alice, "POST", "bob/block")
    assert await texts(alice) == ["carol liked your note"]
    assert (await unread(alice))["total"] == 1


async def test_nothing_passes_to_someone_who_blocks_you_or_whom_you_block(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    carols_note = await post_note(carol, runtime, title="Open to all")
    await act(alice, "POST", "bob/block")
    await comment(bob, carols_note["id"], "@alice look at this")  # alice blocks bob
    thread = await comment(alice, carols_note["id"], "Lovely, @bob")  # bob is blocked by alice
    await comment(bob, carols_note["id"], "Replying anyway", reply_to=thread)
    assert await notifications(alice) == []
    assert await notifications(bob) == []
    assert len(await notifications(carol)) == 3, "carol is told of every comment on her note"


async def test_a_mention_in_a_comment_reaches_only_people_who_may_read_the_note(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, runtime: Runtime
) -> None:
    await follow(bob, "alice")
    friends_only = await post_note(alice, runtime, title="Friends", visibility="followers")
    await comment(alice, friends_only["id"], "@bob @carol come over")
    assert await texts(bob) == ["alice mentioned you in a comment"]
    assert await notifications(carol) == [], "carol cannot read the note"
    assert (await unread(carol))["total"] == 0
