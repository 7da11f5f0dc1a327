"""Media use cases: accept an upload, process it in a job, attach it to notes, clean up.

An upload is streamed to local disk (:mod:`potluck.media.upload`), moved into storage as a
private original, and recorded as ``processing``; the ``media.process`` job turns it into
the public variants and marks it ``ready`` or ``failed``. Public files are named by the
hash of their bytes and of the upload's, and never change, so they are served with
immutable cache headers.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.jobs import enqueue_job
from potluck.kit.errors import Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.ids import new_id
from potluck.kit.time import utcnow
from potluck.media import repository
from potluck.media.images import process_image
from potluck.media.models import Media, MediaKind, MediaStatus
from potluck.media.sniff import MediaFormat, MediaRejected, content_type, kind_of
from potluck.media.upload import StagedUpload
from potluck.media.video import transcode_video
from potluck.ratelimit import rate_limiter
from potluck.storage import Storage

logger = logging.getLogger(__name__)

PROCESS_JOB = "media.process"
DELETE_JOB = "media.delete"
UNCLAIMED_AFTER = timedelta(days=1)
TOO_MANY_UPLOADS = N_("You are uploading very fast. Please wait a little and try again.")

# Failure reasons the pipeline reports, with what a person is told.
FAILURE_MESSAGES = {
    "unsupported_type": N_("This file is not a photo or video we can use."),
    "too_many_pixels": N_("This photo has too many pixels: at most %(megapixels)d megapixels."),
    "unreadable_image": N_("This photo could not be read; it may be damaged or cut short."),
    "unreadable_video": N_("This video could not be read; it may be damaged or cut short."),
    "too_long": N_("This video is too long: at most %(minutes)d minutes."),
    "internal": N_("Something went wrong while processing this file. Please upload it again."),
}

# Opens one short transaction (``JobContext.transaction``).
Transaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]

_slots: dict[int, asyncio.Semaphore] = {}


def _processing_slots(concurrency: int) -> asyncio.Semaphore:
    """At most ``concurrency`` photos or videos decoded at once in this process."""
    return _slots.setdefault(concurrency, asyncio.Semaphore(concurrency))


def original_key(media_id: int, fmt: MediaFormat) -> str:
    """Originals keep their metadata (GPS included): under ``private/``, never served."""
    return f"private/originals/{media_id}.{fmt.value}"


def public_key(digest: str, suffix: str) -> str:
    return f"v/{digest[:2]}/{digest}{suffix}"


async def check_upload_allowed(session: AsyncSession, *, owner_id: int) -> None:
    """Count an upload against the person's limit; called before the body is read."""
    await rate_limiter(session).hit("upload", str(owner_id), message=TOO_MANY_UPLOADS)


async def accept_upload(
    session: AsyncSession, *, owner_id: int, staged: StagedUpload, storage: Storage
) -> Media:
    """Record an upload and queue its processing; same bytes as a finished upload are reused.

    The staged file is moved into storage before the first query, so a slow store never
    holds a database transaction open.
    """
    media_id = new_id()
    kind = kind_of(staged.format)
    key = original_key(media_id, staged.format)
    await storage.put_file(key, staged.path, content_type=content_type(staged.format))
    media = Media(
        id=media_id,
        owner_id=owner_id,
        kind=kind,
        source_format=staged.format.value,
        status=MediaStatus.PROCESSING,
        original_key=key,
        size_bytes=staged.size,
        sha256=staged.sha256,
        variants={},
    )
    twin = await repository.find_ready_twin(session, staged.sha256, kind)
    if twin is not None:
        _copy_outputs(twin, media)
        media.original_key = None
        await storage.delete([key])
    session.add(media)
    await session.flush()
    if twin is None:
        enqueue_job(session, PROCESS_JOB, media_id=media_id)
    return media


def _copy_outputs(source: Media, target: Media) -> None:
    target.status = MediaStatus.READY
    target.processed_at = utcnow()
    for name in ("width", "height", "duration_ms", "blurhash", "dominant_color"):
        setattr(target, name, getattr(source, name))
    target.variants = dict(source.variants)


