"""Photos: checked from the header, turned upright, re-encoded as WebP without metadata.

libvips (pyvips) does the work: it decodes JPEG and WebP at a reduced scale
("shrink-on-load") and streams PNG and GIF rows through the pipeline, so no picture sits
in memory at full size; HEIC pixels come from pillow-heif (see ``_decode_heic``).
``bench/media_pipeline.py`` measures it against Pillow: about even on a 12 MP JPEG,
where libwebp's encoding dominates, and 1.7x faster in a third of the memory on a 27 MP
PNG, which Pillow must hold whole.

Variants, both WebP at quality 80, never upscaled:

- ``grid``: fits 540 x 1620 (the feed's cards, 270 CSS px at 2x);
- ``detail``: fits 1440 x 4320 (the note page, full-screen on phones).

Heights are capped at three times the width so a long stitched screenshot stays a
reasonable file; such an image comes out narrower than the box. Small images still get
both files (identical in size when the photo is under 540 px wide) so every processed
image has the same variants.

Animated GIF and WebP stay animated when every frame fits the pixel budget together
(``width * height * frames <= max_pixels``); otherwise their variants are the first
frame only, so a long animation costs no more to decode than one large photo. The
placeholder (blurhash, dominant colour) always comes from the first frame.

Functions are synchronous and CPU-bound: callers run them in a worker thread, a few at a
time, since each call already uses libvips' own thread pool (``VIPS_CONCURRENCY``, one
thread per core by default). They share no state and may run concurrently; each needs
about 60-100 MB at its peak.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import blurhash
import pyvips
from PIL import Image

from potluck.media.sniff import SNIFF_BYTES, MediaFormat, MediaRejected, kind_of, sniff

try:
    import pillow_heif

    HEIF_DECODER = True
except ImportError:  # then HEIC needs a libvips built with libde265
    HEIF_DECODER = False

WEBP = "image/webp"
WEBP_QUALITY = 80
BLURHASH_COMPONENTS = (4, 3)
# Blurhash and the dominant colour only need a few hundred pixels.
PLACEHOLDER_SIZE = 32
# Quantisation of the dominant-colour histogram: 3 bits per channel (512 buckets) is
# coarse enough to gather a photo's shades of one colour into one bucket.
_BUCKET_SHIFT = 5
_ANIMATED = frozenset({MediaFormat.GIF, MediaFormat.WEBP})
# EXIF orientations 5-8 turn the picture a quarter, swapping width and height.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})

# libvips' operation cache keeps recent images (and their open files and pixel buffers)
# alive for reuse; every upload is different, so it only costs memory here.
pyvips.cache_set_max(0)


@dataclass(frozen=True)
class _Box:
    name: str
    width: int
    height: int
    effort: int  # libwebp's "method", 0 (fast) to 6 (small)


# Every feed scroll fetches grid images, so they get the tighter encoding; the detail
# image encodes 2.3 times faster at effort 2 for about 6% more bytes, which keeps a
# 12 MP photo under the 400 ms budget (bench/media_pipeline.py).
GRID = _Box("grid", 540, 1620, effort=4)
DETAIL = _Box("detail", 1440, 4320, effort=2)


@dataclass(frozen=True)
class ImageVariant:
    name: str  # "grid" | "detail"
    path: Path
    width: int
    height: int  # of one frame, for animations
    content_type: str


@dataclass(frozen=True)
class ProcessedImage:
    width: int  # upright, after EXIF orientation
    height: int
    blurhash: str
    dominant_color: str  # "#rrggbb"
    variants: tuple[ImageVariant, ...]
    format: MediaFormat


def image_dimensions(path: Path) -> tuple[int, int]:
    """Width and height of the upright picture, from the header only (nothing decoded).

    Raises MediaRejected (``unsupported_type``, ``unreadable_image``).
    """
    _image_format(path)
    return _upright_size(_header(path))


def process_image(path: Path, out_dir: Path, *, max_pixels: int = 50_000_000) -> ProcessedImage:
    """Check, decode and re-encode the picture at ``path`` into ``out_dir``.

    Writes ``grid.webp`` and ``detail.webp`` (overwriting them) and returns their sizes
    with the placeholder. ``path`` must not end in ``]`` (libvips reads load options
    there); callers pass their own temporary file names. Raises MediaRejected
    (``unsupported_type``, ``too_many_pixels``, ``unreadable_image``); nothing is left
    in ``out_dir`` then.
    """
    fmt = _image_format(path)
    header = _header(path)
    frame_pixels = header.width * header.height
    if frame_pixels > max_pixels:
        raise MediaRejected("too_many_pixels", {"megapixels": max_pixels // 1_000_000})
    frames = _frame_count(header) if fmt in _ANIMATED else 1
    animated = frames > 1 and frame_pixels * frames <= max_pixels
    upright_width, upright_height = _upright_size(header)

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        detail = _detail(path, fmt, header, animated=animated)
        variants = [_save(detail, out_dir, DETAIL, written)]
        grid = detail.thumbnail_image(GRID.width, height=GRID.height, size=pyvips.Size.DOWN)
        variants.insert(0, _save(grid, out_dir, GRID, written))
        placeholder = _placeholder_pixels(_first_frame(grid))
    except pyvips.Error as error:
        for file in written:
            file.unlink(missing_ok=True)
        raise MediaRejected("unreadable_image") from error
    color = dominant_color(placeholder)
    return ProcessedImage(
        width=upright_width,
        height=upright_height,
        # blurhash.encode closes the image it is given: it goes last.
        blurhash=blurhash.encode(placeholder, *BLURHASH_COMPONENTS),
        dominant_color=color,
        variants=tuple(variants),
        format=fmt,
    )


def dominant_color(image: Image.Image) -> str:
    """The mean of the most common colour bucket of a small RGB image, as ``#rrggbb``.

    The plain mean of a photo is a muddy grey-brown; the biggest bucket is the colour a
    person would name (the sky, the plate, the wall).
    """
    data = image.convert("RGB").tobytes()
    buckets: dict[tuple[int, int, int], list[tuple[int, int, int]]] = {}
    for offset in range(0, len(data), 3):
        pixel = (data[offset], data[offset + 1], data[offset + 2])
        key = (pixel[0] >> _BUCKET_SHIFT, pixel[1] >> _BUCKET_SHIFT, pixel[2] >> _BUCKET_SHIFT)
        buckets.setdefault(key, []).append(pixel)
    counts = Counter({key: len(members) for key, members in buckets.items()})
    (biggest, _count), *_ = counts.most_common(1)
    members = buckets[biggest]
    red, green, blue = (
        round(sum(pixel[channel] for pixel in members) / len(members)) for channel in range(3)
    )
    return f"#{red:02x}{green:02x}{blue:02x}"


def _image_format(path: Path) -> MediaFormat:
    with path.open("rb") as file:
        fmt = sniff(file.read(SNIFF_BYTES))
    if fmt is None or kind_of(fmt) != "image":
        raise MediaRejected("unsupported_type")
    return fmt


def _header(path: Path) -> pyvips.Image:
    """The image with its header parsed; libvips decodes no pixel until asked."""
    try:
        return pyvips.Image.new_from_file(
            str(path), access=pyvips.Access.SEQUENTIAL, fail_on=pyvips.FailOn.TRUNCATED
        )
    except pyvips.Error as error:
        raise MediaRejected("unreadable_image") from error


def _frame_count(header: pyvips.Image) -> int:
    return int(header.get("n-pages")) if header.get_typeof("n-pages") else 1


def _upright_size(header: pyvips.Image) -> tuple[int, int]:
    orientation = int(header.get("orientation")) if header.get_typeof("orientation") else 1
    if orientation in _QUARTER_TURNS:
        return header.height, header.width
    return header.width, header.height


def _detail(path: Path, fmt: MediaFormat, header: pyvips.Image, *, animated: bool) -> pyvips.Image:
    """The detail-sized picture, upright, in 8-bit sRGB, rendered into memory.

    ``thumbnail`` picks the decode scale from the target size (JPEG at 1/2, 1/4, 1/8;
    WebP likewise) and applies the EXIF orientation. Animations load every frame. The
    sequential load fails on truncated data instead of padding it with grey.
    """
    fit: dict[str, object] = {"height": DETAIL.height, "size": pyvips.Size.DOWN}
    source: pyvips.Image | None = None  # None: thumbnail straight from the file
    if animated:
        source = pyvips.Image.new_from_file(
            str(path), n=-1, access=pyvips.Access.SEQUENTIAL, fail_on=pyvips.FailOn.TRUNCATED
        )
    elif fmt is MediaFormat.HEIC and HEIF_DECODER:
        source = _decode_heic(path)
    # Embedded profiles (Display P3 on iPhones, Adobe RGB, CMYK) are converted to sRGB.
    # The conversion costs a pass over the pixels, so pictures without a profile, sRGB
    # by the web's convention, skip it.
    if (header if source is None else source).get_typeof("icc-profile-data"):
        fit["output_profile"] = "srgb"
    if source is None:
        image = pyvips.Image.thumbnail(str(path), DETAIL.width, fail_on=pyvips.FailOn.TRUNCATED, **fit)
    else:
        image = source.thumbnail_image(DETAIL.width, **fit)
    if image.interpretation not in (pyvips.Interpretation.SRGB, pyvips.Interpretation.B_W):
        image = image.colourspace(pyvips.Interpretation.SRGB)
    if image.format != pyvips.BandFormat.UCHAR:
        image = image.cast(pyvips.BandFormat.UCHAR)
    # Rendered once: the detail is encoded, then shrunk to the grid, and a sequential
    # pipeline from the file could be read only once.
    return image.copy_memory()


_HEIF_BANDS = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}


def _decode_heic(path: Path) -> pyvips.Image:
    """The HEIC's primary image decoded at full size by libheif (pillow-heif's copy).

    The libvips of the pyvips wheels reads HEIF containers but has no HEVC decoder
    (patents), so pillow-heif, which bundles libde265, decodes the pixels. libheif
    applies the container's rotation and mirroring; the ICC profile (Display P3 on
    iPhones) rides along for the conversion to sRGB. No reduced-scale decode here: a
    12 MP HEIC briefly costs about 70 MB.
    """
    try:
        heif = pillow_heif.open_heif(path, convert_hdr_to_8bit=True)
        bands = _HEIF_BANDS[heif.mode]
        width, height = heif.size
        data, stride = heif.data, heif.stride
    except (ValueError, RuntimeError, KeyError, OSError) as error:
        raise MediaRejected("unreadable_image") from error
    row = width * bands
    if stride != row:
        view = memoryview(data)
        data = b"".join(view[y * stride : y * stride + row] for y in range(height))
    image = pyvips.Image.new_from_memory(data, width, height, bands, pyvips.BandFormat.UCHAR)
    image = image.copy(interpretation=pyvips.Interpretation.SRGB if bands >= 3 else pyvips.Interpretation.B_W)
    icc = heif.info.get("icc_profile")
    if icc:
        image.set_type(pyvips.GValue.blob_type, "icc-profile-data", bytes(icc))
    return image


def _save(image: pyvips.Image, out_dir: Path, box: _Box, written: list[Path]) -> ImageVariant:
    path = out_dir / f"{box.name}.webp"
    written.append(path)
    # keep=NONE drops EXIF (GPS included), XMP, IPTC and the ICC profile; the pixels are
    # sRGB already, which is what browsers assume without a profile.
    image.webpsave(str(path), Q=WEBP_QUALITY, effort=box.effort, keep=pyvips.ForeignKeep.NONE)
    frame = _first_frame(image)
    return ImageVariant(name=box.name, path=path, width=frame.width, height=frame.height, content_type=WEBP)


def _first_frame(image: pyvips.Image) -> pyvips.Image:
    """An animation is one tall strip of frames ``page-height`` high; a still is itself."""
    if image.get_typeof("page-height"):
        page_height = int(image.get("page-height"))
        if 0 < page_height < image.height:
            return image.crop(0, 0, image.width, page_height)
    return image


def _placeholder_pixels(image: pyvips.Image) -> Image.Image:
    """A tiny RGB copy for the blurhash and the dominant colour.

    Transparency is flattened onto white, the colour of the page behind the card.
    """
    tiny = image.thumbnail_image(PLACEHOLDER_SIZE, height=PLACEHOLDER_SIZE)
    if tiny.hasalpha():
        tiny = tiny.flatten(background=[255])
    if tiny.bands < 3:
        tiny = tiny.colourspace(pyvips.Interpretation.SRGB)
    tiny = tiny.extract_band(0, n=3).cast(pyvips.BandFormat.UCHAR)
    return Image.frombytes("RGB", (tiny.width, tiny.height), tiny.write_to_memory())
