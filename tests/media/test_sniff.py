"""Formats are decided by magic bytes, whatever the file is called."""

from __future__ import annotations

import struct

import pytest

from potluck.media.sniff import MediaFormat, MediaRejected, content_type, kind_of, sniff


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = b"ftyp" + major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return struct.pack(">I", len(body) + 4) + body + b"\x00\x00\x00\x08free"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", MediaFormat.JPEG),
        (b"\xff\xd8\xff\xe1\x12\x34Exif\x00\x00", MediaFormat.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", MediaFormat.PNG),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", MediaFormat.WEBP),
        (b"GIF89a\x01\x00\x01\x00", MediaFormat.GIF),
        (b"GIF87a\x01\x00\x01\x00", MediaFormat.GIF),
        (ftyp(b"heic", b"mif1", b"heic", b"miaf"), MediaFormat.HEIC),
        (ftyp(b"mif1", b"heic", b"miaf"), MediaFormat.HEIC),
        (ftyp(b"heix", b"mif1"), MediaFormat.HEIC),
        (ftyp(b"msf1", b"hevc"), MediaFormat.HEIC),
        (ftyp(b"qt  ", b"qt  "), MediaFormat.MOV),
        (ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), MediaFormat.MP4),
        (ftyp(b"mp42", b"isom", b"mp42"), MediaFormat.MP4),
        (ftyp(b"M4V ", b"M4V ", b"mp42"), MediaFormat.MP4),
        (ftyp(b"3gp4", b"isom"), MediaFormat.MP4),
        (b"\x1a\x45\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\x82\x84webm", MediaFormat.WEBM),
    ],
)
def test_known_formats_are_recognised_by_their_first_bytes(head: bytes, expected: MediaFormat) -> None:
    assert sniff(head + b"\x00" * 64) == expected
    assert sniff(head) == expected  # a short head is enough


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"\xff\xd8",  # too short to be sure
        b"hello, this is text pretending to be a .jpg",
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
        b"%PDF-1.7\n",
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # RIFF, but audio
        b"BM\x36\x00\x0c\x00\x00\x00",  # BMP: not accepted
        ftyp(b"avif", b"mif1", b"avif", b"miaf"),  # AVIF is not supported (yet)
        ftyp(b"mif1", b"avif", b"miaf"),  # nor when only a compatible brand says so
        ftyp(b"M4A ", b"M4A ", b"isom"),  # audio-only MP4 must not pass as video
        ftyp(b"crx ", b"crx "),  # a Canon raw
    ],
)
def test_anything_else_is_not_recognised(head: bytes) -> None:
    assert sniff(head) is None


def test_only_the_first_64_bytes_count() -> None:
    assert sniff(b"\x00" * 64 + b"\xff\xd8\xff\xe0") is None


def test_formats_know_their_kind_and_content_type() -> None:
    assert {fmt: kind_of(fmt) for fmt in MediaFormat} == {
        MediaFormat.JPEG: "image",
        MediaFormat.PNG: "image",
        MediaFormat.WEBP: "image",
        MediaFormat.GIF: "image",
        MediaFormat.HEIC: "image",
        MediaFormat.MP4: "video",
        MediaFormat.MOV: "video",
        MediaFormat.WEBM: "video",
    }
    assert content_type(MediaFormat.HEIC) == "image/heic"
    assert content_type(MediaFormat.MOV) == "video/quicktime"
    assert all(content_type(fmt).startswith(kind_of(fmt) + "/") for fmt in MediaFormat)


def test_rejections_carry_a_code_params_and_a_sentence() -> None:
    error = MediaRejected("too_many_pixels", {"megapixels": 50})
    assert error.reason == "too_many_pixels"
    assert error.params == {"megapixels": 50}
    assert str(error) == "This picture is too large: at most 50 megapixels."
    assert str(MediaRejected("too_long", {"minutes": 5})) == "This video is too long: at most 5 minutes."
    assert str(MediaRejected("too_long", {"seconds": 30})) == "This video is too long: at most 30 seconds."
    assert str(MediaRejected("unsupported_type")).startswith("This file is not a photo or video")
