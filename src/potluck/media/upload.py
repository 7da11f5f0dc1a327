"""Receiving an upload: the multipart body streamed to a temporary file, checked as it comes.

The body is parsed chunk by chunk (python-multipart's push parser) and written straight to
disk while its SHA-256 is computed, so a 200 MB video costs a few hundred kilobytes of
memory. The first bytes decide the type (by content, never by name) and with it the size
limit, so a text file called ``.jpg`` is refused after its first chunk, and an oversized
photo as soon as it passes the limit.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

from potluck.kit.errors import Invalid, TooLarge, UnsupportedMedia
from potluck.kit.i18n import N_
from potluck.media.sniff import MediaFormat, kind_of, sniff

SNIFF_BYTES = 64
FILE_FIELD = "file"


@dataclass(frozen=True)
class Limits:
    image_bytes: int
    video_bytes: int


@dataclass(frozen=True)
class StagedUpload:
    """An upload on local disk; the caller moves it into storage and deletes ``path``."""

    path: Path
    size: int
    sha256: str
    format: MediaFormat
    filename: str


def unsupported() -> UnsupportedMedia:
    return UnsupportedMedia(
        N_(
            "This file is not a photo or video we can use: send JPEG, PNG, WebP, GIF, HEIC, MP4, MOV or WebM."
        ),
        field=FILE_FIELD,
        reason="unsupported_type",
    )


def too_large(limit: int) -> TooLarge:
    return TooLarge(
        N_("This file is too large: at most %(megabytes)d MB."),
        field=FILE_FIELD,
        reason="too_large",
        params={"megabytes": limit // (1024 * 1024)},
    )


class _Receiver:
    """The parser's callbacks: one file part written to ``sink``, everything else ignored."""

    def __init__(self, sink: IO[bytes], limits: Limits) -> None:
        self.sink = sink
        self.limits = limits
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""
        self.format: MediaFormat | None = None
        self.limit = limits.video_bytes
        self.filename = ""
        self.files = 0
        self._header_field = b""
        self._header_value = b""
        self._disposition = b""
        self._in_file = False

    def on_part_begin(self) -> None:
        self._disposition = b""

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_field.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_field = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._in_file = options.get(b"name") == FILE_FIELD.encode() and b"filename" in options
        if self._in_file:
            self.files += 1
            if self.files > 1:
                raise Invalid(N_("Send one file per upload."), field=FILE_FIELD, reason="too_many_files")
            self.filename = options[b"filename"].decode("utf-8", "replace")[:200]

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if not self._in_file:
            return
        chunk = data[start:end]
        if self.format is None:
            self.head += chunk[: SNIFF_BYTES - len(self.head)]
            if len(self.head) >= SNIFF_BYTES:
                self._decide()
        self.size += len(chunk)
        if self.size > self.limit:
            raise too_large(self.limit)
        self.digest.update(chunk)
        # Plain writes: they land in the page cache in microseconds, cheaper than a thread hop.
        self.sink.write(chunk)

    def on_part_end(self) -> None:
        if self._in_file and self.format is None:
            self._decide()
        self._in_file = False

    def _decide(self) -> None:
        found = sniff(self.head)
        if found is None:
            raise unsupported()
        self.format = found
        self.limit = self.limits.image_bytes if kind_of(found) == "image" else self.limits.video_bytes


async def receive_upload(
    content_type: str, stream: AsyncIterator[bytes], *, directory: Path, limits: Limits
) -> StagedUpload:
    """Stream the ``file`` part of a multipart body into a new file under ``directory``.

    Raises 415 for a type we do not take, 413 past the type's size limit and 422 for a body
    without a file; the partial file is removed in every case.
    """
    media_type, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        raise Invalid(
            N_("Send the file as multipart/form-data in a field called “file”."),
            field=FILE_FIELD,
            reason="not_multipart",
        )
    # Local metadata calls of microseconds; a thread hop would cost more.
    directory.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    descriptor, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=".part")
    path = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as sink:
            receiver = _Receiver(sink, limits)
            parser = MultipartParser(
                boundary,
                {
                    "on_part_begin": receiver.on_part_begin,
                    "on_header_field": receiver.on_header_field,
                    "on_header_value": receiver.on_header_value,
                    "on_header_end": receiver.on_header_end,
                    "on_headers_finished": receiver.on_headers_finished,
                    "on_part_data": receiver.on_part_data,
                    "on_part_end": receiver.on_part_end,
                },
            )
            try:
                async for chunk in stream:
                    parser.write(chunk)
                parser.finalize()
            except MultipartParseError as error:
                raise Invalid(
                    N_("The upload was cut short or garbled; please try again."),
                    field=FILE_FIELD,
                    reason="malformed_upload",
                ) from error
        if receiver.files == 0 or receiver.size == 0:
            raise Invalid(N_("Choose a file to upload."), field=FILE_FIELD, reason="missing")
        if receiver.format is None:
            raise unsupported()
    except BaseException:
        path.unlink(missing_ok=True)  # noqa: ASYNC240 - must run even when cancelled
        raise
    return StagedUpload(
        path=path,
        size=receiver.size,
        sha256=receiver.digest.hexdigest(),
        format=receiver.format,
        filename=receiver.filename,
    )
