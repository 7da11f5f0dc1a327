"""Follow and block buttons on profiles and notes (forms, swapped in place with htmx)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from potluck.accounts.auth import PageUser, request_viewer, viewer_of
from potluck.accounts.service import Profile
from potluck.kit.errors import Forbidden
from potluck.social import service
from potluck.social.routes import page_cursor, people_out
from potluck.social.schemas import PeoplePage, RelationshipOut, relationship_out
from potluck.web.deps import DbSession
from potluck.web.forms import see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

Action = Annotated[str, Form(max_length=20)]
Cursor = Annotated[str | None, Query(max_length=40)]


def _button(request: Request, username: str, relation: RelationshipOut) -> Response:
    if request.headers.get("hx-request") != "true":  # a plain form goes back to the profile
        return see_other(request, f"/@{username}")
    return render(request, "social/_follow_button.html", {"username": username, "relation": relation})


@router.post("/@{username}/follow")
async def follow_submit(
    username: str, request: Request, user: PageUser, session: DbSession, action: Action = "follow"
) -> Response:
    viewer = viewer_of(user)
    if action == "unfollow":
        relationship = await service.unfollow(session, viewer=viewer, username=username)
    else:
        relationship = await service.follow(session, viewer=viewer, username=username)
    return _button(request, username, relationship_out(username, relationship))


@router.post("/@{username}/block")
async def block_submit(
    username: str, request: Request, user: PageUser, session: DbSession, action: Action = "block"
) -> Response:
    viewer = viewer_of(user)
    if action == "unblock":
        relationship = await service.unblock(session, viewer=viewer, username=username)
    else:
        relationship = await service.block(session, viewer=viewer, username=username)
    return _button(request, username, relationship_out(username, relationship))


@router.post("/@{username}/mute")
async def mute_submit(
    username: str, request: Request, user: PageUser, session: DbSession, action: Action = "mute"
) -> Response:
    await service.mute(session, viewer=viewer_of(user), username=username, muted=action != "unmute")
    return see_other(request, f"/@{username}")


# --- lists of people ---------------------------------------------------------------------


def _people_page(
    request: Request,
    *,
    heading: str,
    kind: str,
    page: PeoplePage,
    owner: Profile | None,
    empty: str,
) -> Response:
    relations = {
        person.username: RelationshipOut(
            username=person.username,
            following=person.followed_by_me,
            requested=False,
            followed_by=False,
            blocking=False,
            muting=False,
        )
        for person in page.items
    }
    more = f"{request.url.path}?cursor={page.next_cursor}" if page.next_cursor else None
    context = {
        "heading": heading,
        "kind": kind,
        "owner": owner,
        "people": page.items,
        "relations": relations,
        "next_url": more,
        "empty": empty,
        "notice": None,
    }
    return render(request, "social/people.html", context)


@router.get("/@{username}/followers")
async def followers_page(
    username: str, request: Request, session: DbSession, cursor: Cursor = None
) -> Response:
    return await _list_page(request, session, username, "followers", cursor)


@router.get("/@{username}/following")
async def following_page(
    username: str, request: Request, session: DbSession, cursor: Cursor = None
) -> Response:
    return await _list_page(request, session, username, "following", cursor)


async def _list_page(
    request: Request, session: DbSession, username: str, kind: str, cursor: str | None
) -> Response:
    viewer = request_viewer(request)
    gettext = gettext_for(locale_from_scope(request.scope))
    owner = await service.get_profile(session, viewer=viewer, username=username)
    heading = gettext("Followers") if kind == "followers" else gettext("Following")
    try:
        found = await service.list_people(
            session, viewer=viewer, username=username, direction=kind, before=page_cursor(cursor), limit=30
        )
    except Forbidden as refusal:
        context = {"heading": heading, "kind": kind, "owner": owner, "people": [], "relations": {}}
        context |= {"next_url": None, "empty": "", "notice": refusal.translated(gettext)}
        return render(request, "social/people.html", context, status_code=refusal.status_code)
    empty = gettext("No followers yet.") if kind == "followers" else gettext("Not following anyone yet.")
    page = await people_out(session, viewer, found)
    return _people_page(request, heading=heading, kind=kind, page=page, owner=owner, empty=empty)


@router.get("/follow-requests")
async def requests_page(
    request: Request, user: PageUser, session: DbSession, cursor: Cursor = None
) -> Response:
    viewer = viewer_of(user)
    gettext = gettext_for(locale_from_scope(request.scope))
    found = await service.list_requests(session, viewer=viewer, before=page_cursor(cursor), limit=30)
    page = await people_out(session, viewer, found)
    return _people_page(
        request,
        heading=gettext("Follow requests"),
        kind="requests",
        page=page,
        owner=None,
        empty=gettext("No one is waiting for your answer."),
    )


@router.post("/follow-requests")
async def answer_request_submit(
    request: Request,
    user: PageUser,
    session: DbSession,
    username: Annotated[str, Form(max_length=60)],
    decision: Action = "approve",
) -> Response:
    await service.answer_request(
        session, viewer=viewer_of(user), username=username, approve=decision == "approve"
    )
    return see_other(request, "/follow-requests")


# --- settings: blocked and muted accounts ------------------------------------------------


@router.get("/settings/blocked")
async def blocked_page(
    request: Request, user: PageUser, session: DbSession, kind: str = "blocked", cursor: Cursor = None
) -> Response:
    """The accounts the person blocks (or mutes), each with a button to undo it."""
    viewer = viewer_of(user)
    muted = kind == "muted"
    gettext = gettext_for(locale_from_scope(request.scope))
    found = await service.list_blocked_or_muted(
        session, viewer=viewer, muted=muted, before=page_cursor(cursor), limit=30
    )
    page = await people_out(session, viewer, found)
    more = f"/settings/blocked?kind={'muted' if muted else 'blocked'}&cursor={page.next_cursor}"
    context = {
        "settings_tab": "blocked",
        "kind": "muted" if muted else "blocked",
        "people": page.items,
        "next_url": more if page.next_cursor else None,
        "empty": gettext("You mute no one.") if muted else gettext("You block no one."),
    }
    return render(request, "social/blocked.html", context)


@router.post("/settings/blocked")
async def unblock_submit(
    request: Request,
    user: PageUser,
    session: DbSession,
    username: Annotated[str, Form(max_length=60)],
    action: Action = "unblock",
) -> Response:
    viewer = viewer_of(user)
    if action == "unmute":
        await service.mute(session, viewer=viewer, username=username, muted=False)
        return see_other(request, "/settings/blocked?kind=muted")
    await service.unblock(session, viewer=viewer, username=username)
    return see_other(request, "/settings/blocked")
