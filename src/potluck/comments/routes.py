"""Comments JSON API: comment and reply, like, pin, delete, read threads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from potluck.accounts.auth import ActingViewer, AnyViewer
from potluck.comments import service
from potluck.kit.schemas import Id
from potluck.notes.presenters import comment_out, comment_page_out, id_cursor
from potluck.notes.schemas import CommentCreate, CommentOut, CommentPageOut, PinRequest
from potluck.web.deps import DbSession

router = APIRouter(prefix="/api/v1", tags=["comments"])

Cursor = Annotated[str | None, Query(max_length=24, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]


@router.get("/notes/{note_id}/comments")
async def list_comments(
    note_id: Id, viewer: AnyViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> CommentPageOut:
    """Top-level comments newest first (the pinned one on top of the first page), each with
    its first two replies and ``reply_count``."""
    page = await service.list_comments(
        session, note_id=note_id, viewer=viewer, before=id_cursor(cursor), limit=limit
    )
    return comment_page_out(page)


@router.post("/notes/{note_id}/comments", status_code=201)
async def add_comment(
    note_id: Id, body: CommentCreate, response: Response, viewer: ActingViewer, session: DbSession
) -> CommentOut:
    """Comment on a note, or reply with ``reply_to`` (replies stay two levels deep)."""
    comment = await service.add_comment(
        session, note_id=note_id, viewer=viewer, body=body.body, reply_to=body.reply_to
    )
    response.headers["Location"] = f"/api/v1/comments/{comment.id}"
    page = await service.comment_views(session, comments=[comment], viewer=viewer)
    return comment_out(page[0])


@router.get("/comments/{comment_id}/replies")
async def list_replies(
    comment_id: Id, viewer: AnyViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> CommentPageOut:
    """More replies under a top-level comment, oldest first ("load more")."""
    page = await service.list_replies(
        session, comment_id=comment_id, viewer=viewer, after=id_cursor(cursor), limit=limit
    )
    return comment_page_out(page)


@router.delete("/comments/{comment_id}", status_code=204)
async def delete_comment(comment_id: Id, viewer: ActingViewer, session: DbSession) -> None:
    await service.delete_comment(session, comment_id=comment_id, viewer=viewer)


@router.post("/comments/{comment_id}/like")
async def like_comment(comment_id: Id, viewer: ActingViewer, session: DbSession) -> CommentOut:
    comment = await service.like_comment(session, comment_id=comment_id, viewer=viewer, liked=True)
    return comment_out((await service.comment_views(session, comments=[comment], viewer=viewer))[0])


@router.delete("/comments/{comment_id}/like")
async def unlike_comment(comment_id: Id, viewer: ActingViewer, session: DbSession) -> CommentOut:
    comment = await service.like_comment(session, comment_id=comment_id, viewer=viewer, liked=False)
    return comment_out((await service.comment_views(session, comments=[comment], viewer=viewer))[0])


@router.put("/notes/{note_id}/pin", status_code=204)
async def pin_comment(note_id: Id, body: PinRequest, viewer: ActingViewer, session: DbSession) -> None:
    """Pin one top-level comment on your note (``comment_id: null`` unpins)."""
    await service.pin_comment(session, note_id=note_id, comment_id=body.comment_id, viewer=viewer)
