"""Unread counts go out live on the recipient's channel once the action commits."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.realtime.interface import user_channel
from potluck.runtime import Runtime
from tests.notifications.helpers import comment, like, mark_read, unread
from tests.realtime.helpers import next_event
from tests.social.factories import act, follow


async def user_id(client: httpx.AsyncClient) -> int:
    response = await client.get("/api/v1/me")
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


async def test_a_like_sends_the_new_unread_counts_and_reading_clears_them(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any], runtime: Runtime
) -> None:
    async with runtime.pubsub.subscribe(user_channel(await user_id(alice))) as events:
        await like(bob, note["id"])
        event = await next_event(events)
        assert event["type"] == "notifications.unread"
        assert event["data"] == {
            "total": 1,
            "groups": {"likes_collects": 1, "comments_mentions": 0, "follows": 0},
        }

        await comment(bob, note["id"], "Yum")
        event = await next_event(events)
        assert event["data"]["total"] == 2
        assert event["data"] == await unread(alice), "the event says what a reload would"

        await mark_read(alice, group="comments_mentions")
        assert (await next_event(events))["data"]["groups"]["comments_mentions"] == 0
        await mark_read(alice)
        assert (await next_event(events))["data"]["total"] == 0


async def test_only_the_recipient_hears_and_an_unlike_updates_them(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any], runtime: Runtime
) -> None:
    async with (
        runtime.pubsub.subscribe(user_channel(await user_id(alice))) as alices,
        runtime.pubsub.subscribe(user_channel(await user_id(bob))) as bobs,
    ):
        await like(bob, note["id"])
        assert (await next_event(alices))["data"]["total"] == 1
        await like(bob, note["id"], liked=False)
        assert (await next_event(alices))["data"]["total"] == 0
        await follow(alice, "bob")
        assert (await next_event(bobs))["data"]["groups"]["follows"] == 1
        await act(bob, "POST", "alice/block")
        assert (await next_event(bobs))["data"]["total"] == 0, "a block takes alice's follow out"
