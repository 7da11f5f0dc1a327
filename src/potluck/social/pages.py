"""Follow and block buttons on profiles and notes (forms, swapped in place with htmx)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from potluck.accounts.auth import PageUser, viewer_of
from potluck.social import service
from potluck.social.schemas import RelationshipOut, relationship_out
from potluck.web.deps import DbSession
from potluck.web.forms import see_other
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

Action = Annotated[str, Form(max_length=20)]


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
