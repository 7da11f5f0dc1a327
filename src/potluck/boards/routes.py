"""Boards JSON API: your boards, someone's public boards, a board's notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from potluck.accounts import service as accounts
from potluck.accounts.auth import ActingViewer, AnyViewer
from potluck.boards import service
from potluck.boards.models import Board
from potluck.kit.schemas import Id
from potluck.kit.viewer import Viewer
from potluck.notes.presenters import board_out, card_out, time_cursor, to_time_cursor
from potluck.notes.schemas import BoardCreate, BoardOut, BoardPage, BoardUpdate, CardPage
from potluck.social import service as social
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

router = APIRouter(prefix="/api/v1", tags=["boards"])

Cursor = Annotated[str | None, Query(max_length=24, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]


async def _boards_of(request: Request, session: DbSession, owner_id: int, viewer: Viewer) -> list[BoardOut]:
    summaries = await service.list_boards(session, owner_id=owner_id, viewer=viewer)
    owner = (await accounts.summaries(session, user_ids=[owner_id]))[owner_id]
    runtime, gettext = runtime_of(request), gettext_for(locale_from_scope(request.scope))
    return [board_out(summary, owner, runtime, gettext) for summary in summaries]


async def _board_out(request: Request, session: DbSession, board: Board, viewer: Viewer) -> BoardOut:
    for summary in await _boards_of(request, session, board.owner_id, viewer):
        if summary.id == board.id:
            return summary
    raise AssertionError("a visible board is listed among its owner's boards")


@router.get("/boards")
async def list_my_boards(request: Request, viewer: ActingViewer, session: DbSession) -> list[BoardOut]:
    """Your boards, the default one first (made on first use), private ones included."""
    assert viewer.id is not None
    await service.default_board(session, owner_id=viewer.id)
    return await _boards_of(request, session, viewer.id, viewer)


@router.post("/boards", status_code=201)
async def create_board(
    body: BoardCreate, *, request: Request, response: Response, viewer: ActingViewer, session: DbSession
) -> BoardOut:
    assert viewer.id is not None
    board = await service.create_board(session, owner_id=viewer.id, **body.model_dump())
    response.headers["Location"] = f"/api/v1/boards/{board.id}"
    return await _board_out(request, session, board, viewer)


@router.get("/users/{username}/boards")
async def list_user_boards(
    username: str, request: Request, viewer: AnyViewer, session: DbSession
) -> list[BoardOut]:
    """A person's public boards (all of them for the owner)."""
    profile = await social.get_profile(session, viewer=viewer, username=username)
    if not profile.full:
        return []
    return await _boards_of(request, session, profile.id, viewer)


@router.get("/boards/{board_id}")
async def get_board(
    board_id: Id,
    *,
    request: Request,
    viewer: AnyViewer,
    session: DbSession,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> BoardPage:
    """A board and its notes, most recently collected first. Private boards are 404 to others."""
    board, rows = await service.board_notes(
        session, board_id=board_id, viewer=viewer, before=time_cursor(cursor), limit=limit
    )
    runtime, gettext = runtime_of(request), gettext_for(locale_from_scope(request.scope))
    return BoardPage(
        board=await _board_out(request, session, board, viewer),
        notes=CardPage(
            items=[card_out(card, runtime, gettext) for card, _ in rows],
            next_cursor=to_time_cursor(rows[-1][1]) if len(rows) == limit else None,
        ),
    )


@router.patch("/boards/{board_id}")
async def update_board(
    board_id: Id, body: BoardUpdate, *, request: Request, viewer: ActingViewer, session: DbSession
) -> BoardOut:
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    board = await service.update_board(session, board_id=board_id, viewer=viewer, **changes)
    return await _board_out(request, session, board, viewer)


@router.delete("/boards/{board_id}", status_code=204)
async def delete_board(board_id: Id, viewer: ActingViewer, session: DbSession) -> None:
    """Delete a board; the notes in it are no longer collected."""
    await service.delete_board(session, board_id=board_id, viewer=viewer)
