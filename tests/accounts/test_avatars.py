"""Profile pictures: any common image in, a square metadata-free WebP out."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import ExifTags, Image
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.settings import Settings
from tests.accounts.factories import log_in, make_user
from tests.conftest import CSRFClient

AVATAR = "/api/v1/me/avatar"
AVATAR_URL = re.compile(r"^/media/avatars/(\d+)/([0-9a-f]+)\.webp$")
RED = (255, 0, 0)
BLUE = (0, 0, 255)


def jpeg_with_exif(*, orientation: int = 6) -> bytes:
    """300x200: left half red, right half blue; EXIF with an orientation, a camera and GPS."""
    image = Image.new("RGB", (300, 200), BLUE)
    image.paste(RED, (0, 0, 150, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (31.0, 14.0, 2.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (121.0, 28.0, 3.0),
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    data = buffer.getvalue()
    # The fixture itself must carry what the server is to remove.
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def png_with_alpha() -> bytes:
    """600x300: left half fully transparent, right half opaque green."""
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    image.paste((0, 200, 0, 255), (300, 0, 600, 300))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def gif(*, frames: int = 1) -> bytes:
    images = [Image.new("P", (120, 90), index) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=frames > 1, append_images=images[1:])
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` with (almost) no pixel data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def colour_near(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))


async def upload(
    client: httpx.AsyncClient, data: bytes, filename: str = "me.jpg", content_type: str = "image/jpeg"
) -> httpx.Response:
    return await client.put(AVATAR, files={"file": (filename, data, content_type)})


async def fetch_avatar(client: httpx.AsyncClient, url: str) -> tuple[bytes, Image.Image]:
    response = await client.get(url)
    assert response.status_code == 200, url
    assert response.headers["content-type"] == "image/webp"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return response.content, image


def avatar_path(settings: Settings, url: str) -> Path:
    return settings.resolved_media_dir / url.removeprefix("/media/")


# --- what comes out ------------------------------------------------------------------------


async def test_a_jpeg_is_turned_upright_squared_and_stripped_of_metadata(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_user(db, username="photographer")
    await log_in(client, "photographer")
    response = await upload(client, jpeg_with_exif(orientation=6))
    assert response.status_code == 200, response.text
    url = response.json()["avatar_url"]
    match = AVATAR_URL.fullmatch(url)
    assert match, url
    assert match.group(1) == str(user.id)

    content, image = await fetch_avatar(raw_client, url)
    assert image.format == "WEBP"
    assert image.size == (400, 400)
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert b"SpyCam" not in content
    assert b"Exif" not in content

    # Orientation 6 means "rotate 90 degrees clockwise to show": the red left half is on top.
    rgb = image.convert("RGB")
    assert colour_near(rgb.getpixel((40, 40)), RED)
    assert colour_near(rgb.getpixel((360, 40)), RED)
    assert colour_near(rgb.getpixel((40, 360)), BLUE)
    assert colour_near(rgb.getpixel((360, 360)), BLUE)


async def test_an_upright_jpeg_keeps_its_layout(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="level")
    await log_in(client, "level")
    response = await upload(client, jpeg_with_exif(orientation=1))
    assert response.status_code == 200, response.text
    _, image = await fetch_avatar(client, response.json()["avatar_url"])
    rgb = image.convert("RGB")
    # Centre-cropped: the left of the square is red, the right is blue.
    assert colour_near(rgb.getpixel((40, 200)), RED)
    assert colour_near(rgb.getpixel((360, 200)), BLUE)


async def test_a_wide_png_with_transparency_is_centre_cropped_keeping_alpha(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="transparent")
    await log_in(client, "transparent")
    response = await upload(client, png_with_alpha(), "logo.png", "image/png")
    assert response.status_code == 200, response.text
    _, image = await fetch_avatar(client, response.json()["avatar_url"])
    assert image.size == (400, 400)
    rgba = image.convert("RGBA")
    assert rgba.getpixel((40, 200))[3] < 20, "the transparent half stays transparent"
    assert rgba.getpixel((360, 200))[3] > 235
    assert colour_near(rgba.getpixel((360, 200))[:3], (0, 200, 0))


@pytest.mark.parametrize("frames", [1, 3])
async def test_a_gif_becomes_a_still_square(client: httpx.AsyncClient, db: AsyncSession, frames: int) -> None:
    await make_user(db, username="animated")
    await log_in(client, "animated")
    response = await upload(client, gif(frames=frames), "funny.gif", "image/gif")
    assert response.status_code == 200, response.text
    _, image = await fetch_avatar(client, response.json()["avatar_url"])
    assert image.size == (400, 400)
    assert getattr(image, "n_frames", 1) == 1


async def test_the_type_is_judged_by_content_not_name(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="misnamed")
    await log_in(client, "misnamed")
    response = await upload(client, png_with_alpha(), "actually-a-png.txt", "text/plain")
    assert response.status_code == 200, response.text
    assert response.json()["avatar_url"].endswith(".webp")


async def test_the_avatar_shows_on_the_profile(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="pictured")
    await log_in(client, "pictured")
    url = (await upload(client, gif())).json()["avatar_url"]
    assert (await client.get("/api/v1/me")).json()["avatar_url"] == url
    assert (await raw_client.get("/api/v1/users/pictured")).json()["avatar_url"] == url
    assert f'src="{url}"' in (await raw_client.get("/@pictured")).text


async def test_a_bearer_token_can_set_the_avatar(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="uploader_bot")
    await log_in(client, "uploader_bot")
    token = (await client.post("/api/v1/auth/tokens", json={"name": "uploader"})).json()["token"]
    response = await raw_client.put(
        AVATAR, files={"file": ("a.gif", gif(), "image/gif")}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["avatar_url"]


# --- what is refused -----------------------------------------------------------------------


async def test_uploading_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await upload(client, gif(), "a.gif", "image/gif")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert (await client.delete(AVATAR)).status_code == 401


async def test_a_cookie_upload_without_csrf_is_refused(
    raw_client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="csrf_victim")
    await log_in(raw_client, "csrf_victim")
    response = await raw_client.put(AVATAR, files={"file": ("a.gif", gif(), "image/gif")})
    assert response.status_code == 403
    assert (await raw_client.get("/api/v1/me")).json()["avatar_url"] is None


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"this is plain text, not a picture", "photo.jpg"),
        (b"", "empty.png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "truncated.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "vector.svg"),
    ],
)
async def test_what_is_not_a_readable_picture_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, data: bytes, filename: str
) -> None:
    user = await make_user(db, username="confused")
    await log_in(client, "confused")
    response = await upload(client, data, filename)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == "file"
    assert error["reason"] == "unreadable_image"
    assert (await client.get("/api/v1/me")).json()["avatar_url"] is None
    user_dir = settings.resolved_media_dir / "avatars" / str(user.id)
    assert not user_dir.exists() or not any(user_dir.iterdir()), "no file is left behind"


async def test_other_image_formats_are_refused(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="bitmap")
    await log_in(client, "bitmap")
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), RED).save(buffer, "BMP")
    response = await upload(client, buffer.getvalue(), "old.bmp", "image/bmp")
    assert response.status_code == 422
    assert response.json()["error"]["reason"] == "unreadable_image"


async def test_a_picture_of_more_than_50_megapixels_is_refused(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="panorama")
    await log_in(client, "panorama")
    buffer = io.BytesIO()
    Image.new("1", (10000, 6000)).save(buffer, "PNG")  # 60 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    response = await upload(client, buffer.getvalue(), "huge.png", "image/png")
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == "file"
    assert error["reason"] == "too_many_pixels"
    assert (await client.get("/api/v1/me")).json()["avatar_url"] is None


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (100000, 100000)])
async def test_a_decompression_bomb_is_refused_as_too_many_pixels(
    client: httpx.AsyncClient, db: AsyncSession, width: int, height: int
) -> None:
    await make_user(db, username="bomber")
    await log_in(client, "bomber")
    response = await upload(client, png_claiming(width, height), "bomb.png", "image/png")
    assert response.status_code == 422, response.text
    assert response.json()["error"]["reason"] == "too_many_pixels"


async def test_a_jpeg_with_broken_metadata_is_accepted_as_stored(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="glitchy")
    await log_in(client, "glitchy")
    data = jpeg_with_exif()
    # Relabel GPSLatitudeRef (ASCII "N") as GPSImgDirection, which should be a rational.
    entry = b"\x00\x01\x00\x02\x00\x00\x00\x02N\x00"
    assert data.count(entry) == 1
    broken = data.replace(entry, b"\x00\x0f" + entry[2:])
    response = await upload(client, broken, "glitchy.jpg")
    # Phones write quirky EXIF: the picture is kept (unrotated) rather than refused or a 500.
    assert response.status_code == 200, response.text
    picture = await client.get(response.json()["avatar_url"])
    with Image.open(io.BytesIO(picture.content)) as image:
        assert image.format == "WEBP"
        assert image.size == (400, 400)
        assert len(image.getexif()) == 0


async def test_an_upload_over_the_size_limit_is_413(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    await make_user(db, username="heavy")
    await log_in(client, "heavy")
    data = b"\xff\xd8\xff" + b"\x00" * (settings.max_avatar_bytes + 100_000)
    response = await upload(client, data, "heavy.jpg")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert (await client.get("/api/v1/me")).json()["avatar_url"] is None


async def test_a_missing_file_field_is_422(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="forgetful")
    await log_in(client, "forgetful")
    response = await client.put(AVATAR, files={"picture": ("a.gif", gif(), "image/gif")})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "file"


# --- replacing and removing ----------------------------------------------------------------


async def test_replacing_the_avatar_removes_the_old_file(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    await make_user(db, username="changeable")
    await log_in(client, "changeable")
    first = (await upload(client, gif())).json()["avatar_url"]
    assert avatar_path(settings, first).is_file()

    second = (await upload(client, png_with_alpha(), "b.png", "image/png")).json()["avatar_url"]
    assert second != first
    assert avatar_path(settings, second).is_file()
    assert not avatar_path(settings, first).exists()
    assert (await client.get(first)).status_code == 404
    assert (await client.get(second)).status_code == 200


async def test_a_refused_upload_keeps_the_current_avatar(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    await make_user(db, username="steady")
    await log_in(client, "steady")
    current = (await upload(client, gif())).json()["avatar_url"]
    assert (await upload(client, b"garbage", "x.jpg")).status_code == 422
    assert (await client.get("/api/v1/me")).json()["avatar_url"] == current
    assert avatar_path(settings, current).is_file()
    assert sorted(path.name for path in avatar_path(settings, current).parent.iterdir()) == [
        avatar_path(settings, current).name
    ]


async def test_deleting_the_avatar_removes_the_file(
    client: httpx.AsyncClient, raw_client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    await make_user(db, username="faceless")
    await log_in(client, "faceless")
    url = (await upload(client, jpeg_with_exif())).json()["avatar_url"]
    path = avatar_path(settings, url)
    assert path.is_file()

    response = await client.delete(AVATAR)
    assert response.status_code == 200
    assert response.json()["avatar_url"] is None
    assert not path.exists()
    assert (await raw_client.get(url)).status_code == 404
    assert (await raw_client.get("/api/v1/users/faceless")).json()["avatar_url"] is None

    again = await client.delete(AVATAR)
    assert again.status_code == 200, "removing no picture is harmless"
    assert again.json()["avatar_url"] is None


async def test_someone_elses_upload_does_not_touch_your_avatar(
    client: httpx.AsyncClient, app: Any, db: AsyncSession, settings: Settings
) -> None:
    await make_user(db, username="first_face")
    await make_user(db, username="second_face")
    await log_in(client, "first_face")
    mine = (await upload(client, gif())).json()["avatar_url"]

    async with CSRFClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as other:
        await other.get("/login")
        await log_in(other, "second_face")
        theirs = await upload(other, png_with_alpha(), "a.png", "image/png")
        assert theirs.status_code == 200, theirs.text
        assert theirs.json()["avatar_url"] != mine
        assert (await other.delete(AVATAR)).status_code == 200
    assert avatar_path(settings, mine).is_file()
    assert (await client.get("/api/v1/me")).json()["avatar_url"] == mine
