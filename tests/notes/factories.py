"""Factories for notes: uploads processed for real, notes made through the API."""

from __future__ import annotations

import io
import itertools
import struct
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from potluck.jobs import JobContext
from potluck.media import tasks as media_tasks
from potluck.runtime import Runtime
from tests.accounts.factories import log_in
from tests.conftest import CSRFClient

_colours = itertools.cycle([(220, 60, 60), (60, 160, 90), (70, 90, 200), (240, 180, 40), (150, 80, 170)])
_serial = itertools.count(1)


def jpeg_bytes(width: int = 64, height: int = 48, colour: tuple[int, int, int] | None = None) -> bytes:
    """A small JPEG; each call differs (colour and a serial pixel) unless a colour is given."""
    image = Image.new("RGB", (width, height), colour or next(_colours))
    image.putpixel((0, 0), (next(_serial) % 256, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def job_context(runtime: Runtime, name: str = "test") -> JobContext:
    return JobContext(job_id=0, name=name, attempt=1, database=runtime.database, resources=runtime.resources)


async def process_media(runtime: Runtime, media_id: int | str) -> None:
    """Run the processing job for one upload, as a worker would."""
    await media_tasks.process_media(job_context(runtime, "media.process"), media_id=str(media_id))


async def upload(
    client: httpx.AsyncClient,
    data: bytes | None = None,
    *,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
) -> httpx.Response:
    return await client.post("/api/v1/media", files={"file": (filename, data or jpeg_bytes(), content_type)})


async def ready_photo(client: httpx.AsyncClient, runtime: Runtime, data: bytes | None = None) -> str:
    """Upload a photo and process it; its media ID."""
    response = await upload(client, data)
    assert response.status_code == 201, response.text
    media_id = response.json()["id"]
    if response.json()["status"] == "processing":
        await process_media(runtime, media_id)
    return str(media_id)


async def post_note(
    client: httpx.AsyncClient, runtime: Runtime, *, photos: int = 1, **fields: Any
) -> dict[str, Any]:
    media_ids = fields.pop("media_ids", None)
    if media_ids is None:
        media_ids = [await ready_photo(client, runtime) for _ in range(photos)]
    body = {"type": "image", "title": "A note", "body": "", "media_ids": media_ids, **fields}
    response = await client.post("/api/v1/notes", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


# --- more files and people ------------------------------------------------------------------

GPS_IFD = 0x8825
MAKE_TAG = 0x010F


def jpeg_with_gps(latitude: float = 30.6586, longitude: float = 104.0648) -> bytes:
    """A JPEG whose EXIF says where it was taken (and which camera), as phones write it."""
    image = Image.new("RGB", (320, 240), next(_colours))
    image.putpixel((0, 0), (next(_serial) % 256, 0, 0))
    exif = Image.Exif()
    exif[MAKE_TAG] = "PotluckCam"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (latitude, 0.0, 0.0)
    gps[3], gps[4] = "E", (longitude, 0.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def without_exif(jpeg: bytes) -> bytes:
    """The same JPEG with its EXIF segment cut out, pixels untouched (as exiftool does)."""
    kept, position = bytearray(jpeg[:2]), 2
    while jpeg[position : position + 2] != b"\xff\xda":  # up to the start of the pixels
        length = int.from_bytes(jpeg[position + 2 : position + 4], "big")
        if jpeg[position : position + 2] != b"\xff\xe1":
            kept += jpeg[position : position + 2 + length]
        position += 2 + length
    return bytes(kept + jpeg[position:])


def png_claiming(width: int, height: int) -> bytes:
    """A valid one-colour PNG of ``width`` x ``height`` pixels that is only a few kB on disk
    (1-bit grey, compressed row by row): a small file that decodes to a huge picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte, then white pixels
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def media_dir(runtime: Runtime) -> Path:
    return runtime.settings.resolved_media_dir


@asynccontextmanager
async def client_of(app: Any, username: str) -> AsyncIterator[httpx.AsyncClient]:
    """Another person's logged-in API client, next to the test's ``client``."""
    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as other:
        await other.get("/login")
        await log_in(other, username)
        yield other