async def get_own_media(session: AsyncSession, *, media_id: int, owner_id: int) -> Media:
    """The person's own upload; others' uploads are reported missing, not forbidden."""
    media = await repository.get(session, media_id)
    if media is None or media.owner_id != owner_id:
        raise NotFound(N_("No such upload."), field="media_id", reason="not_found")
    return media


async def claim_for_note(
    session: AsyncSession, *, owner_id: int, note_id: int, media_ids: list[int], note_type: str
) -> list[Media]:
    """Attach exactly ``media_ids`` to the note in this order (the first is the cover).

    Each must be the owner's, not failed, of the note's kind, and not used by another note.
    """
    if len(set(media_ids)) != len(media_ids):
        raise Invalid(N_("The same photo is listed twice."), field="media_ids", reason="duplicate")
    found = {media.id: media for media in await repository.get_many(session, media_ids)}
    for media_id in media_ids:
        media = found.get(media_id)
        if media is None or media.owner_id != owner_id:
            raise Invalid(
                N_("Upload %(id)s does not exist or is not yours."),
                field="media_ids",
                reason="unknown_media",
                params={"id": str(media_id)},
            )
        if media.note_id is not None and media.note_id != note_id:
            raise Invalid(
                N_("Upload %(id)s is already used in another note."),
                field="media_ids",
                reason="media_in_use",
                params={"id": str(media_id)},
            )
        if media.status == MediaStatus.FAILED:
            raise Invalid(
                N_("Upload %(id)s could not be processed; remove it and upload the file again."),
                field="media_ids",
                reason="media_failed",
                params={"id": str(media_id)},
            )
        if media.kind != note_type:
            raise Invalid(
                N_("A photo note takes photos and a video note one video."),
                field="media_ids",
                reason="wrong_kind",
            )
    await repository.attach(session, note_id=note_id, media_ids=media_ids)
    return [found[media_id] for media_id in media_ids]


async def media_of_notes(session: AsyncSession, *, note_ids: list[int]) -> dict[int, list[Media]]:
    """Each note's media in carousel order, in one query."""
    grouped: dict[int, list[Media]] = {note_id: [] for note_id in note_ids}
    for media in await repository.list_for_notes(session, note_ids):
        assert media.note_id is not None
        grouped[media.note_id].append(media)
    return grouped


async def covers_of_notes(session: AsyncSession, *, note_ids: list[int]) -> dict[int, Media]:
    return {m.note_id: m for m in await repository.list_covers(session, note_ids) if m.note_id is not None}


async def release_note_media(session: AsyncSession, *, note_id: int) -> None:
    """Let go of a deleted note's media; their rows and files are removed in a job."""
    media_ids = await repository.detach_all(session, note_id)
    if media_ids:
        enqueue_job(session, DELETE_JOB, media_ids=[str(media_id) for media_id in media_ids])


def keys_of(media: Media) -> list[str]:
    keys = [variant["key"] for variant in media.variants.values()]
    if media.original_key:
        keys.append(media.original_key)
    return keys


# --- jobs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineLimits:
    max_pixels: int
    max_video_seconds: int
    concurrency: int


async def process(
    database_transaction: Transaction, *, media_id: int, storage: Storage, limits: PipelineLimits
) -> None:
    """Run the pipeline for one upload (the ``media.process`` job's body).

    ``database_transaction`` opens a short transaction (``JobContext.transaction``): one to
    read the row, one to record the result; the decoding in between holds none. Safe to run
    twice: a row no longer ``processing`` is left alone.
    """
    async with database_transaction() as session:
        media = await repository.get(session, media_id)
        if media is None or media.status != MediaStatus.PROCESSING or media.original_key is None:
            return
        key, kind, fmt = media.original_key, media.kind, MediaFormat(media.source_format)
        source_sha256 = media.sha256
    workdir = Path(tempfile.mkdtemp(prefix=f"media-{media_id}-"))
    try:
        async with _processing_slots(limits.concurrency), storage.open_local(key) as source:
            values = await asyncio.to_thread(_run_pipeline, source, workdir, kind, fmt, limits)
        values["variants"] = await _publish(storage, values["variants"], source_sha256=source_sha256)
    except MediaRejected as rejected:
        logger.info("media %s refused: %s", media_id, rejected.reason)
        async with database_transaction() as session:
            await repository.mark_failed(session, media_id, utcnow(), rejected.reason)
        await storage.delete([key])
        return
    finally:
        await asyncio.to_thread(shutil.rmtree, workdir, ignore_errors=True)
    async with database_transaction() as session:
        recorded = await repository.mark_ready(session, media_id, utcnow(), **values)
    if recorded:
        await storage.delete([key])


