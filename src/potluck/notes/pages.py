"""Notes web pages: compose and edit a note, read it, like and collect it.

Pages call the same services as the JSON API and show the same shapes (``note_out``), so a
note looks alike to the API and in the browser. Forms work without JavaScript; htmx swaps
the action bar in place, and ``compose.js`` uploads photos as they are picked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from babel.dates import format_date, format_skeleton, format_timedelta
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import PageUser, optional_user, request_viewer, require_page_user
from potluck.boards import service as boards
from potluck.comments import service as comments
from potluck.kit.errors import Invalid, NotFound, PotluckError
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.media import service as media_service
from potluck.media.routes import media_out
from potluck.media.schemas import MediaOut
from potluck.notes import policy, service, text
from potluck.notes.models import Category, NoteType, Visibility
from potluck.notes.presenters import id_cursor, note_out
from potluck.notes.schemas import NoteOut
from potluck.social import service as social
from potluck.social.schemas import relationship_out
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import errors_of, headers_of, safe_next, see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

NOTE_FIELDS = frozenset(
    {"type", "title", "body", "media_ids", "visibility", "category", "location", "latitude", "longitude"}
)
COMMENTS_PER_PAGE = 20
MAX_ID_LENGTH = 19
TOO_LARGE = N_("This file is too large: at most %(megabytes)d MB.")  # as the upload API says

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
VISIBILITY_LABELS: dict[str, tuple[str, str]] = {
    Visibility.PUBLIC: (N_("Public"), N_("Everyone can see it")),
    Visibility.FOLLOWERS: (N_("Followers"), N_("Only people who follow you")),
    Visibility.PRIVATE: (N_("Only me"), N_("A note to yourself")),
}


def parse_id(raw: str) -> int:
    """A path's ID; anything that is not one is a page that does not exist."""
    if not raw.isdigit() or len(raw) > MAX_ID_LENGTH:
        raise NotFound(N_("We could not find that page."), reason="not_found")
    return int(raw)


def _gettext(request: Request) -> Any:
    return gettext_for(locale_from_scope(request.scope))


def is_htmx(request: Request) -> bool:
    """An htmx request wants a fragment back; a plain form post wants a redirect."""
    return request.headers.get("hx-request") == "true"


# --- compose and edit ------------------------------------------------------------------------


def _choices(request: Request) -> dict[str, Any]:
    gettext = _gettext(request)
    return {
        "categories": [(value, gettext(label)) for value, label in CATEGORY_LABELS.items()],
        "visibilities": [
            (value, gettext(label), gettext(hint)) for value, (label, hint) in VISIBILITY_LABELS.items()
        ],
        "limits": {
            "title": policy.MAX_TITLE,
            "body": policy.MAX_BODY,
            "location": policy.MAX_LOCATION,
            "photos": policy.MAX_PHOTOS,
        },
    }


def _empty_form(note_type: str) -> dict[str, Any]:
    return {
        "type": note_type,
        "title": "",
        "body": "",
        "category": Category.OTHER.value,
        "visibility": Visibility.PUBLIC.value,
        "location": "",
        "latitude": "",
        "longitude": "",
    }


