"""Notes web pages: read a note, like and collect it (composing and editing are in
``compose_pages``).

Pages call the same services as the JSON API and show the same shapes (``note_out``), so a
note looks alike to the API and in the browser. Forms work without JavaScript; htmx swaps
the action bar in place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from babel.dates import format_date, format_skeleton, format_timedelta
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.auth import PageUser, optional_user, request_viewer
from potluck.boards import service as boards
from potluck.comments import service as comments
from potluck.kit.errors import NotFound, PotluckError
from potluck.kit.i18n import N_
from potluck.kit.language import normalise_language
from potluck.kit.time import utcnow
from potluck.media.schemas import MediaOut
from potluck.notes import service, text
from potluck.notes.models import Category
from potluck.notes.presenters import id_cursor, note_out
from potluck.social import service as social
from potluck.social.schemas import relationship_out
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import headers_of, safe_next, see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

COMMENTS_PER_PAGE = 20
MAX_ID_LENGTH = 19

CATEGORY_LABELS: dict[str, str] = {
    Category.FOOD: N_("Food"),
    Category.TRAVEL: N_("Travel"),
    Category.BEAUTY: N_("Beauty"),
    Category.FASHION: N_("Fashion"),
    Category.HOME: N_("Home & living"),
    Category.FITNESS: N_("Fitness"),
    Category.PETS: N_("Pets"),
    Category.PARENTING: N_("Parenting"),
    Category.STUDY: N_("Study"),
    Category.OTHER: N_("Other"),
}


def parse_id(raw: str) -> int:
    """A path's ID; anything that is not one is a page that does not exist."""
    if not raw.isdigit() or len(raw) > MAX_ID_LENGTH:
        raise NotFound(N_("We could not find that page."), reason="not_found")
    return int(raw)


def page_gettext(request: Request) -> Any:
    return gettext_for(locale_from_scope(request.scope))


def is_htmx(request: Request) -> bool:
    """An htmx request wants a fragment back; a plain form post wants a redirect."""
    return request.headers.get("hx-request") == "true"


# --- reading a note --------------------------------------------------------------------------


def moment_formatter(request: Request) -> Callable[[datetime], str]:
    """When something happened, as people say it: "5 minutes ago", then a date."""
    locale = locale_from_scope(request.scope)
    gettext = page_gettext(request)

    def moment(value: datetime) -> str:
        age = utcnow() - value
        if age < timedelta(minutes=1):
            return str(gettext(N_("Just now")))
        if age < timedelta(days=7):
            return format_timedelta(-age, add_direction=True, locale=locale)
        if value.year == utcnow().year:
            return format_skeleton("MMMd", value, locale=locale)
        return format_date(value, format="medium", locale=locale)

    return moment


def thread_helpers(request: Request) -> dict[str, Any]:
    """The functions comment templates call, for pages and fragments alike, and which
    languages the reader reads (a Translate link on the others)."""
    reader = getattr(request.state, "reader", None) or _interface_reader(request)
    return {"comment_html": comment_html, "moment": moment_formatter(request), **reader}


def _interface_reader(request: Request) -> dict[str, Any]:
    target = normalise_language(locale_from_scope(request.scope)) or "en"
    return {"translate_to": target, "reader_reads": frozenset({target}), "auto_translate": False}


async def reader_context(request: Request, session: AsyncSession) -> dict[str, Any]:
    """The language translations are asked in (the interface's), the languages the reader
    reads without them (that one and those they speak) and whether to translate at once."""
    reader = _interface_reader(request)
    viewer = request_viewer(request)
    if viewer.id is not None:
        preferences = await accounts.reading_preferences(session, user_id=viewer.id)
        if preferences is not None:
            spoken = {code for tag in preferences.languages if (code := normalise_language(tag))}
            reader["reader_reads"] = reader["reader_reads"] | spoken
            reader["auto_translate"] = preferences.auto_translate
    request.state.reader = reader
    return reader


def comment_html(body: str) -> Markup:
    """A comment's words, escaped, with #topics linked (comments keep no mention records)."""
    return text.to_html(body, text.Links())


