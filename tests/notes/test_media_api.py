"""Uploading photos for notes: what the uploader sees, what the world may fetch."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.media.models import Media
from potluck.runtime import Runtime
from tests.accounts.factories import log_in, make_user
from tests.notes.factories import (
    GPS_IFD,
    client_of,
    jpeg_bytes,
    jpeg_with_gps,
    media_dir,
    png_claiming,
    process_media,
    upload,
)

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@pytest.fixture
async def uploader(client: httpx.AsyncClient, db: AsyncSession) -> httpx.AsyncClient:
    await make_user(db, username="uploader")
    await log_in(client, "uploader")
    return client


async def uploaded(client: httpx.AsyncClient, data: bytes, **kwargs: Any) -> dict[str, Any]:
    response = await upload(client, data, **kwargs)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def media_state(client: httpx.AsyncClient, media_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/media/{media_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- a photo's journey ---------------------------------------------------------------------------


async def test_a_photo_is_processed_into_webp_variants_served_for_good(
    uploader: httpx.AsyncClient, runtime: Runtime
) -> None:
    created = await upload(uploader, jpeg_bytes(320, 240))
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "processing"
    assert created.headers["Location"] == f"/api/v1/media/{created.json()['id']}"

    await process_media(runtime, created.json()["id"])

    media = await media_state(uploader, created.json()["id"])
    assert media["status"] == "ready"
    assert media["failure"] is None
    assert (media["width"], media["height"]) == (320, 240)
    assert media["blurhash"]
    assert media["dominant_color"].startswith("#")
    assert set(media["variants"]) == {"grid", "detail"}
    for variant in media["variants"].values():
        assert variant["type"] == "image/webp"
        served = await uploader.get(variant["url"])
        assert served.status_code == 200
        assert "immutable" in served.headers["Cache-Control"]
        with Image.open(io.BytesIO(served.content)) as image:
            assert image.format == "WEBP"
            assert image.size == (variant["width"], variant["height"])


async def test_served_photos_carry_no_location_or_camera_metadata(
    uploader: httpx.AsyncClient, runtime: Runtime
) -> None:
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(GPS_IFD), "the test photo really has a GPS position"
    media = await uploaded(uploader, original)
    await process_media(runtime, media["id"])

    media = await media_state(uploader, media["id"])
    assert media["status"] == "ready"
    for variant in media["variants"].values():
        served = (await uploader.get(variant["url"])).content
        assert b"Exif" not in served
        assert b"PotluckCam" not in served
        with Image.open(io.BytesIO(served)) as image:
            assert not image.getexif()
            assert "exif" not in image.info
            assert "xmp" not in image.info


async def test_the_same_photo_uploaded_again_is_ready_at_once(
    uploader: httpx.AsyncClient, runtime: Runtime
) -> None:
    data = jpeg_bytes()
    first = await uploaded(uploader, data)
    await process_media(runtime, first["id"])

    second = await uploaded(uploader, data, filename="again.jpg")
    assert second["id"] != first["id"]
    assert second["status"] == "ready"
    assert second["variants"] == (await media_state(uploader, first["id"]))["variants"]


# --- refused uploads ---------------------------------------------------------------------------


async def test_a_text_file_called_jpg_is_refused(uploader: httpx.AsyncClient) -> None:
    response = await upload(uploader, b"Just some notes about dumplings.\n" * 10, filename="dumplings.jpg")
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert error["field"] == "file"
    assert "JPEG" in error["message"], "says what would be accepted"
    assert "MP4" in error["message"]


async def test_an_upload_over_the_photo_size_limit_is_refused(
    uploader: httpx.AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runtime.settings, "max_image_bytes", 1 * MB)
    big = jpeg_bytes(64, 48) + os.urandom(1 * MB + 1)  # a JPEG with a lot after its end
    response = await upload(uploader, big)
    assert response.status_code == 413, response.text
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "1 MB" in error["message"]
    leftovers = list((runtime.settings.var_dir / "tmp" / "uploads").glob("*"))
    assert leftovers == [], "the partial upload is removed"


async def test_a_body_that_is_not_multipart_is_refused(uploader: httpx.AsyncClient) -> None:
    response = await uploader.post(
        "/api/v1/media", content=jpeg_bytes(), headers={"Content-Type": "image/jpeg"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "not_multipart"


async def test_a_form_without_a_file_is_refused(uploader: httpx.AsyncClient) -> None:
    response = await uploader.post("/api/v1/media", files={"caption": (None, "no file here")})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "file"
    assert response.json()["error"]["reason"] == "missing"


async def test_uploading_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await upload(client, jpeg_bytes())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


# --- photos that fail in processing -------------------------------------------------------------


@contextmanager
def peak_memory_growth() -> Iterator[list[int]]:
    """Sample this process's resident memory while the block runs; yields [growth in bytes]."""

    def resident() -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE

    baseline = resident()
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.002):
            peak[0] = max(peak[0], resident())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    growth = [0]
    try:
        yield growth
    finally:
        done.set()
        sampler.join()
        growth[0] = max(peak[0], resident()) - baseline


