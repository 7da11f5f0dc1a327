"""Media background jobs: the processing pipeline, deletion, and the daily sweep."""

from __future__ import annotations

from datetime import timedelta

from potluck.jobs import JobContext, job, periodic
from potluck.media import service
from potluck.settings import settings_of
from potluck.storage import storage_of

PROCESS_ATTEMPTS = 3


@job(service.PROCESS_JOB, timeout_seconds=1800, max_attempts=PROCESS_ATTEMPTS)
async def process_media(ctx: JobContext, media_id: int | str) -> None:
    """Decode, orient, strip and resize a photo, or transcode a video (up to 5 minutes of
    1080p on two cores fits well inside the half-hour timeout)."""
    settings = settings_of(ctx.resources)
    storage = storage_of(ctx.resources)
    limits = service.PipelineLimits(
        max_pixels=settings.max_image_pixels,
        max_video_seconds=settings.max_video_seconds,
        concurrency=settings.media_processing_concurrency,
    )
    try:
        await service.process(ctx.transaction, media_id=int(media_id), storage=storage, limits=limits)
    except Exception:
        if ctx.attempt < PROCESS_ATTEMPTS:
            raise  # retried with backoff
        await service.give_up(ctx.transaction, media_id=int(media_id), storage=storage)
        raise


@job(service.DELETE_JOB)
async def delete_media(ctx: JobContext, media_ids: list[str]) -> None:
    await service.delete_media(
        ctx.transaction,
        media_ids=[int(media_id) for media_id in media_ids],
        storage=storage_of(ctx.resources),
    )


@job("media.sweep_unclaimed")
async def sweep_unclaimed(ctx: JobContext) -> None:
    await service.sweep_unclaimed(ctx.transaction, storage=storage_of(ctx.resources))


periodic("media.sweep_unclaimed", every=timedelta(hours=6))