def _compose_page(
    request: Request,
    *,
    form: dict[str, Any],
    tiles: list[MediaOut],
    errors: dict[str, str] | None = None,
    note: NoteOut | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    settings = runtime_of(request).settings
    gettext = _gettext(request)
    max_bytes = settings.max_video_bytes if form["type"] == NoteType.VIDEO else settings.max_image_bytes
    context = {
        **_choices(request),
        "max_bytes": max_bytes,
        "too_large_message": gettext(TOO_LARGE) % {"megabytes": max_bytes // (1024 * 1024)},
        "max_video_minutes": settings.max_video_seconds // 60,
        "form": form,
        "tiles": tiles,
        "errors": errors or {},
        "note": note,
        "form_action": f"/notes/{note.id}/edit" if note is not None else "/notes/new",
        "nav_active": "compose" if note is None else "",
    }
    return render(request, "notes/compose.html", context, status_code=status_code, headers=headers)


def _lenient_ids(raw: list[str]) -> list[int]:
    return [int(value) for value in raw if value.isdigit() and len(value) <= MAX_ID_LENGTH]


def _media_ids(raw: list[str]) -> list[int]:
    values = [value.strip() for value in raw if value.strip()]
    if len(_lenient_ids(values)) != len(values):
        raise Invalid(N_("The list of photos is not valid. Please try again."), field="media_ids")
    return [int(value) for value in values]


async def _tiles(
    request: Request, session: AsyncSession, owner_id: int, media_ids: list[int]
) -> list[MediaOut]:
    """The uploads picked so far, to draw their tiles again (at most a note's worth)."""
    runtime, gettext = runtime_of(request), _gettext(request)
    tiles = []
    for media_id in media_ids[: policy.MAX_PHOTOS]:
        try:
            media = await media_service.get_own_media(session, media_id=media_id, owner_id=owner_id)
        except NotFound:
            continue
        tiles.append(media_out(media, runtime, gettext))
    return tiles


NoteText = Annotated[str, Form(max_length=5000)]
ShortText = Annotated[str, Form(max_length=200)]
Choice = Annotated[str, Form(max_length=20)]
MediaIds = Annotated[list[str] | None, Form(max_length=100)]


@dataclass(frozen=True)
class NoteFields:
    """What the compose and edit forms send, besides the note's type."""

    title: str
    body: str
    category: str
    visibility: str
    location: str
    media_ids: list[str]
    action: str
    latitude: str = ""
    longitude: str = ""
    nearby: bool = False  # the "Show in Nearby" box; unticked, the position goes

    def shown(self, note_type: str) -> dict[str, Any]:
        """The values to show again in the form (after a refused submission)."""
        return {
            "type": note_type,
            "title": self.title,
            "body": self.body,
            "category": self.category,
            "visibility": self.visibility,
            "location": self.location,
            "latitude": self.latitude if self.nearby else "",
            "longitude": self.longitude if self.nearby else "",
        }

    def position(self) -> tuple[float | None, float | None]:
        """The position the form carries ("Use my location" fills it; empty: none)."""
        if not self.nearby:
            return None, None
        return _coordinate(self.latitude, "latitude"), _coordinate(self.longitude, "longitude")


def _coordinate(raw: str, field: str) -> float | None:
    if not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError:
        raise Invalid(N_("This position is not valid. Please try again."), field=field) from None


async def _note_fields(
    *,
    title: ShortText = "",
    body: NoteText = "",
    category: Choice = Category.OTHER.value,
    visibility: Choice = Visibility.PUBLIC.value,
    location: ShortText = "",
    media_ids: MediaIds = None,
    action: Choice = "publish",
    latitude: Choice = "",
    longitude: Choice = "",
    nearby: Choice = "",
) -> NoteFields:
    return NoteFields(
        title,
        body,
        category,
        visibility,
        location,
        media_ids or [],
        action,
        latitude,
        longitude,
        nearby == "1",
    )


NoteForm = Annotated[NoteFields, Depends(_note_fields)]


@router.get("/notes/new", dependencies=[Depends(require_page_user)])
async def compose_page(request: Request, type: str = "image") -> Response:  # noqa: A002
    note_type = type if type in {NoteType.IMAGE, NoteType.VIDEO} else NoteType.IMAGE
    return _compose_page(request, form=_empty_form(note_type), tiles=[])


@router.post("/notes/new")
async def compose_submit(
    request: Request,
    user: PageUser,
    session: DbSession,
    fields: NoteForm,
    type: Choice = "image",  # noqa: A002 - the form field name
) -> Response:
    draft = fields.action == "draft"
    try:
        latitude, longitude = fields.position()
        note = await service.create_note(
            session,
            author_id=user.id,
            type=type,
            title=fields.title,
            body=fields.body,
            media_ids=_media_ids(fields.media_ids),
            visibility=fields.visibility,
            category=fields.category,
            location=fields.location,
            latitude=latitude,
            longitude=longitude,
            draft=draft,
        )
    except PotluckError as error:
        return await _refused(request, session, error, user_id=user.id, fields=fields, note_type=type)
    if draft:
        return see_other(request, f"/@{user.username}?tab=drafts")
    return see_other(request, f"/notes/{note.id}")


async def _refused(
    request: Request,
    session: AsyncSession,
    error: PotluckError,
    *,
    user_id: int,
    fields: NoteFields,
    note_type: str,
    note: NoteOut | None = None,
) -> Response:
    """The compose or edit page again, with what was typed, the photos and the errors."""
    tiles = await _tiles(request, session, user_id, _lenient_ids(fields.media_ids))
    return _compose_page(
        request,
        form=fields.shown(note_type),
        tiles=tiles,
        note=note,
        errors=errors_of(request, error, fields=NOTE_FIELDS),
        status_code=error.status_code,
        headers=headers_of(error),
    )


async def _own_note(request: Request, session: AsyncSession, note_id: int) -> NoteOut:
    """The note as its author edits it; 403 for anyone else (404 if they may not see it)."""
    viewer = request_viewer(request)
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    policy.check_author(detail.note, viewer)
    return note_out(detail, runtime_of(request), _gettext(request))


@router.get("/notes/{note_id}/edit", dependencies=[Depends(require_page_user)])
async def edit_page(note_id: str, request: Request, session: DbSession) -> Response:
    note = await _own_note(request, session, parse_id(note_id))
    form = {
        "type": note.type,
        "title": note.title,
        "body": note.body,
        "category": note.category,
        "visibility": note.visibility,
        "location": note.location,
        "latitude": f"{note.position.latitude:.2f}" if note.position else "",
        "longitude": f"{note.position.longitude:.2f}" if note.position else "",
    }
    return _compose_page(request, form=form, tiles=list(note.media), note=note)


@router.post("/notes/{note_id}/edit")
async def edit_submit(
    note_id: str, request: Request, user: PageUser, session: DbSession, fields: NoteForm
) -> Response:
    note = await _own_note(request, session, parse_id(note_id))
    action = fields.action
    try:
        await service.update_note(
            session,
            note_id=note.id,
            viewer=request_viewer(request),
            title=fields.title,
            body=fields.body,
            media_ids=_media_ids(fields.media_ids),
            visibility=fields.visibility,
            category=fields.category,
            location=fields.location,
            position=fields.position(),
            # "Save draft" keeps a draft a draft; any other button publishes it (or, for a
            # published note, saves the changes).
            draft=None if action == "draft" else False,
        )
    except PotluckError as error:
        return await _refused(
            request, session, error, user_id=user.id, fields=fields, note_type=note.type, note=note
        )
    if note.draft and action == "draft":
        return see_other(request, f"/@{user.username}?tab=drafts")
    return see_other(request, f"/notes/{note.id}")


@router.post("/notes/{note_id}/delete")
async def delete_submit(note_id: str, request: Request, user: PageUser, session: DbSession) -> Response:
    await service.delete_note(session, note_id=parse_id(note_id), viewer=request_viewer(request))
    return see_other(request, f"/@{user.username}")


# --- reading a note --------------------------------------------------------------------------


def moment_formatter(request: Request) -> Callable[[datetime], str]:
    """When something happened, as people say it: "5 minutes ago", then a date."""
    locale = locale_from_scope(request.scope)
    gettext = _gettext(request)

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
    """The functions comment templates call, for pages and fragments alike."""
    return {"comment_html": comment_html, "moment": moment_formatter(request)}


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
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    collected = await boards.collected_boards(session, viewer=viewer, note_ids=[note_id])
    page = await comments.comment_page(
        session, note=detail.note, viewer=viewer, before=comments_before, limit=COMMENTS_PER_PAGE
    )
    note = note_out(
        detail, runtime_of(request), _gettext(request), board_id=collected.get(note_id), comments=page
    )
    links = text.Links(usernames=frozenset(person.username.casefold() for person in note.mentions))
    gettext = _gettext(request)
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
    detail = await service.get_note_detail(session, note_id=note_id, viewer=viewer)
    collected = await boards.collected_boards(session, viewer=viewer, note_ids=[note_id])
    note = note_out(detail, runtime_of(request), _gettext(request), board_id=collected.get(note_id))
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
    context["action_error"] = error.translated(_gettext(request))
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
        "error": error.translated(_gettext(request)) if error is not None else "",
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
    gettext = _gettext(request)
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
