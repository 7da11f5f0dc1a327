"""What a file is, decided by its first bytes, and why a file is refused.

Names and ``Content-Type`` headers lie (a phone sends HEIC called ``IMG_1234.JPG``), so
everything downstream trusts :func:`sniff` only. It looks at magic bytes and nothing
else: whether the rest of the file is readable is for the decoders to find out.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from enum import StrEnum
from typing import Literal

from potluck.kit.i18n import N_

# Enough for every signature below, including an ISO-BMFF ``ftyp`` box with a few
# compatible brands.
SNIFF_BYTES = 64


class MediaFormat(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    GIF = "gif"
    HEIC = "heic"
    MP4 = "mp4"
    MOV = "mov"
    WEBM = "webm"


_IMAGES = frozenset({MediaFormat.JPEG, MediaFormat.PNG, MediaFormat.WEBP, MediaFormat.GIF, MediaFormat.HEIC})

_CONTENT_TYPES = {
    MediaFormat.JPEG: "image/jpeg",
    MediaFormat.PNG: "image/png",
    MediaFormat.WEBP: "image/webp",
    MediaFormat.GIF: "image/gif",
    MediaFormat.HEIC: "image/heic",
    MediaFormat.MP4: "video/mp4",
    MediaFormat.MOV: "video/quicktime",
    MediaFormat.WEBM: "video/webm",
}

_SIGNATURES = (
    (b"\xff\xd8\xff", MediaFormat.JPEG),
    (b"\x89PNG\r\n\x1a\n", MediaFormat.PNG),
    (b"GIF87a", MediaFormat.GIF),
    (b"GIF89a", MediaFormat.GIF),
    # EBML: WebM or Matroska; the decoder reads both, so the difference is moot.
    (b"\x1a\x45\xdf\xa3", MediaFormat.WEBM),
)

# ISO-BMFF brands (the ``ftyp`` box). HEIF image brands: HEVC-coded stills and
# sequences, plus the generic MIAF/HEIF ones iPhones and Samsungs put first.
_HEIC_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
)
# AVIF shares the HEIF container (and often the ``mif1`` brand): refused until we decide
# to support it, so an AVIF must not slip through as "heic".
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_MOV_BRANDS = frozenset({b"qt  "})
# Sound only (iTunes audio and audiobooks), though they list "isom" too.
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso8", b"iso9",
        b"mp41", b"mp42", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"dash", b"msdh", b"mmp4",
        b"MSNV", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"XAVC",
    }
)  # fmt: skip


def sniff(head: bytes) -> MediaFormat | None:
    """The format ``head`` (the file's first bytes, 64 are enough) starts like, or None."""
    head = head[:SNIFF_BYTES]
    for magic, fmt in _SIGNATURES:
        if head.startswith(magic):
            return fmt
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaFormat.WEBP
    if head[4:8] == b"ftyp":
        return _sniff_ftyp(head)
    return None


def _sniff_ftyp(head: bytes) -> MediaFormat | None:
    (box_size,) = struct.unpack(">I", head[:4])
    # Size 1 means a 64-bit size follows; no real ftyp box is that large, but stay safe.
    end = min(len(head), box_size) if box_size >= 16 else len(head)
    major = head[8:12]
    compatible = [head[offset : offset + 4] for offset in range(16, end - 3, 4)]
    brands = [major, *compatible]
    if _AVIF_BRANDS.intersection(brands) or major in _AUDIO_BRANDS:
        return None
    # The major brand says what the file mainly is; the compatible brands speak only
    # when it is one we do not know (a vendor's own brand ahead of "isom").
    for brand in brands:
        if brand in _HEIC_BRANDS:
            return MediaFormat.HEIC
        if brand in _MOV_BRANDS:
            return MediaFormat.MOV
        if brand in _MP4_BRANDS:
            return MediaFormat.MP4
    return None


def kind_of(fmt: MediaFormat) -> Literal["image", "video"]:
    return "image" if fmt in _IMAGES else "video"


def content_type(fmt: MediaFormat) -> str:
    return _CONTENT_TYPES[fmt]


# --- errors -----------------------------------------------------------------------------

# English templates marked for translation; the service turns a MediaRejected into a
# PotluckError with the same template and params, so people read it in their language.
_MESSAGES: Mapping[str, str] = {
    "unsupported_type": N_(
        "This file is not a photo or video we accept (JPEG, PNG, WebP, GIF, HEIC, MP4, MOV, WebM)."
    ),
    "too_many_pixels": N_("This picture is too large: at most %(megapixels)d megapixels."),
    "unreadable_image": N_("This picture is damaged or incomplete and cannot be read."),
    "too_long": N_("This video is too long: at most %(minutes)d minutes."),
    "too_long_seconds": N_("This video is too long: at most %(seconds)d seconds."),
    "unreadable_video": N_("This video is damaged or in a format we cannot read."),
    "too_large": N_("This file is too large: at most %(megabytes)d MB."),
}


class MediaRejected(Exception):
    """A file the pipeline refuses, for a reason the uploader can act on.

    ``reason`` is a stable machine-readable code (``unsupported_type``, ``too_many_pixels``,
    ``unreadable_image``, ``too_long``, ``unreadable_video``, ``too_large``); ``params`` fill
    the English ``template``; ``str()`` is the filled-in sentence.
    """

    def __init__(self, reason: str, params: Mapping[str, int | str] | None = None) -> None:
        self.reason = reason
        self.params: dict[str, int | str] = dict(params or {})
        self.template = _template(reason, self.params)
        super().__init__(self.template % self.params if self.params else self.template)


def _template(reason: str, params: Mapping[str, int | str]) -> str:
    if reason == "too_long" and "minutes" not in params:
        return _MESSAGES["too_long_seconds"]
    return _MESSAGES.get(reason, N_("This file cannot be used."))
