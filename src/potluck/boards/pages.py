"""Board pages: a board and its notes; make, rename, hide and delete boards."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.auth import PageUser, request_viewer, require_page_user
from potluck.accounts.avatars import avatar_url
from potluck.boards import service
from potluck.kit.errors import PotluckError
from potluck.notes.pages import is_htmx, parse_id
from potluck.notes.presenters import time_cursor, to_time_cursor
from potluck.notes.profile_pages import board_tile, card_views
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import errors_of, headers_of, safe_next, see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

BOARD_FIELDS = frozenset({"name", "description"})
NOTES_PER_PAGE = 20
Name = Annotated[str, Form(max_length=200)]
Description = Annotated[str, Form(max_length=1000)]
Flag = Annotated[str, Form(max_length=5)]


def _limits() -> dict[str, int]:
    return {"name": service.MAX_NAME, "description": service.MAX_DESCRIPTION}


@router.get("/boards/new", dependencies=[Depends(require_page_user)])
async def new_board_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    return render(
        request,
        "boards/new.html",
        {
            "form": {"name": "", "description": "", "is_private": False},
            "errors": {},
            "next": safe_next(next, ""),
            "limits": _limits(),
            "nav_active": "me",
        },
    )


@router.post("/boards/new")
async def new_board_submit(
    request: Request,
    user: PageUser,
    session: DbSession,
    *,
    name: Name = "",
    description: Description = "",
    is_private: Flag = "",
    next: Annotated[str, Form(max_length=2000)] = "",  # noqa: A002 - the form field name
) -> Response:
    try:
        board = await service.create_board(
            session, owner_id=user.id, name=name, description=description, is_private=bool(is_private)
        )
    except PotluckError as error:
        return render(
            request,
            "boards/new.html",
            {
                "form": {"name": name, "description": description, "is_private": bool(is_private)},
                "errors": errors_of(request, error, fields=BOARD_FIELDS),
                "next": safe_next(next, ""),
                "limits": _limits(),
                "nav_active": "me",
            },
            status_code=error.status_code,
            headers=headers_of(error),
        )
    return see_other(request, safe_next(next, f"/boards/{board.id}"))


async def _board_page(
    request: Request,
    session: AsyncSession,
    board_id: int,
    *,
    cursor: str | None = None,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    viewer = request_viewer(request)
    runtime = runtime_of(request)
    gettext = gettext_for(locale_from_scope(request.scope))
    board, rows = await service.board_notes(
        session, board_id=board_id, viewer=viewer, before=time_cursor(cursor), limit=NOTES_PER_PAGE
    )
    owner = (await accounts.summaries(session, user_ids=[board.owner_id]))[board.owner_id]
    summary = next(
        summary
        for summary in await service.list_boards(session, owner_id=board.owner_id, viewer=viewer)
        if summary.board.id == board.id
    )
    tile = board_tile(summary, runtime, gettext)
    context = {
        "board": tile,
        "description": board.description,
        "owner": owner,
        "owner_avatar_url": avatar_url(owner.avatar_key),
        "is_owner": viewer.is_user(board.owner_id),
        "cards": card_views([card for card, _ in rows], runtime),
        "next_cursor": to_time_cursor(rows[-1][1]) if len(rows) == NOTES_PER_PAGE else None,
        "tab_url": f"/boards/{board.id}?",
        "form": form
        or {"name": tile["name"], "description": board.description, "is_private": board.is_private},
        "errors": errors or {},
        "limits": _limits(),
        "nav_active": "me" if viewer.is_user(board.owner_id) else "",
    }
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    return render(request, "boards/board.html", context, status_code=status_code)


@router.get("/boards/{board_id}")
async def board_page(
    board_id: str, request: Request, session: DbSession, cursor: str | None = None
) -> Response:
    return await _board_page(request, session, parse_id(board_id), cursor=cursor)


@router.post("/boards/{board_id}/edit", dependencies=[Depends(require_page_user)])
async def board_edit_submit(
    board_id: str,
    request: Request,
    session: DbSession,
    *,
    name: Name = "",
    description: Description = "",
    is_private: Flag = "",
) -> Response:
    board_key = parse_id(board_id)
    board = await service.get_visible_board(session, board_id=board_key, viewer=request_viewer(request))
    try:
        await service.update_board(
            session,
            board_id=board_key,
            viewer=request_viewer(request),
            # The default board keeps its (translated) name.
            name=None if board.is_default else name,
            description=description,
            is_private=bool(is_private),
        )
    except PotluckError as error:
        if error.status_code in {403, 404}:
            raise
        form = {"name": name, "description": description, "is_private": bool(is_private)}
        errors = errors_of(request, error, fields=BOARD_FIELDS)
        return await _board_page(
            request, session, board_key, form=form, errors=errors, status_code=error.status_code
        )
    return see_other(request, f"/boards/{board_key}")


@router.post("/boards/{board_id}/delete")
async def board_delete_submit(
    board_id: str, request: Request, user: PageUser, session: DbSession
) -> Response:
    await service.delete_board(session, board_id=parse_id(board_id), viewer=request_viewer(request))
    return see_other(request, f"/@{user.username}?tab=collected")
