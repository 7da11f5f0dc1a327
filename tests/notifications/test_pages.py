"""The notifications page: three tabs, grouped lines, load more, and reading a tab."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.runtime import Runtime
from tests.accounts.factories import make_user
from tests.notes.factories import client_of, post_note
from tests.notifications.helpers import comment, like, unread
from tests.social.factories import follow
from tests.web.test_pages import audit

HTMX = {"HX-Request": "true"}


async def test_the_page_asks_visitors_to_log_in(onlooker: httpx.AsyncClient) -> None:
    response = await onlooker.get("/notifications")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


async def test_each_tab_shows_its_lines_with_unread_counts(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    note: dict[str, Any],
) -> None:
    await like(bob, note["id"])
    await like(carol, note["id"])
    await comment(bob, note["id"], "Where is this place?")
    await follow(carol, "alice")

    response = await alice.get("/notifications")
    assert response.status_code == 200
    page = audit(response.text)
    assert page.problems == []
    assert page.current_nav == ["notifications", "notifications"], "side bar and top bar bell"
    assert "carol and 1 other liked your note" in response.text
    assert "Where is this place?" not in response.text, "comments are on their own tab"
    assert re.findall(r'data-tab="(\w+)"', response.text) == [
        "likes_collects",
        "comments_mentions",
        "follows",
    ]
    assert response.text.count('data-testid="tab-unread"') == 3
    assert 'hx-post="/notifications/read"' in response.text
    assert 'value="likes_collects"' in response.text
    assert "is-unread" in response.text
    assert f'href="/notes/{note["id"]}"' in response.text

    response = await alice.get("/notifications", params={"tab": "comments_mentions"})
    assert "bob commented on your note" in response.text
    assert "Where is this place?" in response.text
    response = await alice.get("/notifications", params={"tab": "follows"})
    assert "carol started following you" in response.text
    assert (await unread(alice))["total"] == 3, "looking does not read: the page's POST does"


async def test_opening_a_tab_marks_it_read(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, note: dict[str, Any]
) -> None:
    await like(bob, note["id"])
    await comment(bob, note["id"], "Yum")
    response = await alice.post("/notifications/read", data={"tab": "likes_collects"}, headers=HTMX)
    assert response.status_code == 204
    assert (await unread(alice))["groups"] == {"likes_collects": 0, "comments_mentions": 1, "follows": 0}

    response = await alice.post("/notifications/read", data={"tab": "comments_mentions"})
    assert response.status_code == 303, "without JavaScript the form comes back to the tab"
    assert response.headers["location"] == "/notifications?tab=comments_mentions"
    assert (await unread(alice))["total"] == 0
    page = await alice.get("/notifications", params={"tab": "comments_mentions"})
    assert "is-unread" not in page.text
    assert 'hx-post="/notifications/read"' not in page.text, "nothing left to read"


async def test_load_more_appends_the_next_lines(
    alice: httpx.AsyncClient, app: Any, db: AsyncSession, note: dict[str, Any]
) -> None:
    for name in ("eve", "finn"):
        await make_user(db, username=name)
        async with client_of(app, name) as person:
            for n in range(12):
                await comment(person, note["id"], f"{name} says {n}")

    response = await alice.get("/notifications", params={"tab": "comments_mentions"})
    assert response.text.count('data-testid="notification"') == 20
    more = re.search(r'hx-get="([^"]+)"[^>]*data-testid="more-notifications"', response.text)
    assert more is not None
    url = more.group(1).replace("&amp;", "&")

    fragment = await alice.get(url, headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert fragment.text.count('data-testid="notification"') == 4
    assert "eve says 0" in fragment.text
    assert 'hx-swap-oob="true"' in fragment.text
    assert "more-notifications" not in fragment.text, "the last page has no more link"


async def test_the_page_speaks_chinese(
    db: AsyncSession, app: Any, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    await make_user(db, username="xiaohong", locale="zh_Hans")
    async with client_of(app, "xiaohong") as xiaohong:
        note = await post_note(xiaohong, runtime, title="火锅")
        await like(bob, note["id"])
        response = await xiaohong.get("/notifications")
        assert "bob 赞了你的笔记" in response.text
        assert "赞和收藏" in response.text
        assert re.search(r'<time class="notification__time"[^>]*>\d+(秒|分钟)前</time>', response.text)
        api = await xiaohong.get("/api/v1/notifications")
        assert api.json()["items"][0]["text"] == "bob 赞了你的笔记"


async def test_the_badge_is_on_every_page_for_members_only(
    alice: httpx.AsyncClient, onlooker: httpx.AsyncClient
) -> None:
    response = await alice.get("/")
    assert "data-notification-badge" in response.text
    assert "/static/js/notifications.js" in response.text
    response = await onlooker.get("/")
    assert "data-notification-badge" not in response.text
    assert "notifications.js" not in response.text


async def test_a_new_follower_gets_a_follow_back_button(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, carol: httpx.AsyncClient, dave: httpx.AsyncClient
) -> None:
    await follow(bob, "alice")
    response = await alice.get("/notifications", params={"tab": "follows"})
    assert "bob started following you" in response.text
    assert re.search(r'<time class="notification__time"[^>]*>\d+ (sec|min)\. ago</time>', response.text)
    button = re.search(
        r'<form class="follow-button"[^>]*action="/@bob/follow".*?</form>', response.text, re.S
    )
    assert button is not None
    assert "Follow back" in button.group(0)

    response = await alice.post("/@bob/follow", data={"action": "follow"}, headers=HTMX)
    assert response.status_code == 200
    assert "Following" in response.text
    response = await alice.get("/notifications", params={"tab": "follows"})
    assert "Follow back" not in response.text
    assert 'aria-pressed="true"' in response.text

    await follow(carol, "alice")
    await follow(dave, "alice")
    response = await alice.get("/notifications", params={"tab": "follows"})
    assert "dave and 2 others started following you" in response.text
    assert 'class="follow-button"' not in response.text, "no single person to follow back in a group"
