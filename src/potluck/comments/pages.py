"""Comment actions on the note page: comment and reply, like, pin, delete, load more.

With htmx each answers a fragment (the new comment, the like button, more comments); a
plain form goes back to the note, so the thread also works without JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import optional_user, request_viewer
from potluck.comments import service
from potluck.kit.errors import PotluckError
from potluck.notes import service as notes
from potluck.notes.pages import COMMENTS_PER_PAGE, is_htmx, note_context, parse_id, thread_helpers
from potluck.notes.presenters import comment_out, comment_page_out, id_cursor
from potluck.web.deps import DbSession
from potluck.web.forms import FORM_ERROR, errors_of, headers_of, see_other
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

COMMENT_FIELDS = frozenset({"body"})
CommentBody = Annotated[str, Form(max_length=5000)]
FormId = Annotated[str, Form(max_length=20)]


def _optional_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and len(raw) <= 19 else None


async def _thread_scope(request: Request, session: AsyncSession, note_id: int) -> dict[str, Any]:
    """What a comment needs to know about its note to draw itself (and the fresh count)."""
    note = await notes.get_counted_note(session, note_id=note_id, viewer=request_viewer(request))
    return {
        "thread": {"note_id": note.id, "author_id": note.author_id, "comment_count": note.comment_count},
        **thread_helpers(request),
    }


@router.get("/notes/{note_id}/comments")
async def more_comments(
    note_id: str, request: Request, session: DbSession, cursor: str | None = None
) -> Response:
    note_key = parse_id(note_id)
    if not is_htmx(request):
        return see_other(request, f"/notes/{note_key}?comments_before={cursor or ''}#comments")
    viewer = request_viewer(request)
    note = await notes.get_readable_note(session, note_id=note_key, viewer=viewer)
    page = await service.comment_page(
        session, note=note, viewer=viewer, before=id_cursor(cursor), limit=COMMENTS_PER_PAGE
    )
    context = await _thread_scope(request, session, note_key)
    return render(request, "notes/_comment_page.html", {**context, "page": comment_page_out(page)})


@router.get("/comments/{comment_id}/replies")
async def more_replies(
    comment_id: str, request: Request, session: DbSession, cursor: str | None = None
) -> Response:
    comment_key = parse_id(comment_id)
    viewer = request_viewer(request)
    page = await service.list_replies(
        session, comment_id=comment_key, viewer=viewer, after=id_cursor(cursor), limit=COMMENTS_PER_PAGE
    )
    if not page.items:
        return render(request, "notes/_reply_page.html", {"page": None, "thread_id": comment_key})
    note_id = page.items[0].comment.note_id
    if not is_htmx(request):
        return see_other(request, f"/notes/{note_id}#comment-{comment_key}")
    context = await _thread_scope(request, session, note_id)
    return render(
        request,
        "notes/_reply_page.html",
        {**context, "page": comment_page_out(page), "thread_id": comment_key},
    )


@router.post("/notes/{note_id}/comments")
async def comment_submit(
    note_id: str,
    request: Request,
    session: DbSession,
    body: CommentBody = "",
    reply_to: FormId = "",
) -> Response:
    note_key = parse_id(note_id)
    if optional_user(request) is None:
        return see_other(request, f"/login?next=/notes/{note_key}%23comments")
    viewer = request_viewer(request)
    reply_key = _optional_id(reply_to)
    try:
        comment = await service.add_comment(
            session, note_id=note_key, viewer=viewer, body=body, reply_to=reply_key
        )
    except PotluckError as error:
        if error.status_code == 404:
            raise
        errors = errors_of(request, error, fields=COMMENT_FIELDS)
        if is_htmx(request):
            # Shown above the comment box, which keeps what was typed.
            headers = {
                "HX-Retarget": "#comment-form-error",
                "HX-Reswap": "innerHTML",
                **(headers_of(error) or {}),
            }
            message = errors.get("body") or errors.get(FORM_ERROR, "")
            return render(
                request,
                "notes/_comment_error.html",
                {"message": message},
                status_code=error.status_code,
                headers=headers,
            )
        context = await note_context(request, session, note_key)
        context["comment_form"] = {"body": body, "reply_to": reply_key}
        context["comment_errors"] = errors
        return render(
            request, "notes/detail.html", context, status_code=error.status_code, headers=headers_of(error)
        )
    if not is_htmx(request):
        return see_other(request, f"/notes/{note_key}#comment-{comment.id}")
    view = (await service.comment_views(session, comments=[comment], viewer=viewer))[0]
    context = await _thread_scope(request, session, note_key)
    target = f"#replies-{comment.thread_id}" if comment.thread_id else "#comment-list"
    return render(
        request,
        "notes/_new_comment.html",
        {**context, "c": comment_out(view), "is_reply": comment.thread_id is not None},
        headers={"HX-Retarget": target, "HX-Reswap": "beforeend" if comment.thread_id else "afterbegin"},
    )


@router.post("/comments/{comment_id}/like")
async def comment_like_submit(
    comment_id: str, request: Request, session: DbSession, liked: Annotated[str, Form(max_length=1)] = "1"
) -> Response:
    comment_key = parse_id(comment_id)
    if optional_user(request) is None:
        return see_other(request, "/login")
    viewer = request_viewer(request)
    comment = await service.like_comment(session, comment_id=comment_key, viewer=viewer, liked=liked == "1")
    if not is_htmx(request):
        return see_other(request, f"/notes/{comment.note_id}#comment-{comment.id}")
    view = (await service.comment_views(session, comments=[comment], viewer=viewer))[0]
    return render(request, "notes/_comment_like.html", {"c": comment_out(view)})


@router.post("/comments/{comment_id}/delete")
async def comment_delete_submit(
    comment_id: str, request: Request, session: DbSession, note_id: FormId = ""
) -> Response:
    """``note_id`` (from the form) only says where to go back to and whose count to show."""
    comment_key = parse_id(comment_id)
    if optional_user(request) is None:
        return see_other(request, "/login")
    await service.delete_comment(session, comment_id=comment_key, viewer=request_viewer(request))
    note_key = _optional_id(note_id)
    if note_key is None:
        return see_other(request, "/")
    if not is_htmx(request):
        return see_other(request, f"/notes/{note_key}#comments")
    return render(request, "notes/_comment_deleted.html", await _thread_scope(request, session, note_key))


@router.post("/notes/{note_id}/pin")
async def pin_submit(note_id: str, request: Request, session: DbSession, comment_id: FormId = "") -> Response:
    """Pin a comment (or, with no ``comment_id``, unpin); the thread is drawn again."""
    note_key = parse_id(note_id)
    if optional_user(request) is None:
        return see_other(request, f"/login?next=/notes/{note_key}")
    await service.pin_comment(
        session, note_id=note_key, comment_id=_optional_id(comment_id), viewer=request_viewer(request)
    )
    return see_other(request, f"/notes/{note_key}#comments")