def _run_pipeline(
    source: Path, workdir: Path, kind: str, fmt: MediaFormat, limits: PipelineLimits
) -> dict[str, Any]:
    if kind == MediaKind.IMAGE:
        image = process_image(source, workdir, max_pixels=limits.max_pixels)
        return {
            "width": image.width,
            "height": image.height,
            "blurhash": image.blurhash,
            "dominant_color": image.dominant_color,
            "variants": {
                variant.name: {
                    "path": str(variant.path),
                    "width": variant.width,
                    "height": variant.height,
                    "type": variant.content_type,
                }
                for variant in image.variants
            },
        }
    video = transcode_video(source, workdir, max_seconds=limits.max_video_seconds)
    poster = process_image(video.poster, workdir / "poster", max_pixels=limits.max_pixels)
    variants: dict[str, dict[str, Any]] = {
        "video": {"path": str(video.path), "width": video.width, "height": video.height, "type": "video/mp4"}
    }
    for variant in poster.variants:
        variants[variant.name] = {
            "path": str(variant.path),
            "width": variant.width,
            "height": variant.height,
            "type": variant.content_type,
        }
    del fmt  # the pipeline sniffs the file itself
    return {
        "width": video.width,
        "height": video.height,
        "duration_ms": video.duration_ms,
        "blurhash": poster.blurhash,
        "dominant_color": poster.dominant_color,
        "variants": variants,
    }


async def _publish(
    storage: Storage, variants: dict[str, dict[str, Any]], *, source_sha256: str
) -> dict[str, dict[str, Any]]:
    """Store each output under the hash of its bytes; the row keeps keys, not paths.

    The upload's hash goes into the name too, so only rows made from the same upload share
    a file (which :func:`delete_media` accounts for): two uploads that differ only in their
    metadata give identical outputs, and deleting one must not take the other's files.
    """
    published: dict[str, dict[str, Any]] = {}
    for name, variant in variants.items():
        path = Path(variant.pop("path"))
        output_sha256 = await asyncio.to_thread(_file_sha256, path)
        digest = hashlib.sha256(f"{source_sha256}:{output_sha256}".encode()).hexdigest()
        key = public_key(digest, path.suffix or ".bin")
        await storage.put_file(key, path, content_type=variant["type"])
        published[name] = {"key": key, **variant}
    return published


def _file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


async def delete_media(
    database_transaction: Transaction, *, media_ids: Iterable[int], storage: Storage
) -> int:
    """Delete unattached media rows, then the files no remaining row shares."""
    async with database_transaction() as session:
        deleted = await repository.delete_media(session, list(media_ids))
        shared = await repository.shared_sources(session, [media.sha256 for media in deleted])
    keys = [
        key
        for media in deleted
        for key in ([media.original_key] if media.sha256 in shared else keys_of(media))
        if key
    ]
    await storage.delete(keys)
    return len(deleted)


async def give_up(database_transaction: Transaction, *, media_id: int, storage: Storage) -> None:
    """Mark an upload failed after the pipeline crashed on every attempt."""
    async with database_transaction() as session:
        media = await repository.get(session, media_id)
        key = media.original_key if media is not None else None
        await repository.mark_failed(session, media_id, utcnow(), "internal")
    if key:
        await storage.delete([key])


async def sweep_unclaimed(database_transaction: Transaction, *, storage: Storage, batch: int = 500) -> int:
    """Delete uploads no note took within a day (abandoned composes, deleted notes)."""
    async with database_transaction() as session:
        media_ids = await repository.list_unclaimed(session, utcnow() - UNCLAIMED_AFTER, batch)
    return await delete_media(database_transaction, media_ids=media_ids, storage=storage)