def _carousel_ratio(media: list[MediaOut]) -> str:
    """The frame's shape follows the first photo, within 3:4 (tall) and 4:3 (wide)."""
    first = media[0] if media else None
    if first is None or not first.width or not first.height:
        return "3x4"
    shape = first.width / first.height
    return min(
        ("3x4", 0.75),
        ("4x5", 0.8),
        ("1x1", 1.0),
        ("5x4", 1.25),
        ("4x3", 4 / 3),
        key=lambda r: abs(r[1] - shape),
    )[0]


async def note_context(
    request: Request, session: AsyncSession, note_id: int, *, comments_before: int | None = None
) -> dict[str, Any]:
    """Everything the note page shows: the note as the API has it, its text as HTML, and
    the first page of comments."""
    viewer = request_viewer(request)
    await reader_context(request, session)
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    collected = await boards.collected_boards(session, viewer=viewer, note_ids=[note_id])
    page = await comments.comment_page(
        session, note=detail.note, viewer=viewer, before=comments_before, limit=COMMENTS_PER_PAGE
    )
    note = note_out(
        detail, runtime_of(request), page_gettext(request), board_id=collected.get(note_id), comments=page
    )
    links = text.Links(usernames=frozenset(person.username.casefold() for person in note.mentions))
    gettext = page_gettext(request)
    relation = None
    if viewer.id is not None and not viewer.is_user(note.author.id):
        relationship = await social.relationship(session, viewer=viewer, user_id=note.author.id)
        relation = relationship_out(note.author.username, relationship)
    in_body = {text.topic_key(name) for name in text.topics_in(note.body)}
    return {
        "note": note,
        "author_relation": relation,
        "body_html": text.to_html(note.body, links),
        # Topics the body does not link already (written in the title), as chips below it.
        "more_topics": [
            {"name": name, "url": text.topic_href(name, links)}
            for name in note.hashtags
            if text.topic_key(name) not in in_body
        ],
        "category_label": gettext(CATEGORY_LABELS.get(note.category, CATEGORY_LABELS[Category.OTHER])),
        "is_author": viewer.is_user(note.author.id),
        "carousel_ratio": _carousel_ratio(note.media),
        **thread_helpers(request),
        "thread": {"note_id": note.id, "author_id": note.author.id, "comment_count": note.counts.comments},
        "comment_form": {"body": "", "reply_to": None},
        "comment_errors": {},
    }


@router.get("/notes/{note_id}")
async def note_page(
    note_id: str, request: Request, session: DbSession, comments_before: str | None = None
) -> Response:
    context = await note_context(
        request, session, parse_id(note_id), comments_before=id_cursor(comments_before)
    )
    reply_to = request.query_params.get("reply_to", "")
    if reply_to.isdigit() and len(reply_to) <= MAX_ID_LENGTH:
        context["comment_form"] = {"body": "", "reply_to": int(reply_to)}
    return render(request, "notes/detail.html", context)


# --- like and collect ------------------------------------------------------------------------


async def actions_context(request: Request, session: AsyncSession, note_id: int) -> dict[str, Any]:
    viewer = request_viewer(request)
    await reader_context(request, session)
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    collected = await boards.collected_boards(session, viewer=viewer, note_ids=[note_id])
    note = note_out(detail, runtime_of(request), page_gettext(request), board_id=collected.get(note_id))
    return {"note": note, "is_author": viewer.is_user(note.author.id)}


def _login_first(request: Request, note_id: int) -> Response:
    return see_other(request, f"/login?next=/notes/{note_id}")


async def _actions_response(request: Request, session: AsyncSession, note_id: int) -> Response:
    if not is_htmx(request):  # a plain form goes back to the note; htmx swaps the bar
        return see_other(request, f"/notes/{note_id}#note-actions")
    return render(request, "notes/_actions.html", await actions_context(request, session, note_id))


async def _action_refused(
    request: Request, session: AsyncSession, note_id: int, error: PotluckError
) -> Response:
    """With htmx, a refusal (too fast, say) is told on the bar itself; else on its own page."""
    if error.status_code == 404 or not is_htmx(request):
        raise error
    context = await actions_context(request, session, note_id)
    context["action_error"] = error.translated(page_gettext(request))
    return render(
        request, "notes/_actions.html", context, status_code=error.status_code, headers=headers_of(error)
    )


