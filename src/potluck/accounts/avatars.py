"""Profile pictures: checked, cropped square, resized, re-encoded without metadata.

A simple Pillow pipeline until the media pipeline (issue #4) takes over. The image type
is decided by content, the pixel count is checked from the header before anything is
decoded, EXIF orientation is applied and every byte of metadata (GPS included) is dropped
by re-encoding. Decoding runs in a thread, a few at a time.
"""

from __future__ import annotations

import asyncio
import secrets
import struct
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageOps
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credential_cache, repository
from potluck.accounts.models import User
from potluck.cache import marks
from potluck.db.session import after_commit
from potluck.kit.errors import Invalid, NotFound
from potluck.kit.i18n import N_

SIZE = 400
MAX_PIXELS = 50_000_000
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MEDIA_PREFIX = "/media/"
_decoding = asyncio.Semaphore(2)


def avatar_url(avatar_key: str | None) -> str | None:
    return MEDIA_PREFIX + avatar_key if avatar_key else None


def _too_many_pixels() -> Invalid:
    return Invalid(
        N_("This picture is too large: at most %(count)d megapixels."),
        field="file",
        reason="too_many_pixels",
        params={"count": MAX_PIXELS // 1_000_000},
    )


def _upright(image: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says; as stored if the EXIF is broken
    (phones write quirky EXIF, and a picture on its side beats a refused upload)."""
    try:
        return ImageOps.exif_transpose(image)
    except (TypeError, ValueError, KeyError, SyntaxError, struct.error):
        return image


def _square(upload: BinaryIO, destination: Path) -> None:
    try:
        with Image.open(upload, formats=FORMATS) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels()
            image.draft("RGB", (SIZE * 2, SIZE * 2))  # JPEG: decode at a reduced scale
            oriented = _upright(image)
            rgb = oriented.convert("RGBA" if "A" in oriented.getbands() else "RGB")
            square = ImageOps.fit(rgb, (SIZE, SIZE), method=Image.Resampling.LANCZOS)
    except Invalid:
        raise
    except Image.DecompressionBombError as error:
        # Pillow refuses headers claiming far more than MAX_PIXELS before we can look.
        raise _too_many_pixels() from error
    except Exception as error:
        # Malformed files make Pillow raise all sorts (UnidentifiedImageError, OSError,
        # SyntaxError, ValueError, and TypeError from broken EXIF): each means "unreadable".
        raise Invalid(
            N_("This file is not a picture we can read (use JPEG, PNG, WebP or GIF)."),
            field="file",
            reason="unreadable_image",
        ) from error
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".part")
    square.save(partial, "WEBP", quality=82, method=4)  # re-encoded: no EXIF, no GPS
    partial.replace(destination)


async def set_avatar(session: AsyncSession, *, user_id: int, upload: BinaryIO, media_dir: Path) -> User:
    """Replace the user's picture; the old file is removed once the change is committed.

    The picture is decoded before the first query: on SQLite a writing request holds the
    write lock from its first statement, and decoding is the slow part.
    """
    key = f"avatars/{user_id}/{secrets.token_hex(8)}.webp"
    async with _decoding:
        await asyncio.to_thread(_square, upload, media_dir / key)
    user = await repository.get_user_by_id(session, user_id)
    if user is None:
        await asyncio.to_thread((media_dir / key).unlink, missing_ok=True)
        raise NotFound(N_("No such user."))
    _remove_after_commit(session, media_dir, user.avatar_key)
    user.avatar_key = key
    await session.flush()
    _forget_snapshots(session, user.id)
    return user


async def remove_avatar(session: AsyncSession, *, user_id: int, media_dir: Path) -> User:
    user = await repository.get_user_by_id(session, user_id)
    if user is None:
        raise NotFound(N_("No such user."))
    _remove_after_commit(session, media_dir, user.avatar_key)
    user.avatar_key = None
    await session.flush()
    _forget_snapshots(session, user.id)
    return user


def _forget_snapshots(session: AsyncSession, user_id: int) -> None:
    """Requests and cards carry the avatar: those remembered copies go once committed."""
    credential_cache.forget_on_commit(session, user_id)
    marks.mark_on_commit(session, marks.author(user_id))


def _remove_after_commit(session: AsyncSession, media_dir: Path, key: str | None) -> None:
    if not key:
        return

    async def remove() -> None:
        await asyncio.to_thread((media_dir / key).unlink, missing_ok=True)

    after_commit(session, remove)
