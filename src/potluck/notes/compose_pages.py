"""Notes web pages: compose a note and edit it (``compose.js`` uploads photos as they are
picked; without JavaScript the form posts them with the note), and delete it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import PageUser, request_viewer, require_page_user
from potluck.kit.errors import Invalid, NotFound, PotluckError
from potluck.kit.i18n import N_
from potluck.media import service as media_service
from potluck.media.routes import media_out
from potluck.media.schemas import MediaOut
from potluck.notes import policy, service
from potluck.notes.models import Category, NoteType, Visibility
from potluck.notes.pages import CATEGORY_LABELS, MAX_ID_LENGTH, page_gettext, parse_id
from potluck.notes.presenters import note_out
from potluck.notes.schemas import NoteOut
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import errors_of, headers_of, see_other
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

NOTE_FIELDS = frozenset(
    {"type", "title", "body", "media_ids", "visibility", "category", "location", "latitude", "longitude"}
)
TOO_LARGE = N_("This file is too large: at most %(megabytes)d MB.")  # as the upload API says
VISIBILITY_LABELS: dict[str, tuple[str, str]] = {
    Visibility.PUBLIC: (N_("Public"), N_("Everyone can see it")),
    Visibility.FOLLOWERS: (N_("Followers"), N_("Only people who follow you")),
    Visibility.PRIVATE: (N_("Only me"), N_("A note to yourself")),
}


# --- compose and edit ------------------------------------------------------------------------


def _choices(request: Request) -> dict[str, Any]:
    gettext = page_gettext(request)
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
    gettext = page_gettext(request)
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
    runtime, gettext = runtime_of(request), page_gettext(request)
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
    return note_out(detail, runtime_of(request), page_gettext(request))


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
