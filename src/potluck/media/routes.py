"""Media JSON API: upload a photo or video, follow its processing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request, Response

from potluck.accounts.auth import CurrentUser
from potluck.kit.schemas import Id
from potluck.media import service
from potluck.media.models import Media
from potluck.media.schemas import MediaFailure, MediaOut, VariantOut
from potluck.media.upload import Limits, receive_upload
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope

if TYPE_CHECKING:
    from potluck.runtime import Runtime

router = APIRouter(prefix="/api/v1", tags=["media"])
UPLOAD_PATH = "/api/v1/media"


def media_out(media: Media, runtime: Runtime, gettext: Callable[[str], str]) -> MediaOut:
    storage = runtime.storage
    failure = None
    if media.failure_reason:
        template = service.FAILURE_MESSAGES.get(media.failure_reason, service.FAILURE_MESSAGES["internal"])
        params = {
            "megapixels": runtime.settings.max_image_pixels // 1_000_000,
            "minutes": runtime.settings.max_video_seconds // 60,
        }
        failure = MediaFailure(reason=media.failure_reason, message=gettext(template) % params)
    return MediaOut(
        id=media.id,
        kind=media.kind,
        status=media.status,
        failure=failure,
        width=media.width,
        height=media.height,
        duration_ms=media.duration_ms,
        blurhash=media.blurhash,
        dominant_color=media.dominant_color,
        variants={
            name: VariantOut(
                url=storage.url(variant["key"]),
                width=variant["width"],
                height=variant["height"],
                type=variant["type"],
            )
            for name, variant in media.variants.items()
        },
        created_at=media.created_at,
    )


@router.post(
    "/media",
    status_code=201,
    responses={413: {"description": "Too large"}, 415: {"description": "Not a photo or video we take"}},
)
async def upload_media(
    request: Request, response: Response, user: CurrentUser, session: DbSession
) -> MediaOut:
    """Upload one photo or video as ``multipart/form-data`` field ``file``.

    Photos: JPEG, PNG, WebP, GIF or HEIC up to 20 MB and 50 megapixels. Videos: MP4, MOV or
    WebM up to 200 MB and 5 minutes. The type is read from the content, not the name. The
    answer comes as soon as the file is stored, usually with ``status: processing``; poll
    ``GET /api/v1/media/{id}`` until it is ``ready`` (or ``failed``, with a reason).
    """
    runtime = runtime_of(request)
    settings = runtime.settings
    await service.check_upload_allowed(session, owner_id=user.id)
    staged = await receive_upload(
        request.headers.get("content-type", ""),
        request.stream(),
        directory=settings.var_dir / "tmp" / "uploads",
        limits=Limits(image_bytes=settings.max_image_bytes, video_bytes=settings.max_video_bytes),
    )
    try:
        media = await service.accept_upload(session, owner_id=user.id, staged=staged, storage=runtime.storage)
    finally:
        staged.path.unlink(missing_ok=True)
    response.headers["Location"] = f"{UPLOAD_PATH}/{media.id}"
    return media_out(media, runtime, gettext_for(locale_from_scope(request.scope)))


@router.get("/media/{media_id}")
async def get_media(media_id: Id, request: Request, user: CurrentUser, session: DbSession) -> MediaOut:
    """One of your uploads and its processing state."""
    media = await service.get_own_media(session, media_id=media_id, owner_id=user.id)
    runtime = runtime_of(request)
    return media_out(media, runtime, gettext_for(locale_from_scope(request.scope)))
