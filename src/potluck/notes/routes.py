"""Notes JSON API: write and read notes, like, collect, count views, profile tabs."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from potluck.accounts.auth import ActingViewer, AnyViewer, visitor_key
from potluck.boards import service as boards
from potluck.comments import service as comments
from potluck.kit.schemas import Id
from potluck.kit.viewer import Viewer
from potluck.notes import service, views
from potluck.notes.cache import anonymous_note_key
from potluck.notes.presenters import (
    card_out,
    counts_of,
    id_cursor,
    note_out,
    time_cursor,
    to_time_cursor,
)
from potluck.notes.schemas import (
    CardPage,
    CollectRequest,
    CollectResult,
    LikeResult,
    NoteCreate,
    NoteOut,
    NoteUpdate,
)
from potluck.social import service as social
from potluck.web.boundary import request_session
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.shared_reads import SharedRead

router = APIRouter(prefix="/api/v1", tags=["notes"])

Cursor = Annotated[str | None, Query(max_length=24, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]


async def _note_response(request: Request, session: DbSession, note_id: int, viewer: Viewer) -> NoteOut:
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    collected = await boards.collected_boards(session, viewer=viewer, note_ids=[note_id])
    page = await comments.comment_page(session, note=detail.note, viewer=viewer, before=None, limit=20)
    return note_out(
        detail,
        runtime_of(request),
        gettext_for(locale_from_scope(request.scope)),
        board_id=collected.get(note_id),
        comments=page,
    )


@router.post("/notes", status_code=201)
async def create_note(
    body: NoteCreate, request: Request, response: Response, viewer: ActingViewer, session: DbSession
) -> NoteOut:
    """Post a note (or save a draft with ``draft: true``). Upload the photos or video first
    with ``POST /api/v1/media`` and list their IDs in order: the first is the cover."""
    assert viewer.id is not None
    note = await service.create_note(session, author_id=viewer.id, **body.model_dump())
    response.headers["Location"] = f"/api/v1/notes/{note.id}"
    return await _note_response(request, session, note.id, viewer)


@router.get("/notes/{note_id}", response_model=NoteOut)
async def get_note(note_id: Id, request: Request, viewer: AnyViewer) -> NoteOut | Response:
    """A note with its photos, topics, counts, the viewer's like and collect, and the first
    page of comments. 404 for notes that do not exist or that the viewer may not see.

    Logged-out visitors share a copy that is up to ``anonymous_cache_seconds`` old in its
    counts and comments (edits and deletions show at once)."""
    if viewer.id is not None:
        return await _note_response(request, request_session(request), note_id, viewer)
    runtime = runtime_of(request)

    async def read() -> bytes:
        # The session is opened only on a miss: a hit touches no table and commits nothing.
        note = await _note_response(request, request_session(request), note_id, viewer)
        return note.model_dump_json().encode()

    body = await runtime.cache.get_or_fill(
        anonymous_note_key(note_id, locale_from_scope(request.scope)),
        ttl=runtime.settings.anonymous_cache_seconds,
        fill=read,
    )
    return Response(body, media_type="application/json")


def shared_reads() -> list[SharedRead]:
    """The logged-out note read, for :class:`~potluck.web.shared_reads.SharedReadMiddleware`."""
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is get_note)
    return [
        SharedRead(
            path=re.compile(r"/api/v1/notes/([0-9]{1,19})"),
            key=lambda match, locale, _query: anonymous_note_key(int(match[1]), locale),
            route=route,
        )
    ]


@router.patch("/notes/{note_id}")
async def update_note(
    note_id: Id, body: NoteUpdate, request: Request, viewer: ActingViewer, session: DbSession
) -> NoteOut:
    changes = {
        name: getattr(body, name) for name in body.model_fields_set if name not in {"latitude", "longitude"}
    }
    if body.model_fields_set & {"latitude", "longitude"}:
        changes["position"] = (body.latitude, body.longitude)
    await service.update_note(session, note_id=note_id, viewer=viewer, **changes)
    return await _note_response(request, session, note_id, viewer)


@router.delete("/notes/{note_id}", status_code=204)
async def delete_note(note_id: Id, viewer: ActingViewer, session: DbSession) -> None:
    """Delete a note with its comments, likes and collects; its files follow in a job."""
    await service.delete_note(session, note_id=note_id, viewer=viewer)


@router.post("/notes/{note_id}/like")
async def like_note(note_id: Id, viewer: ActingViewer, session: DbSession) -> LikeResult:
    note = await service.like_note(session, note_id=note_id, viewer=viewer, liked=True)
    return LikeResult(liked=True, counts=counts_of(note))


@router.delete("/notes/{note_id}/like")
async def unlike_note(note_id: Id, viewer: ActingViewer, session: DbSession) -> LikeResult:
    note = await service.like_note(session, note_id=note_id, viewer=viewer, liked=False)
    return LikeResult(liked=False, counts=counts_of(note))


@router.post("/notes/{note_id}/collect")
async def collect_note(
    note_id: Id, viewer: ActingViewer, session: DbSession, body: CollectRequest | None = None
) -> CollectResult:
    """Keep the note in one of your boards (the default one unless ``board_id`` is given);
    collecting it again into another board moves it there."""
    note, board = await boards.collect_note(
        session, note_id=note_id, viewer=viewer, board_id=body.board_id if body else None
    )
    return CollectResult(collected=True, board_id=board.id, counts=counts_of(note))


@router.delete("/notes/{note_id}/collect")
async def uncollect_note(note_id: Id, viewer: ActingViewer, session: DbSession) -> CollectResult:
    note = await boards.uncollect_note(session, note_id=note_id, viewer=viewer)
    return CollectResult(collected=False, board_id=None, counts=counts_of(note))


@router.post("/notes/{note_id}/views", status_code=204)
async def record_view(note_id: Id, request: Request, viewer: AnyViewer, session: DbSession) -> None:
    """Count a view (the note page sends this once shown). A viewer counts once a day;
    visitors are told apart by a daily hash of their address and browser."""
    await views.record_view(session, note_id=note_id, viewer=viewer, visitor=visitor_key(request))


# --- profile tabs --------------------------------------------------------------------------


@router.get("/users/{username}/notes")
async def list_user_notes(
    username: str,
    *,
    request: Request,
    viewer: AnyViewer,
    session: DbSession,
    cursor: Cursor = None,
    limit: Limit = 20,
    drafts: bool = False,
) -> CardPage:
    """A person's notes, newest first (their own drafts with ``drafts=true``)."""
    profile = await social.get_profile(session, viewer=viewer, username=username)
    if not profile.full:
        return CardPage(items=[], next_cursor=None)
    cards = await service.list_author_notes(
        session, author_id=profile.id, viewer=viewer, drafts=drafts, before=id_cursor(cursor), limit=limit
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    return CardPage(
        items=[card_out(card, runtime, gettext) for card in cards],
        next_cursor=str(cards[-1].note.id) if len(cards) == limit else None,
    )


@router.get("/users/{username}/liked")
async def list_liked_notes(
    username: str,
    *,
    request: Request,
    viewer: AnyViewer,
    session: DbSession,
    cursor: Cursor = None,
    limit: Limit = 20,
) -> CardPage:
    """Notes a person liked, most recent like first."""
    profile = await social.get_profile(session, viewer=viewer, username=username)
    if not profile.full:
        return CardPage(items=[], next_cursor=None)
    rows = await service.list_liked_notes(
        session, user_id=profile.id, viewer=viewer, before=time_cursor(cursor), limit=limit
    )
    gettext = gettext_for(locale_from_scope(request.scope))
    runtime = runtime_of(request)
    return CardPage(
        items=[card_out(card, runtime, gettext) for card, _ in rows],
        next_cursor=to_time_cursor(rows[-1][1]) if len(rows) == limit else None,
    )