async def test_a_photo_of_too_many_pixels_fails_without_being_decoded(
    uploader: httpx.AsyncClient, runtime: Runtime
) -> None:
    data = png_claiming(8000, 7500)  # 60 megapixels in 16 kB
    assert len(data) < 100_000
    media = await uploaded(uploader, data, filename="huge.png", content_type="image/png")
    assert media["status"] == "processing"

    with peak_memory_growth() as growth:
        await process_media(runtime, media["id"])
    assert growth[0] < 50 * MB, f"processing took {growth[0] / MB:.0f} MB"

    media = await media_state(uploader, media["id"])
    assert media["status"] == "failed"
    assert media["failure"]["reason"] == "too_many_pixels"
    assert "50 megapixels" in media["failure"]["message"]
    assert media["variants"] == {}


async def test_a_cut_short_photo_fails_as_unreadable(uploader: httpx.AsyncClient, runtime: Runtime) -> None:
    whole = jpeg_bytes(320, 240)
    media = await uploaded(uploader, whole[: len(whole) // 2])
    await process_media(runtime, media["id"])

    media = await media_state(uploader, media["id"])
    assert media["status"] == "failed"
    assert media["failure"]["reason"] == "unreadable_image"
    assert media["failure"]["message"]


async def test_processing_an_upload_deleted_meanwhile_does_nothing(
    uploader: httpx.AsyncClient, runtime: Runtime, db: AsyncSession
) -> None:
    media = await uploaded(uploader, jpeg_bytes())
    await db.execute(delete(Media).where(Media.id == int(media["id"])))
    await db.commit()

    await process_media(runtime, media["id"])  # no error

    assert (await uploader.get(f"/api/v1/media/{media['id']}")).status_code == 404
    assert (await db.execute(select(Media).where(Media.id == int(media["id"])))).first() is None
    assert not list(media_dir(runtime).glob("v/*/*")), "nothing was published"


# --- who sees what ------------------------------------------------------------------------------


async def test_other_peoples_uploads_are_not_found(
    uploader: httpx.AsyncClient, runtime: Runtime, db: AsyncSession, app: Any
) -> None:
    media = await uploaded(uploader, jpeg_bytes())
    await make_user(db, username="snoop")
    async with client_of(app, "snoop") as snoop:
        response = await snoop.get(f"/api/v1/media/{media['id']}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert (await uploader.get("/api/v1/media/123456789")).status_code == 404


async def test_originals_waiting_for_processing_are_never_served(
    uploader: httpx.AsyncClient, runtime: Runtime
) -> None:
    media = await uploaded(uploader, jpeg_with_gps())
    originals = list((media_dir(runtime) / "private" / "originals").glob(f"{media['id']}.*"))
    assert len(originals) == 1, "the original waits on disk, GPS and all"
    name = originals[0].name

    for path in (
        f"/media/private/originals/{name}",
        f"/media//private/originals/{name}",
        f"/media/./private/originals/{name}",
        f"/media/%70rivate/originals/{name}",
        f"/media/v/%2E%2E/private/originals/{name}",
        f"/media/private%2Foriginals%2F{name}",
    ):
        response = await uploader.get(path)
        assert response.status_code == 404, path
        assert b"PotluckCam" not in response.content, path
