"""Photos come out upright, small, WebP, without a byte of metadata; bad files are refused."""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path

import blurhash
import pytest
import pyvips
from PIL import ExifTags, Image

from potluck.media.images import DETAIL, GRID, image_dimensions, process_image
from potluck.media.sniff import MediaFormat, MediaRejected, sniff

RED, BLUE = (220, 20, 30), (20, 40, 210)

# blurhash-python reads pixels with Image.getdata, which Pillow 13 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:Image.Image.getdata is deprecated:DeprecationWarning")


def halves(size: tuple[int, int], left: tuple[int, int, int], right: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def noisy(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Compresses like a photo, so a truncated copy loses real scan data."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3)).resize(
        (size[0] * 2, size[1] * 2), Image.Resampling.BILINEAR
    )


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width x height`` over a few hundred bytes of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 4)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )
    return path


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def variant(result: object, name: str) -> Path:
    variants = {v.name: v for v in result.variants}  # type: ignore[attr-defined]
    return variants[name].path


@pytest.fixture
def sideways_jpeg(tmp_path: Path) -> Path:
    """Stored 2000x1500 with red on the left; EXIF orientation 6 means "turn clockwise",
    so upright it is 1500x2000 with red on top. Carries GPS and a camera name."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SecretCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 1.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 2.0)
    path = tmp_path / "IMG_0001.JPG"
    halves((2000, 1500), RED, BLUE).save(path, "JPEG", quality=90, exif=exif)
    assert Image.open(path).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test can fail
    return path


def test_a_phone_photo_comes_out_upright_sized_and_without_metadata(
    sideways_jpeg: Path, tmp_path: Path
) -> None:
    result = process_image(sideways_jpeg, tmp_path / "out")

    assert (result.width, result.height) == (1500, 2000)
    assert result.format is MediaFormat.JPEG
    assert [(v.name, v.width, v.height, v.content_type) for v in result.variants] == [
        ("grid", 540, 720, "image/webp"),
        ("detail", 1440, 1920, "image/webp"),
    ]
    for item in result.variants:
        data = item.path.read_bytes()
        assert sniff(data[:64]) is MediaFormat.WEBP
        assert b"Exif" not in data
        assert b"SecretCam" not in data
        assert b"GPS" not in data
        assert b"ICCP" not in data
        with Image.open(item.path) as image:
            assert image.size == (item.width, item.height)
            assert not image.getexif()
            assert "icc_profile" not in image.info
            rgb = image.convert("RGB")
            top, bottom = (
                rgb.getpixel((image.width // 2, 10)),
                rgb.getpixel((image.width // 2, image.height - 10)),
            )
        assert isinstance(top, tuple)
        assert isinstance(bottom, tuple)
        assert top[0] > 180 > top[2], "red is on top once the photo is turned upright"
        assert bottom[2] > 180 > bottom[0]


def test_dimensions_come_from_the_header_upright(sideways_jpeg: Path) -> None:
    assert image_dimensions(sideways_jpeg) == (1500, 2000)


def test_placeholder_is_a_4x3_blurhash_and_the_most_common_colour(tmp_path: Path) -> None:
    # Mostly red with a blue stripe: the mean would be purple, the dominant colour is red.
    picture = Image.new("RGB", (800, 600), RED)
    picture.paste(BLUE, (0, 0, 800, 200))
    path = tmp_path / "red.png"
    picture.save(path)

    result = process_image(path, tmp_path / "out")

    assert len(result.blurhash) == 28  # 1 + 1 + 4 + 2 * (4 * 3 - 1)
    assert result.blurhash[0] == "L"  # (4 - 1) + (3 - 1) * 9 = 21, base83 "L"
    assert blurhash.is_valid_blurhash(result.blurhash)
    assert blurhash.decode(result.blurhash, 8, 6).size == (8, 6)
    red, green, blue = (int(result.dominant_color[i : i + 2], 16) for i in (1, 3, 5))
    assert result.dominant_color.startswith("#")
    assert red > 180
    assert green < 60
    assert blue < 60


def test_png_transparency_is_kept(tmp_path: Path) -> None:
    picture = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    picture.paste((30, 160, 60, 255), (300, 200, 600, 400))
    path = tmp_path / "sticker.png"
    picture.save(path)

    result = process_image(path, tmp_path / "out")

    with Image.open(variant(result, "grid")) as grid:
        assert grid.mode == "RGBA"
        assert grid.size == (540, 360)
        assert grid.getpixel((5, 5))[3] == 0  # type: ignore[index]
        assert grid.getpixel((270, 180))[3] == 255  # type: ignore[index]
    # Transparent corners count as the white page behind them, not as black.
    assert all(int(result.dominant_color[i : i + 2], 16) >= 250 for i in (1, 3, 5))


def test_small_pictures_are_never_upscaled(tmp_path: Path) -> None:
    path = tmp_path / "small.webp"
    halves((400, 300), RED, BLUE).save(path, "WEBP")

    result = process_image(path, tmp_path / "out")

    assert result.format is MediaFormat.WEBP
    assert [(v.name, v.width, v.height) for v in result.variants] == [
        ("grid", 400, 300),
        ("detail", 400, 300),
    ]
    assert all(v.path.exists() for v in result.variants)


def test_very_tall_pictures_are_capped_at_three_times_their_width(tmp_path: Path) -> None:
    path = tmp_path / "long-screenshot.png"
    Image.new("RGB", (1200, 9000), BLUE).save(path)

    result = process_image(path, tmp_path / "out")

    for item, box in zip(result.variants, (GRID, DETAIL), strict=True):
        assert item.height == box.height
        assert item.width <= box.width


@pytest.mark.parametrize("fmt", ["jpeg", "heic"])
def test_colour_profiles_are_converted_to_srgb_before_being_dropped(tmp_path: Path, fmt: str) -> None:
    srgb = pyvips.Image.black(600, 400).new_from_image([200, 100, 50]).copy(interpretation="srgb")
    wide = srgb.icc_transform("p3", input_profile="srgb")  # same colour, Display P3 numbers
    assert abs(wide(10, 10)[0] - 200) > 8  # the stored numbers really differ
    path = tmp_path / f"p3.{fmt}"
    if fmt == "jpeg":
        wide.jpegsave(str(path), Q=95)
    else:
        pytest.importorskip("pillow_heif").register_heif_opener()
        pixels = Image.frombytes("RGB", (600, 400), wide.write_to_memory())
        pixels.save(path, quality=95, chroma=444, icc_profile=wide.get("icc-profile-data"))

    result = process_image(path, tmp_path / "out")

    with Image.open(variant(result, "detail")) as detail:
        assert "icc_profile" not in detail.info
        pixel = detail.convert("RGB").getpixel((300, 200))
    assert isinstance(pixel, tuple)
    assert all(abs(got - want) <= 6 for got, want in zip(pixel, (200, 100, 50), strict=True)), pixel


def test_animated_gif_stays_animated_and_its_placeholder_is_the_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (600, 400), colour) for colour in (RED, (20, 180, 40), BLUE)]
    path = tmp_path / "dance.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=120, loop=0)

    result = process_image(path, tmp_path / "out")

    assert result.format is MediaFormat.GIF
    assert (result.width, result.height) == (600, 400)
    with Image.open(variant(result, "grid")) as grid:
        assert grid.size == (540, 360)
        assert getattr(grid, "n_frames", 1) == 3
    assert result.dominant_color[1:3] >= "c0"  # red, from the first frame


def test_animation_past_the_pixel_budget_becomes_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (600, 400), colour) for colour in (RED, BLUE, (20, 180, 40))]
    path = tmp_path / "long.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=120, loop=0)

    result = process_image(path, tmp_path / "out", max_pixels=600 * 400 * 2)

    with Image.open(variant(result, "detail")) as detail:
        assert getattr(detail, "n_frames", 1) == 1
        assert detail.convert("RGB").getpixel((10, 10))[0] > 180  # type: ignore[index]


def test_heic_from_an_iphone_is_read(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0002.HEIC"
    halves((1600, 1200), RED, BLUE).save(path, quality=80)

    result = process_image(path, tmp_path / "out")

    assert result.format is MediaFormat.HEIC
    assert (result.width, result.height) == (1600, 1200)
    assert [(v.width, v.height) for v in result.variants] == [(540, 405), (1440, 1080)]
    with Image.open(variant(result, "detail")) as detail:
        left = detail.convert("RGB").getpixel((100, 540))
    assert isinstance(left, tuple)
    assert left[0] > 180 > left[2]


def test_a_text_file_called_jpg_is_refused_as_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "holiday.jpg"
    path.write_text("not a picture at all, just words\n" * 20)

    assert sniff(path.read_bytes()[:64]) is None
    with pytest.raises(MediaRejected) as refused:
        process_image(path, tmp_path / "out")
    assert refused.value.reason == "unsupported_type"
    with pytest.raises(MediaRejected):
        image_dimensions(path)


def test_a_truncated_jpeg_is_refused_rather_than_padded_with_grey(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    noisy((800, 600)).save(buffer, "JPEG", quality=90)
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])

    with pytest.raises(MediaRejected) as refused:
        process_image(path, tmp_path / "out")
    assert refused.value.reason == "unreadable_image"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    path = png_claiming(tmp_path / "bomb.png", 20_000, 20_000)  # 400 MP, 1.2 GB decoded
    assert path.stat().st_size < 10_000
    before = resident_bytes()

    with pytest.raises(MediaRejected) as refused:
        process_image(path, tmp_path / "out")

    assert refused.value.reason == "too_many_pixels"
    assert refused.value.params == {"megapixels": 50}
    assert resident_bytes() - before < 50 * 2**20


def test_a_60_megapixel_png_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    pyvips.Image.black(8000, 7500).pngsave(str(path), compression=1)
    before = resident_bytes()

    with pytest.raises(MediaRejected) as refused:
        process_image(path, tmp_path / "out")

    assert refused.value.reason == "too_many_pixels"
    assert resident_bytes() - before < 50 * 2**20


def test_the_pixel_limit_is_the_callers(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    halves((1500, 1000), RED, BLUE).save(path)

    with pytest.raises(MediaRejected) as refused:
        process_image(path, tmp_path / "out", max_pixels=1_000_000)

    assert refused.value.params == {"megapixels": 1}
    assert str(refused.value) == "This picture is too large: at most 1 megapixels."