def _card_like(
    request: Request, note_id: int, *, liked: bool, likes: int, back: str, error: PotluckError | None = None
) -> Response:
    """A card's like button after a like from a grid, with the refusal (if any) on it."""
    context = {
        "note_id": note_id,
        "liked": liked,
        "likes": likes,
        "back": back,
        "error": error.translated(page_gettext(request)) if error is not None else "",
    }
    if error is None:
        return render(request, "notes/_card_like.html", context)
    return render(
        request, "notes/_card_like.html", context, status_code=error.status_code, headers=headers_of(error)
    )


@router.post("/notes/{note_id}/like")
async def like_submit(
    note_id: str,
    request: Request,
    session: DbSession,
    *,
    liked: Annotated[str, Form(max_length=1)] = "1",
    view: Annotated[str, Form(max_length=10)] = "",
    next: Annotated[str, Form(max_length=500)] = "",  # noqa: A002 - the form field name
) -> Response:
    """Like or unlike from the note's action bar, or (``view=card``) from a card in a grid,
    whose page is ``next``."""
    note_key = parse_id(note_id)
    from_card = view == "card"
    back = safe_next(next, f"/notes/{note_key}")
    if optional_user(request) is None:
        return (
            see_other(request, f"/login?next={quote(back)}") if from_card else _login_first(request, note_key)
        )
    viewer = request_viewer(request)
    try:
        note = await service.like_note(session, note_id=note_key, viewer=viewer, liked=liked == "1")
    except PotluckError as error:
        if not from_card:
            return await _action_refused(request, session, note_key, error)
        if error.status_code == 404 or not is_htmx(request):
            raise
        detail = await service.get_note_detail(session, note_id=note_key, viewer=viewer)
        return _card_like(
            request, note_key, liked=detail.liked, likes=detail.note.like_count, back=back, error=error
        )
    if not from_card:
        return await _actions_response(request, session, note_key)
    # A card's heart and count change in place with htmx; without it, back to the grid.
    if not is_htmx(request):
        return see_other(request, back)
    return _card_like(request, note_key, liked=liked == "1", likes=note.like_count, back=back)


@router.post("/notes/{note_id}/collect")
async def collect_submit(
    note_id: str,
    request: Request,
    session: DbSession,
    collected: Annotated[str, Form(max_length=1)] = "1",
    board_id: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    note_key = parse_id(note_id)
    if optional_user(request) is None:
        return _login_first(request, note_key)
    viewer = request_viewer(request)
    try:
        if collected == "0":
            await boards.uncollect_note(session, note_id=note_key, viewer=viewer)
        else:
            board_key = parse_id(board_id) if board_id else None
            await boards.collect_note(session, note_id=note_key, viewer=viewer, board_id=board_key)
    except PotluckError as error:
        return await _action_refused(request, session, note_key, error)
    return await _actions_response(request, session, note_key)


@router.get("/notes/{note_id}/collect")
async def collect_picker(note_id: str, request: Request, user: PageUser, session: DbSession) -> Response:
    """Pick the board to keep a note in (a pop-over with htmx, a page without)."""
    note_key = parse_id(note_id)
    viewer = request_viewer(request)
    await service.get_readable_note(session, note_id=note_key, viewer=viewer)
    await boards.default_board(session, owner_id=user.id)
    summaries = await boards.list_boards(session, owner_id=user.id, viewer=viewer)
    current = (await boards.collected_boards(session, viewer=viewer, note_ids=[note_key])).get(note_key)
    gettext = page_gettext(request)
    return render(
        request,
        "notes/collect.html",
        {
            "note_id": note_key,
            "current_board_id": current,
            "boards": [
                {
                    "id": summary.board.id,
                    "name": gettext(summary.board.name) if summary.board.is_default else summary.board.name,
                    "is_private": summary.board.is_private,
                    "note_count": summary.note_count,
                }
                for summary in summaries
            ],
        },
    )
